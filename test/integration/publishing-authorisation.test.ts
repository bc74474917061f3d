import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataSource } from "typeorm";
import { encodeGlobalId } from "../../src/schema/global-id";
import { openTestDataSource } from "../helpers/db";
import { Factory } from "../helpers/factories";
import { TestClient } from "../helpers/graphql";
import { PublisherFixture, type TestPublisher } from "../helpers/publishers";

/**
 * Every mutation × {no key, revoked key, key in scope, key out of scope}. The publisher is a
 * Jawa Tengah bureau: region 33, organiser of a provincial competition held for Jawa Tengah. "Out of
 * scope" is the same write aimed at Jawa Timur (35) or at a national competition.
 */

interface Operation {
  query: string;
  variables: Record<string, unknown>;
}

interface MutationCase {
  /** The mutation field. */
  field: string;
  title: string;
  inScope(): Operation;
  outOfScope(): Operation;
  /** Checks what the in-scope write wrote, from its payload and the database; returns the subject written. */
  verify(payload: Record<string, unknown>): Promise<{ subjectType: string; subjectId: number }>;
}

const SAVE = `mutation($input: SaveInnovationInput!) { saveInnovation(input: $input) {
  innovation { id name summary region { code } institution { id } } userErrors { field message code } } }`;
const STATUS = `mutation($input: UpdateInnovationStatusInput!) { updateInnovationStatus(input: $input) {
  innovation { id status { status asOf note } } userErrors { field message code } } }`;
const EDITION = `mutation($input: RegisterCompetitionEditionInput!) { registerCompetitionEdition(input: $input) {
  edition { id year name competition { id } } userErrors { field message code } } }`;
const RESULTS = `mutation($input: RecordAwardResultsInput!) { recordAwardResults(input: $input) {
  edition { id } results { id label tier innovation { id } } userErrors { field message code } } }`;
const REPLICATION = `mutation($input: RecordReplicationInput!) { recordReplication(input: $input) {
  replication { id status origin { id } adopter { id } } userErrors { field message code } } }`;

