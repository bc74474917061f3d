import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataSource } from "typeorm";
import { nameKey } from "../../src/domain/normalise";
import { encodeGlobalId } from "../../src/schema/global-id";
import { openTestDataSource } from "../helpers/db";
import { Factory } from "../helpers/factories";
import { TestClient } from "../helpers/graphql";
import { PublisherFixture, type TestPublisher } from "../helpers/publishers";

const USER_ERRORS = "userErrors { field message code }";
const SAVE = `mutation($input: SaveInnovationInput!) { saveInnovation(input: $input) {
  innovation { id slug name acronym acronymExpansion sector region { code } institution { id name kind region { code } } sources { url } } ${USER_ERRORS} } }`;
const STATUS = `mutation($input: UpdateInnovationStatusInput!) { updateInnovationStatus(input: $input) { innovation { status { status asOf } } ${USER_ERRORS} } }`;
const EDITION = `mutation($input: RegisterCompetitionEditionInput!) { registerCompetitionEdition(input: $input) {
  edition { id name year tiers { label size order tier } criteria { name weightPercent } stages { order name } } ${USER_ERRORS} } }`;
const RESULTS = `mutation($input: RecordAwardResultsInput!) { recordAwardResults(input: $input) {
  results { id label tier tierRank place group innovation { id } } ${USER_ERRORS} } }`;
const REPLICATION = `mutation($input: RecordReplicationInput!) { recordReplication(input: $input) {
  replication { id status agreedOn implementedOn adopter { name kind region { code } } } ${USER_ERRORS} } }`;

type UserErrors = { field: string[]; message: string; code: string }[];

describe("publishing mutations", () => {
  let ds: DataSource;
  let client: TestClient;
  let f: Factory;
  let publishers: PublisherFixture;
  let jateng: TestPublisher;
  const id: Record<string, number> = {};
  let n = 0;
  const source = () => ({ url: `https://example.org/page-${f.tag}-${++n}` });
  const gid = (type: Parameters<typeof encodeGlobalId>[0], key: number) => encodeGlobalId(type, key);

  beforeAll(async () => {
    ds = await openTestDataSource();
    client = await TestClient.create(ds);
    f = new Factory(ds);
    publishers = new PublisherFixture(ds, f.tag);
    id.semarang = await f.institution({ regionCode: "33.74", name: `Pemerintah Kota Semarang ${f.tag}` });
    id.competition = await f.competition({ level: "provincial" });
    id.edition = await f.edition(id.competition, 2022);
    await ds.query(`UPDATE competition_edition SET tiers = $2 WHERE id = $1`, [
      id.edition,
      JSON.stringify([{ label: "Top 20", size: 20, order: 1, tier: "top" }]),
    ]);
    id.innovation = await f.innovation(id.semarang, { regionCode: "33.74", name: `Aduan ${f.tag}` });
    id.other = await f.innovation(id.semarang, { regionCode: "33.74", name: `Sehat ${f.tag}` });
    // The factory keys names by slug; entity resolution needs the real key.
    for (const innovationId of [id.innovation, id.other]) {
      const [{ name }] = await ds.query(`SELECT name FROM innovation WHERE id = $1`, [innovationId]);
      await ds.query(`UPDATE innovation SET name_key = $2 WHERE id = $1`, [innovationId, nameKey(name)]);
    }
    jateng = await publishers.create({ region: "33", competitionIds: [id.competition] });
  });

  afterAll(async () => {
    await publishers?.cleanup();
    await f?.cleanup();
    await client?.stop();
    await ds?.destroy();
  });

  async function mutate<T>(query: string, input: Record<string, unknown>): Promise<T> {
    const result = await client.run<Record<string, T>>(query, { input }, { apiKey: jateng.key });
    if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return Object.values(result.data!)[0];
  }

  const auditCount = async () => (await publishers.auditOf(jateng)).length;

  describe("saveInnovation", () => {
    it("creates an innovation: region resolved from a name, acronym from the name, a new institution, a slug, a source", async () => {
      const payload = await mutate<{ innovation: Record<string, unknown>; userErrors: UserErrors }>(SAVE, {
        name: `SELFI ${f.tag} (Sekolah Filial ${f.tag})`,
        sector: "EDUCATION",
        region: "Kab. Pekalongan",
        institution: { name: `Dinas Pendidikan ${f.tag}`, kind: "REGIONAL_DEVICE" },
        source: { url: `https://example.org/selfi-${f.tag}-1`, title: "SELFI" },
      });
      expect(payload.userErrors).toEqual([]);
      expect(payload.innovation).toMatchObject({
        name: `SELFI ${f.tag} (Sekolah Filial ${f.tag})`,
        acronym: `SELFI ${f.tag}`,
        acronymExpansion: `Sekolah Filial ${f.tag}`,
        sector: "EDUCATION",
        region: { code: "33.26" },
        institution: { name: `Dinas Pendidikan ${f.tag}`, kind: "REGIONAL_DEVICE", region: { code: "33.26" } },
        sources: [{ url: `https://example.org/selfi-${f.tag}-1` }],
      });
      expect(payload.innovation.slug).toBe(`selfi-${f.tag}`);
      const audit = await publishers.auditOf(jateng);
      // The institution it made is audited too, citing the same page.
      expect(audit.slice(-2).map((a) => [a.operation, a.subjectType, (a.summary as { action: string }).action])).toEqual([
        ["saveInnovation", "institution", "created"],
        ["saveInnovation", "innovation", "created"],
      ]);
    });

    it("reports every problem of the input at once, as userErrors naming the field, and writes nothing", async () => {
      const before = await auditCount();
      const payload = await mutate<{ innovation: null; userErrors: UserErrors }>(SAVE, {
        name: "   ",
        sdgs: [3, 18],
        launchYear: 1900,
        links: ["ftp://example.org/x"],
        source: { url: "not a url" },
      });
      expect(payload.innovation).toBeNull();
      expect(payload.userErrors.map((e) => [e.field.join("."), e.code])).toEqual([
        ["input.source.url", "INVALID"],
        ["input.name", "REQUIRED"],
        ["input.sector", "REQUIRED"],
        ["input.sdgs", "OUT_OF_RANGE"],
        ["input.launchYear", "OUT_OF_RANGE"],
        ["input.links.0", "INVALID"],
        ["input.institution", "REQUIRED"],
      ]);
      expect(payload.userErrors[3].message).toBe('"input.sdgs" holds SDG numbers 1 to 17; 18 is not one.');
      expect(await auditCount()).toBe(before);
    });

    it("names an unknown or ambiguous region", async () => {
      const unknown = await mutate<{ userErrors: UserErrors }>(SAVE, {
        name: `X ${f.tag}`, sector: "OTHER", region: "Kota Atlantis", institution: { id: gid("Institution", id.semarang) }, source: source(),
      });
      expect(unknown.userErrors).toEqual([
        { field: ["input", "region"], code: "UNKNOWN_REGION", message: '"Kota Atlantis" is neither a Kemendagri code nor a known province, regency or city.' },
      ]);
      const ambiguous = await mutate<{ userErrors: UserErrors }>(SAVE, {
        name: `X ${f.tag}`, sector: "OTHER", region: "Semarang", institution: { id: gid("Institution", id.semarang) }, source: source(),
      });
      expect(ambiguous.userErrors[0].code).toBe("UNKNOWN_REGION");
      expect(ambiguous.userErrors[0].message).toMatch(/ambiguous: Kabupaten Semarang \(33\.22\), Kota Semarang \(33\.74\)/);
      const code = await mutate<{ userErrors: UserErrors }>(SAVE, {
        name: `X ${f.tag}`, sector: "OTHER", region: "99.99", institution: { id: gid("Institution", id.semarang) }, source: source(),
      });
      expect(code.userErrors[0].message).toBe('No region has the Kemendagri code "99.99".');
    });

    it("refuses a second innovation of the same name at the same institution, pointing at the first", async () => {
      const payload = await mutate<{ userErrors: UserErrors }>(SAVE, {
        name: `ADUAN ${f.tag}!`, sector: "COMPLAINTS", institution: { id: gid("Institution", id.semarang) }, source: source(),
      });
      expect(payload.userErrors).toEqual([
        {
          field: ["input", "name"],
          code: "DUPLICATE",
          message: `The institution already has an innovation named like "ADUAN ${f.tag}!" ("inov-${f.tag}-4"); pass its id to update it instead.`,
        },
      ]);
    });

    it("updates only the fields given, and audits the change from and to", async () => {
      const payload = await mutate<{ innovation: { name: string; sector: string }; userErrors: UserErrors }>(SAVE, {
        id: gid("Innovation", id.other), sector: "HEALTH", sdgs: [3, 3, 1], source: source(),
      });
      expect(payload.userErrors).toEqual([]);
      expect(payload.innovation).toMatchObject({ name: `Sehat ${f.tag}`, sector: "HEALTH" });
      const [last] = (await publishers.auditOf(jateng)).slice(-1);
      expect(last.summary).toEqual({ action: "updated", changes: { sector: { from: "other", to: "health" }, sdgs: { from: [], to: [1, 3] } } });
      const again = await mutate<{ userErrors: UserErrors }>(SAVE, { id: gid("Innovation", id.other), sector: "HEALTH", source: source() });
      expect(again.userErrors).toEqual([]);
      const [confirmed] = (await publishers.auditOf(jateng)).slice(-1);
      expect(confirmed.summary).toEqual({ action: "confirmed", changes: {} });
      // Citing one more page for the innovation as it is: a source link and an audit entry, no field changed.
      const cited = source();
      expect((await mutate<{ userErrors: UserErrors }>(SAVE, { id: gid("Innovation", id.other), source: cited })).userErrors).toEqual([]);
      const [onlyCited] = (await publishers.auditOf(jateng)).slice(-1);
      expect([onlyCited.sourceUrl, onlyCited.summary]).toEqual([cited.url, { action: "confirmed", changes: {} }]);
    });

    it("answers a malformed or unknown id as a userError", async () => {
      const wrongType = await mutate<{ userErrors: UserErrors }>(SAVE, { id: gid("Region", "33" as never), summary: "x", source: source() });
      expect(wrongType.userErrors[0]).toMatchObject({ field: ["input", "id"], code: "INVALID" });
      const missing = await mutate<{ userErrors: UserErrors }>(SAVE, { id: gid("Innovation", 999_999_999), summary: "x", source: source() });
      expect(missing.userErrors).toEqual([{ field: ["input", "id"], code: "NOT_FOUND", message: `No innovation has the id "${gid("Innovation", 999_999_999)}".` }]);
    });
  });

  describe("updateInnovationStatus", () => {
    it("keeps the newest dated status: an older one is STALE, a future one OUT_OF_RANGE", async () => {
      const innovationId = gid("Innovation", id.innovation);
      expect((await mutate<{ userErrors: UserErrors }>(STATUS, { innovationId, status: "CONTINUING", asOf: "2025-01-31", source: source() })).userErrors).toEqual([]);
      const stale = await mutate<{ innovation: null; userErrors: UserErrors }>(STATUS, { innovationId, status: "STOPPED", asOf: "2024-12-31", source: source() });
      expect(stale.innovation).toBeNull();
      expect(stale.userErrors).toEqual([
        {
          field: ["input", "asOf"],
          code: "STALE",
          message: "A newer status is recorded (continuing as of 2025-01-31); a status as of 2024-12-31 would replace it with older news.",
        },
      ]);
      const future = await mutate<{ userErrors: UserErrors }>(STATUS, { innovationId, status: "STOPPED", asOf: "2999-01-01", source: source() });
      expect(future.userErrors.map((e) => e.code)).toEqual(["OUT_OF_RANGE"]);
      const [row] = await ds.query(`SELECT status, status_as_of AS "asOf" FROM innovation WHERE id = $1`, [id.innovation]);
      expect(row).toEqual({ status: "continuing", asOf: "2025-01-31" });
    });
  });

  describe("registerCompetitionEdition", () => {
    it("registers an edition with tiers classified from their labels, then updates it", async () => {
      const competitionId = gid("Competition", id.competition);
      const created = await mutate<{ edition: { name: string; tiers: unknown[]; criteria: unknown[] }; userErrors: UserErrors }>(EDITION, {
        competitionId,
        year: 2024,
        tiers: [{ label: "Juara 1", order: 1 }, { label: "Top 20", order: 2 }],
        criteria: [{ name: "Kebaruan", weightPercent: 30 }, { name: "Dapat direplikasi", weightPercent: 20 }],
        source: source(),
      });
      expect(created.userErrors).toEqual([]);
      expect(created.edition.name).toMatch(new RegExp(`^comp-${f.tag}-\\d+ 2024$`));
      expect(created.edition.tiers).toEqual([
        { label: "Juara 1", size: null, order: 1, tier: "WINNER" },
        { label: "Top 20", size: 20, order: 2, tier: "TOP" },
      ]);
      const updated = await mutate<{ edition: { name: string; tiers: unknown[] }; userErrors: UserErrors }>(EDITION, {
        competitionId, year: 2024, theme: "Inovasi untuk semua", source: source(),
      });
      expect(updated.userErrors).toEqual([]);
      expect(updated.edition.tiers).toHaveLength(2);
      const [last] = (await publishers.auditOf(jateng)).slice(-1);
      expect(last.summary).toMatchObject({ action: "updated", changes: { theme: { from: null, to: "Inovasi untuk semua" } } });
    });

    it("reports inconsistent rules as userErrors", async () => {
      const payload = await mutate<{ edition: null; userErrors: UserErrors }>(EDITION, {
        competitionId: gid("Competition", id.competition),
        year: 1980,
        criteria: [{ name: "A", weightPercent: 70 }, { name: "B", weightPercent: 40 }],
        tiers: [{ label: "Top 10", order: 1 }, { label: "Top 10", order: 1 }],
        stages: [{ order: 0, name: "Registrasi" }],
        source: source(),
      });
      expect(payload.edition).toBeNull();
      expect(payload.userErrors.map((e) => [e.field.join("."), e.code])).toEqual([
        ["input.year", "OUT_OF_RANGE"],
        ["input.stages.0.order", "OUT_OF_RANGE"],
        ["input.criteria", "OUT_OF_RANGE"],
        ["input.tiers.1.label", "DUPLICATE"],
        ["input.tiers.1.order", "DUPLICATE"],
      ]);
    });
  });

  describe("recordAwardResults", () => {
    it("classifies labels with the edition's tiers, and updates a result recorded again", async () => {
      const editionId = gid("CompetitionEdition", id.edition);
      const first = await mutate<{ results: { label: string; tier: string; place: number | null; group: string | null }[]; userErrors: UserErrors }>(RESULTS, {
        editionId,
        results: [
          { innovationId: gid("Innovation", id.innovation), label: "Top 20" },
          { innovationId: gid("Innovation", id.other), label: "Juara 2", group: "Umum" },
        ],
        source: source(),
      });
      expect(first.userErrors).toEqual([]);
      expect(first.results.map((r) => [r.label, r.tier, r.place, r.group])).toEqual([
        ["Top 20", "TOP", null, null],
        ["Juara 2", "TOP", 2, "Umum"],
      ]);
      const again = await mutate<{ results: { id: string; group: string | null }[]; userErrors: UserErrors }>(RESULTS, {
        editionId,
        results: [{ innovationId: gid("Innovation", id.innovation), label: "Top 20", group: "Khusus" }],
        source: source(),
      });
      expect(again.results.map((r) => r.group)).toEqual(["Khusus"]);
      const [{ count }] = await ds.query(`SELECT count(*)::int AS count FROM award_result WHERE edition_id = $1`, [id.edition]);
      expect(count).toBe(2);
    });

    it("writes none of the results when one is wrong", async () => {
      const before = await ds.query(`SELECT count(*)::int AS count FROM award_result WHERE edition_id = $1`, [id.edition]);
      const payload = await mutate<{ results: unknown[]; userErrors: UserErrors }>(RESULTS, {
        editionId: gid("CompetitionEdition", id.edition),
        results: [
          { innovationId: gid("Innovation", id.innovation), label: "Top 10" },
          { innovationId: gid("Innovation", 999_999_999), label: "Top 10" },
          { innovationId: gid("Innovation", id.innovation), label: "Top 10" },
          { innovationId: gid("Innovation", id.other), label: "" },
        ],
        source: source(),
      });
      expect(payload.results).toEqual([]);
      expect(payload.userErrors.map((e) => [e.field.join("."), e.code])).toEqual([
        ["input.results.3.label", "REQUIRED"],
        ["input.results.2.label", "DUPLICATE"],
      ]);
      const missing = await mutate<{ userErrors: UserErrors }>(RESULTS, {
        editionId: gid("CompetitionEdition", id.edition),
        results: [{ innovationId: gid("Innovation", id.innovation), label: "Top 10" }, { innovationId: gid("Innovation", 999_999_999), label: "Top 10" }],
        source: source(),
      });
      expect(missing.userErrors.map((e) => [e.field.join("."), e.code])).toEqual([["input.results.1.innovationId", "NOT_FOUND"]]);
      expect(await ds.query(`SELECT count(*)::int AS count FROM award_result WHERE edition_id = $1`, [id.edition])).toEqual(before);
    });

    it("takes 1 to 200 results", async () => {
      const payload = await mutate<{ userErrors: UserErrors }>(RESULTS, { editionId: gid("CompetitionEdition", id.edition), results: [], source: source() });
      expect(payload.userErrors).toEqual([{ field: ["input", "results"], code: "OUT_OF_RANGE", message: "Record 1 to 200 results per call, got 0." }]);
    });
  });

  describe("recordReplication", () => {
    it("records a replication by a new adopter, and refuses dates out of order", async () => {
      const origin = gid("Innovation", id.innovation);
      const adopter = { name: `Pemerintah Kabupaten Batang ${f.tag}`, kind: "REGENCY_GOVERNMENT", region: "Kabupaten Batang" };
      const payload = await mutate<{ replication: Record<string, unknown>; userErrors: UserErrors }>(REPLICATION, {
        originInnovationId: origin, adopter, status: "IMPLEMENTED", agreedOn: "2023-02-01", implementedOn: "2023-08-01", source: source(),
      });
      expect(payload.userErrors).toEqual([]);
      expect(payload.replication).toMatchObject({
        status: "IMPLEMENTED",
        adopter: { name: adopter.name, kind: "REGENCY_GOVERNMENT", region: { code: "33.25" } },
      });
      const backwards = await mutate<{ replication: null; userErrors: UserErrors }>(REPLICATION, {
        originInnovationId: origin, adopter, status: "IMPLEMENTED", implementedOn: "2022-01-01", source: source(),
      });
      expect(backwards.replication).toBeNull();
      expect(backwards.userErrors[0]).toMatchObject({ field: ["input"], code: "INVALID" });
      expect(backwards.userErrors[0].message).toMatch(/interest, then agreement, then implementation/);
    });

    it("refuses the innovation's own institution as adopter, and a new adopter without a kind", async () => {
      const origin = gid("Innovation", id.innovation);
      const own = await mutate<{ userErrors: UserErrors }>(REPLICATION, { originInnovationId: origin, adopter: { id: gid("Institution", id.semarang) }, status: "INTEREST", source: source() });
      expect(own.userErrors.map((e) => e.code)).toEqual(["INVALID"]);
      const kindless = await mutate<{ userErrors: UserErrors }>(REPLICATION, {
        originInnovationId: origin, adopter: { name: `Dinas Baru ${f.tag}`, region: "33.25" }, status: "INTEREST", source: source(),
      });
      expect(kindless.userErrors).toEqual([
        {
          field: ["input", "adopter", "kind"],
          code: "REQUIRED",
          message: `There is no institution "Dinas Baru ${f.tag}" in Kabupaten Batang; give its "kind" to create it.`,
        },
      ]);
    });
  });

  describe("the audit trail", () => {
    it("is public, newest first, filtered by innovation (its results and replications included), without key material", async () => {
      const query = `query($filter: AuditEntryFilter) { auditEntries(first: 50, filter: $filter) {
        totalCount nodes { number operation recordedAt sourceUrl action changes { field from to } context
                           publisher { name kind scopeRegion { code } scopeCompetitions { id } }
                           subject { __typename id } } } }`;
      const result = await client.run<{
        auditEntries: { totalCount: number; nodes: { number: number; operation: string; subject: { __typename: string }; publisher: { name: string; scopeRegion: { code: string } } }[] };
      }>(query, { filter: { innovationIds: [gid("Innovation", id.innovation)], publisherNames: [jateng.name] } });
      expect(result.errors).toBeUndefined();
      const nodes = result.data!.auditEntries.nodes;
      const numbers = nodes.map((e) => e.number);
      expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
      expect(new Set(nodes.map((e) => `${e.operation}:${e.subject.__typename}`))).toEqual(
        new Set(["updateInnovationStatus:Innovation", "recordAwardResults:AwardResult", "recordReplication:Replication"]),
      );
      expect(nodes.every((e) => e.publisher.name === jateng.name && e.publisher.scopeRegion.code === "33")).toBe(true);
      expect(JSON.stringify(result.data)).not.toMatch(/inovasi_[0-9a-f]{12}|secret|prefix/i);
      const bySubject = await client.run<{ auditEntries: { totalCount: number } }>(query, { filter: { subjectIds: [gid("Innovation", id.innovation)] } });
      // Only the status: the results and the replication are other records.
      expect(bySubject.data!.auditEntries.totalCount).toBe(1);
    });

    it("refuses an ID of a record that is never audited", async () => {
      const result = await client.run(`{ auditEntries(filter: { subjectIds: ["${encodeGlobalId("Region", "33")}"] }) { totalCount } }`);
      expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      expect(result.errors?.[0].message).toBe('"filter.subjectIds" holds the ID of a Region; writes to Regions are not audited.');
    });
  });

  describe("atomicity", () => {
    it("writes nothing (no innovation, institution, source link or audit entry) when the last statement of the write fails", async () => {
      // The audit entry is written last: make the database refuse it for one cited page.
      const failing = `https://example.org/refuse-${f.tag}`;
      await ds.query(`
        CREATE OR REPLACE FUNCTION refuse_audit_${f.tag}() RETURNS trigger AS $$
        BEGIN IF NEW.source_url = '${failing}' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
      await ds.query(`CREATE TRIGGER refuse_audit_${f.tag} BEFORE INSERT ON audit_entry FOR EACH ROW EXECUTE FUNCTION refuse_audit_${f.tag}()`);
      try {
        const counts = () =>
          ds.query(`SELECT (SELECT count(*) FROM innovation) AS i, (SELECT count(*) FROM institution) AS t, (SELECT count(*) FROM source) AS s,
                           (SELECT count(*) FROM source_link) AS l, (SELECT count(*) FROM audit_entry) AS a`);
        const before = await counts();
        const result = await client.run(SAVE, {
          input: { name: `Gagal ${f.tag}`, sector: "OTHER", region: "33.74", institution: { name: `Dinas Gagal ${f.tag}`, kind: "REGIONAL_DEVICE" }, source: { url: failing } },
        }, { apiKey: jateng.key });
        expect(result.errors?.[0].extensions?.code).toBe("INTERNAL_SERVER_ERROR");
        expect(await counts()).toEqual(before);
        const [{ n: named }] = await ds.query(`SELECT count(*)::int AS n FROM innovation WHERE name = $1`, [`Gagal ${f.tag}`]);
        expect(named).toBe(0);
      } finally {
        await ds.query(`DROP TRIGGER refuse_audit_${f.tag} ON audit_entry`);
        await ds.query(`DROP FUNCTION refuse_audit_${f.tag}()`);
      }
    });
  });
});