describe("authorisation of every mutation", () => {
  let ds: DataSource;
  let client: TestClient;
  let f: Factory;
  let publishers: PublisherFixture;
  let jateng: TestPublisher;
  let revokedKey: string;
  const id: Record<string, number> = {};
  let sourceCount = 0;
  const source = () => ({ url: `https://example.org/news-${f.tag}-${++sourceCount}`, title: "Berita" });

  beforeAll(async () => {
    ds = await openTestDataSource();
    client = await TestClient.create(ds);
    f = new Factory(ds);
    publishers = new PublisherFixture(ds, f.tag);
    id.jatengInst = await f.institution({ regionCode: "33.74" });
    id.jatimInst = await f.institution({ regionCode: "35.78" });
    id.jatimInst2 = await f.institution({ regionCode: "35.15" });
    id.national = await f.competition({ level: "national" });
    id.provincial = await f.competition({ level: "provincial" });
    await ds.query(`UPDATE competition SET scope_region_code = '33' WHERE id = $1`, [id.provincial]);
    id.nationalEdition = await f.edition(id.national, 2023);
    id.provincialEdition = await f.edition(id.provincial, 2023);
    id.jatengInnovation = await f.innovation(id.jatengInst, { regionCode: "33.74" });
    id.jatimInnovation = await f.innovation(id.jatimInst, { regionCode: "35.78" });
    await f.award(id.jatimInnovation, id.nationalEdition, "top", "Top 45");
    jateng = await publishers.create({ region: "33", competitionIds: [id.provincial] });
    revokedKey = await publishers.revokedKey(jateng);
  });

  afterAll(async () => {
    await publishers?.cleanup();
    await f?.cleanup();
    await client?.stop();
    await ds?.destroy();
  });

  const gid = (type: Parameters<typeof encodeGlobalId>[0], key: number) => encodeGlobalId(type, key);

  /** Everything a refused write must leave as it was. */
  async function state(): Promise<string> {
    const [row] = await ds.query(`
      SELECT (SELECT count(*) FROM innovation) AS innovations, (SELECT count(*) FROM institution) AS institutions,
             (SELECT count(*) FROM competition_edition) AS editions, (SELECT count(*) FROM award_result) AS awards,
             (SELECT count(*) FROM replication) AS replications, (SELECT count(*) FROM source) AS sources,
             (SELECT count(*) FROM source_link) AS links, (SELECT count(*) FROM audit_entry) AS audits,
             (SELECT md5(string_agg(i::text, '|' ORDER BY i.id)) FROM innovation i WHERE i.slug LIKE '%${f.tag}%') AS innovation_rows`);
    return JSON.stringify(row);
  }

  const cases: MutationCase[] = [
    {
      field: "saveInnovation",
      title: "saveInnovation (create)",
      inScope: () => ({
        query: SAVE,
        variables: { input: { name: `Inovasi ${f.tag} Baru`, sector: "HEALTH", institution: { id: gid("Institution", id.jatengInst) }, source: source() } },
      }),
      outOfScope: () => ({
        query: SAVE,
        variables: { input: { name: `Inovasi ${f.tag} Jatim`, sector: "HEALTH", institution: { id: gid("Institution", id.jatimInst) }, source: source() } },
      }),
      async verify(payload) {
        const innovation = payload.innovation as { id: string; name: string; region: { code: string }; institution: { id: string } };
        expect(innovation.name).toBe(`Inovasi ${f.tag} Baru`);
        expect(innovation.region.code).toBe("33.74");
        expect(innovation.institution.id).toBe(gid("Institution", id.jatengInst));
        return { subjectType: "innovation", subjectId: Number(Buffer.from(innovation.id, "base64url").toString().split(":")[1]) };
      },
    },
    {
      field: "saveInnovation",
      title: "saveInnovation (update)",
      inScope: () => ({ query: SAVE, variables: { input: { id: gid("Innovation", id.jatengInnovation), summary: "Ringkasan baru.", source: source() } } }),
      outOfScope: () => ({ query: SAVE, variables: { input: { id: gid("Innovation", id.jatimInnovation), summary: "Ringkasan baru.", source: source() } } }),
      async verify(payload) {
        expect((payload.innovation as { summary: string }).summary).toBe("Ringkasan baru.");
        const [row] = await ds.query(`SELECT summary FROM innovation WHERE id = $1`, [id.jatengInnovation]);
        expect(row.summary).toBe("Ringkasan baru.");
        return { subjectType: "innovation", subjectId: id.jatengInnovation };
      },
    },
    {
      field: "updateInnovationStatus",
      title: "updateInnovationStatus",
      inScope: () => ({
        query: STATUS,
        variables: { input: { innovationId: gid("Innovation", id.jatengInnovation), status: "CONTINUING", asOf: "2025-06-30", note: "Masih berjalan.", source: source() } },
      }),
      outOfScope: () => ({
        query: STATUS,
        variables: { input: { innovationId: gid("Innovation", id.jatimInnovation), status: "STOPPED", asOf: "2025-06-30", source: source() } },
      }),
      async verify(payload) {
        expect((payload.innovation as { status: unknown }).status).toEqual({ status: "CONTINUING", asOf: "2025-06-30", note: "Masih berjalan." });
        return { subjectType: "innovation", subjectId: id.jatengInnovation };
      },
    },
    {
      field: "registerCompetitionEdition",
      title: "registerCompetitionEdition",
      inScope: () => ({ query: EDITION, variables: { input: { competitionId: gid("Competition", id.provincial), year: 2025, source: source() } } }),
      outOfScope: () => ({ query: EDITION, variables: { input: { competitionId: gid("Competition", id.national), year: 2025, source: source() } } }),
      async verify(payload) {
        const edition = payload.edition as { id: string; year: number; competition: { id: string } };
        expect(edition.year).toBe(2025);
        expect(edition.competition.id).toBe(gid("Competition", id.provincial));
        const [row] = await ds.query(`SELECT id FROM competition_edition WHERE competition_id = $1 AND year = 2025`, [id.provincial]);
        return { subjectType: "competition_edition", subjectId: row.id };
      },
    },
    {
      field: "recordAwardResults",
      title: "recordAwardResults",
      inScope: () => ({
        query: RESULTS,
        variables: { input: { editionId: gid("CompetitionEdition", id.provincialEdition), results: [{ innovationId: gid("Innovation", id.jatengInnovation), label: "Juara 1" }], source: source() } },
      }),
      outOfScope: () => ({
        query: RESULTS,
        variables: { input: { editionId: gid("CompetitionEdition", id.nationalEdition), results: [{ innovationId: gid("Innovation", id.jatengInnovation), label: "Top 45" }], source: source() } },
      }),
      async verify(payload) {
        const results = payload.results as { id: string; label: string; tier: string }[];
        expect(results.map((r) => [r.label, r.tier])).toEqual([["Juara 1", "WINNER"]]);
        const [row] = await ds.query(`SELECT id FROM award_result WHERE innovation_id = $1 AND edition_id = $2`, [id.jatengInnovation, id.provincialEdition]);
        return { subjectType: "award_result", subjectId: row.id };
      },
    },
    {
      field: "recordReplication",
      title: "recordReplication",
      inScope: () => ({
        query: REPLICATION,
        variables: { input: { originInnovationId: gid("Innovation", id.jatengInnovation), adopter: { id: gid("Institution", id.jatimInst) }, status: "AGREEMENT", agreedOn: "2024-03-01", source: source() } },
      }),
      outOfScope: () => ({
        query: REPLICATION,
        variables: { input: { originInnovationId: gid("Innovation", id.jatimInnovation), adopter: { id: gid("Institution", id.jatimInst2) }, status: "INTEREST", source: source() } },
      }),
      async verify(payload) {
        const replication = payload.replication as { status: string; origin: { id: string }; adopter: { id: string } };
        expect(replication).toMatchObject({ status: "AGREEMENT", origin: { id: gid("Innovation", id.jatengInnovation) }, adopter: { id: gid("Institution", id.jatimInst) } });
        const [row] = await ds.query(`SELECT id FROM replication WHERE origin_innovation_id = $1 AND adopter_institution_id = $2`, [id.jatengInnovation, id.jatimInst]);
        return { subjectType: "replication", subjectId: row.id };
      },
    },
  ];

  for (const c of cases) {
    describe(c.title, () => {
      it("without a key: UNAUTHENTICATED, nothing written", async () => {
        const before = await state();
        const { query, variables } = c.inScope();
        const result = await client.run<Record<string, unknown>>(query, variables);
        expect(result.errors?.map((e) => e.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
        expect(result.errors?.[0].message).toMatch(/needs a publisher's API key: send the header "Authorization: Bearer <API key>"/);
        expect(result.data).toBeNull();
        expect(await state()).toBe(before);
      });

      it("with a revoked key: UNAUTHENTICATED, nothing written", async () => {
        const before = await state();
        const { query, variables } = c.inScope();
        const result = await client.run<Record<string, unknown>>(query, variables, { apiKey: revokedKey });
        expect(result.errors?.map((e) => e.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
        expect(result.errors?.[0].message).toMatch(/^This API key was revoked on \d{4}-\d{2}-\d{2}\./);
        expect(await state()).toBe(before);
      });

      it("with a key out of scope: FORBIDDEN, nothing written", async () => {
        const before = await state();
        const { query, variables } = c.outOfScope();
        const result = await client.run<Record<string, unknown>>(query, variables, { apiKey: jateng.key });
        expect(result.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
        expect(result.errors?.[0].message).toMatch(new RegExp(`^Publisher "${jateng.name}" may not make this write\\. `));
        expect(await state()).toBe(before);
      });

      it("with a key in scope: written, with its source link and audit entry", async () => {
        const auditBefore = (await publishers.auditOf(jateng)).length;
        const { query, variables } = c.inScope();
        const result = await client.run<Record<string, Record<string, unknown>>>(query, variables, { apiKey: jateng.key });
        expect(result.errors).toBeUndefined();
        const payload = result.data![c.field];
        expect(payload.userErrors).toEqual([]);
        const subject = await c.verify(payload);

        const audit = (await publishers.auditOf(jateng)).slice(auditBefore);
        const cited = (variables.input as { source: { url: string } }).source.url;
        expect(audit.map((a) => [a.operation, a.subjectType, a.subjectId, a.sourceUrl])).toContainEqual([c.field, subject.subjectType, subject.subjectId, cited]);
        expect(audit.every((a) => a.apiKeyId !== null && a.sourceUrl === cited)).toBe(true);
        const links: { assertedBy: string }[] = await ds.query(
          `SELECT l.asserted_by AS "assertedBy" FROM source_link l JOIN source s ON s.id = l.source_id
            WHERE s.url = $1 AND l.subject_type = $2 AND l.subject_id = $3`,
          [cited, subject.subjectType, subject.subjectId],
        );
        expect(links.map((l) => l.assertedBy)).toEqual([jateng.name]);
      });
    });
  }

  it("lets a national organiser record its competition's results for innovations anywhere, and nothing of a provincial series", async () => {
    const kemenpan = await publishers.create({ competitionIds: [id.national], kind: "national_body" });
    const results = await client.run<{ recordAwardResults: { results: { tier: string }[]; userErrors: unknown[] } }>(
      RESULTS,
      { input: { editionId: gid("CompetitionEdition", id.nationalEdition), results: [{ innovationId: gid("Innovation", id.jatengInnovation), label: "Top 45" }], source: source() } },
      { apiKey: kemenpan.key },
    );
    expect(results.errors).toBeUndefined();
    expect(results.data!.recordAwardResults.results.map((r) => r.tier)).toEqual(["TOP"]);
    const edition = await client.run(EDITION, { input: { competitionId: gid("Competition", id.provincial), year: 2024, source: source() } }, { apiKey: kemenpan.key });
    expect(edition.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    // Its entrant (a Jawa Timur innovation with a national result) is its to update; a Jawa Tengah bureau's is not.
    const update = await client.run(SAVE, { input: { id: gid("Innovation", id.jatimInnovation), stage: "penerapan", source: source() } }, { apiKey: kemenpan.key });
    expect(update.errors).toBeUndefined();
  });

  it("rejects malformed, unknown and forged keys with UNAUTHENTICATED", async () => {
    const { query, variables } = cases[0].inScope();
    const forged = `${jateng.key.slice(0, -4)}AAAA`;
    const malformed = await client.run(query, variables, { apiKey: "not-a-key" });
    expect(malformed.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect(malformed.errors?.[0].message).toMatch(/is not an inovasi API key/);
    for (const key of [forged, "inovasi_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"]) {
      const result = await client.run(query, variables, { apiKey: key });
      expect(result.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
      expect(result.errors?.[0].message).toMatch(/^The API key is not valid\./);
    }
  });

  it("needs no key to read, and does not look one up for queries", async () => {
    const result = await client.run(`{ innovation(slug: "lapor-hendi") { name } }`, undefined, { apiKey: revokedKey });
    expect(result.errors).toBeUndefined();
    expect(result.sql.some((sql) => /api_key/.test(sql))).toBe(false);
  });
});
