import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataSource } from "typeorm";
import { openTestDataSource } from "../helpers/db";
import { Factory } from "../helpers/factories";
import { TestClient } from "../helpers/graphql";

const PAGE_QUERY = `
  query Page($first: Int!, $filter: InnovationFilter) {
    innovations(first: $first, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id name
        institution { name }
        region { code name }
        awards { label tier edition { year competition { name level } } }
      }
    }
  }`;

describe("catalogue API on factory data", () => {
  let ds: DataSource;
  let client: TestClient;
  let f: Factory;
  let pemda: number;
  let dinas: number;
  let otherInst: number;
  let nationalComp: number;
  let provincialComp: number;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    ds = await openTestDataSource();
    client = await TestClient.create(ds);
    f = new Factory(ds);
    await ds.query(`
      INSERT INTO region (code, name, kind, parent_code) VALUES
        ('33', 'Jawa Tengah', 'province', NULL), ('35', 'Jawa Timur', 'province', NULL)
      ON CONFLICT (code) DO NOTHING`);
    await ds.query(`
      INSERT INTO region (code, name, kind, parent_code) VALUES
        ('33.74', 'Kota Semarang', 'city', '33'), ('33.26', 'Kabupaten Pekalongan', 'regency', '33')
      ON CONFLICT (code) DO NOTHING`);
    pemda = await f.institution({ regionCode: "33.74" });
    dinas = await f.institution({ regionCode: "33.74", kind: "regional_device" });
    await ds.query(`UPDATE institution SET parent_id = $1 WHERE id = $2`, [pemda, dinas]);
    otherInst = await f.institution({ regionCode: "35", kind: "provincial_government" });
    nationalComp = await f.competition({ level: "national" });
    provincialComp = await f.competition({ level: "provincial" });
    const n2019 = await f.edition(nationalComp, 2019);
    const n2021 = await f.edition(nationalComp, 2021);
    const p2018 = await f.edition(provincialComp, 2018);

    ids.complaint = await f.innovation(pemda, { name: "Aduan Cepat", sector: "complaints", regionCode: "33.74", status: "continuing" });
    await f.award(ids.complaint, n2021, "top", "Top 45");
    await f.award(ids.complaint, p2018, "winner", "Juara 1");
    await f.award(ids.complaint, n2019, "shortlist", "Top 99");
    await f.source("innovation", ids.complaint);
    ids.health = await f.innovation(dinas, { name: "Sehat Bersama", sector: "health", regionCode: "33.74", sdgs: [3] });
    await f.award(ids.health, n2019, "finalist", "Finalis");
    ids.east = await f.innovation(otherInst, { name: "Jatim Maju", sector: "economy", regionCode: "35", sdgs: [8, 9], status: "stopped" });
    await f.award(ids.east, n2019, "top", "Top 45");
    await f.award(ids.east, n2019, "shortlist", "Top 99");
    ids.pekalongan = await f.innovation(pemda, { name: "Zona Pekalongan", sector: "health", regionCode: "33.26" });
  });

  afterAll(async () => {
    await f.cleanup();
    await client.stop();
    await ds.destroy();
  });

  // Global IDs are opaque to clients; tests build them the way the API does, to address factory rows.
  async function gid(type: string, id: number): Promise<string> {
    return Buffer.from(`${type}:${id}`).toString("base64url");
  }

  it("filters by institution, including the institution's units", async () => {
    const data = await client.data<{ innovations: { totalCount: number; nodes: { name: string }[] } }>(PAGE_QUERY, {
      first: 10,
      filter: { institutionIds: [await gid("Institution", pemda)] },
    });
    expect(data.innovations.nodes.map((n) => n.name)).toEqual(["Aduan Cepat", "Sehat Bersama", "Zona Pekalongan"]);
    expect(data.innovations.totalCount).toBe(3);
  });

  it("lists awards in trajectory order: province before nation, then by year", async () => {
    const data = await client.data<{ innovation: { awards: { label: string; edition: { year: number } }[] } }>(
      `query($id: ID!) { innovation(id: $id) { awards { label edition { year } } } }`,
      { id: await gid("Innovation", ids.complaint) },
    );
    expect(data.innovation.awards.map((a) => `${a.label}@${a.edition.year}`)).toEqual(["Juara 1@2018", "Top 99@2019", "Top 45@2021"]);
  });

  it("a province code includes its regencies and cities", async () => {
    const inst = [await gid("Institution", pemda), await gid("Institution", otherInst)];
    const names = async (regionCodes: string[]) =>
      (
        await client.data<{ innovations: { nodes: { name: string }[] } }>(PAGE_QUERY, {
          first: 10,
          filter: { institutionIds: inst, regionCodes },
        })
      ).innovations.nodes.map((n) => n.name);
    expect(await names(["33"])).toEqual(["Aduan Cepat", "Sehat Bersama", "Zona Pekalongan"]);
    expect(await names(["33.26"])).toEqual(["Zona Pekalongan"]);
    expect(await names(["35", "33.26"])).toEqual(["Jatim Maju", "Zona Pekalongan"]);
  });

  it("applies the award fields of a filter to one and the same award", async () => {
    const inst = [await gid("Institution", pemda), await gid("Institution", otherInst)];
    const names = async (filter: Record<string, unknown>) =>
      (
        await client.data<{ innovations: { nodes: { name: string }[] } }>(PAGE_QUERY, { first: 10, filter: { institutionIds: inst, ...filter } })
      ).innovations.nodes.map((n) => n.name);
    expect(await names({ levels: ["NATIONAL"], tiers: ["TOP"] })).toEqual(["Aduan Cepat", "Jatim Maju"]);
    // Aduan Cepat won (WINNER) only provincially, and was national TOP only in 2021.
    expect(await names({ levels: ["NATIONAL"], tiers: ["WINNER"] })).toEqual([]);
    expect(await names({ yearFrom: 2020, tiers: ["TOP"] })).toEqual(["Aduan Cepat"]);
    expect(await names({ sectors: ["HEALTH"] })).toEqual(["Sehat Bersama", "Zona Pekalongan"]);
    expect(await names({ sdgs: [9, 17] })).toEqual(["Jatim Maju"]);
    expect(await names({ statuses: ["CONTINUING"] })).toEqual(["Aduan Cepat"]);
  });

  it("finds innovations that went on from a provincial award to a later national one", async () => {
    const inst = [await gid("Institution", pemda), await gid("Institution", otherInst)];
    const names = async (progression: Record<string, unknown>) =>
      (
        await client.data<{ innovations: { nodes: { name: string }[] } }>(PAGE_QUERY, { first: 10, filter: { institutionIds: inst, progression } })
      ).innovations.nodes.map((n) => n.name);
    expect(await names({ from: ["PROVINCIAL"], to: ["NATIONAL"] })).toEqual(["Aduan Cepat"]);
    expect(await names({ from: ["PROVINCIAL"], to: ["NATIONAL"], toTiers: ["TOP"] })).toEqual(["Aduan Cepat"]);
    expect(await names({ from: ["NATIONAL"], to: ["PROVINCIAL"] })).toEqual([]);
  });

  it("filters by the kind of institution, counting a city's units as the city government's", async () => {
    const inst = [await gid("Institution", pemda), await gid("Institution", otherInst)];
    const data = await client.data<{ innovations: { nodes: { name: string }[] } }>(PAGE_QUERY, {
      first: 10,
      filter: { institutionIds: inst, institutionKinds: ["CITY_GOVERNMENT"] },
    });
    expect(data.innovations.nodes.map((n) => n.name)).toEqual(["Aduan Cepat", "Sehat Bersama", "Zona Pekalongan"]);
  });

  it("lists all awards, or only winning ones, newest first", async () => {
    const q = `query($filter: AwardFilter) {
      awards(first: 20, filter: $filter) { totalCount nodes { label year } }
      winners(first: 20, filter: $filter) { totalCount nodes { label year } } }`;
    type R = { awards: { totalCount: number; nodes: { label: string; year: number }[] }; winners: { totalCount: number; nodes: { label: string; year: number }[] } };
    const data = await client.data<R>(q, { filter: { institutionIds: [await gid("Institution", pemda)] } });
    expect(data.awards.nodes.map((n) => `${n.label}@${n.year}`)).toEqual(["Top 45@2021", "Top 99@2019", "Finalis@2019", "Juara 1@2018"]);
    expect(data.winners.nodes.map((n) => `${n.label}@${n.year}`)).toEqual(["Top 45@2021", "Juara 1@2018"]);
    expect(data.awards.totalCount).toBe(4);
    expect(data.winners.totalCount).toBe(2);
  });

  it("costs the same number of statements for a page of 100 and a page of 10, at most 8", async () => {
    const inst = await f.institution({ regionCode: "33.74" });
    const comp = await f.competition();
    const editions = [await f.edition(comp, 2020), await f.edition(comp, 2022)];
    for (let i = 0; i < 105; i++) {
      const id = await f.innovation(inst, { regionCode: i % 2 ? "33.74" : "33.26" });
      await f.award(id, editions[i % 2], "top", "Top 45");
      await f.award(id, editions[(i + 1) % 2], "shortlist", "Top 99");
    }
    const filter = { institutionIds: [await gid("Institution", inst)] };
    const big = await client.run<{ innovations: { nodes: { awards: unknown[] }[] } }>(PAGE_QUERY, { first: 100, filter });
    const small = await client.run<{ innovations: { nodes: unknown[] } }>(PAGE_QUERY, { first: 10, filter });
    expect(big.errors).toBeUndefined();
    expect(big.data!.innovations.nodes).toHaveLength(100);
    expect(big.data!.innovations.nodes.every((n) => n.awards.length === 2)).toBe(true);
    expect(small.data!.innovations.nodes).toHaveLength(10);
    expect(big.statements).toBe(small.statements);
    expect(big.statements).toBeLessThanOrEqual(8);
  });

  it("pages forwards and backwards with cursors over the same order", async () => {
    const inst = [await gid("Institution", pemda), await gid("Institution", otherInst)];
    const q = `query($first: Int, $after: String, $last: Int, $before: String, $filter: InnovationFilter) {
      innovations(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: { field: NAME, direction: DESC }) {
        edges { cursor node { name } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    type R = { innovations: { edges: { cursor: string; node: { name: string } }[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string } } };
    const p1 = await client.data<R>(q, { first: 2, filter: { institutionIds: inst } });
    expect(p1.innovations.edges.map((e) => e.node.name)).toEqual(["Zona Pekalongan", "Sehat Bersama"]);
    expect(p1.innovations.pageInfo.hasNextPage).toBe(true);
    const p2 = await client.data<R>(q, { first: 2, after: p1.innovations.pageInfo.endCursor, filter: { institutionIds: inst } });
    expect(p2.innovations.edges.map((e) => e.node.name)).toEqual(["Jatim Maju", "Aduan Cepat"]);
    expect(p2.innovations.pageInfo.hasNextPage).toBe(false);
    const back = await client.data<R>(q, { last: 3, before: p2.innovations.pageInfo.endCursor, filter: { institutionIds: inst } });
    expect(back.innovations.edges.map((e) => e.node.name)).toEqual(["Zona Pekalongan", "Sehat Bersama", "Jatim Maju"]);
    expect(back.innovations.pageInfo.hasPreviousPage).toBe(false);
  });

  it("groups statistics by two dimensions in one statement", async () => {
    const result = await client.run<{ stats: { innovationCount: number; awardCount: number; groups: { province: { code: string } | null; level: string; innovationCount: number; awardCount: number }[] } }>(
      `query($filter: InnovationFilter) { stats(groupBy: [PROVINCE, LEVEL], filter: $filter) {
         innovationCount awardCount groups { province { code } level innovationCount awardCount } } }`,
      { filter: { institutionIds: [await gid("Institution", pemda), await gid("Institution", otherInst)], tiers: ["TOP", "WINNER"] } },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.stats.innovationCount).toBe(2);
    expect(result.data!.stats.awardCount).toBe(3);
    expect(result.data!.stats.groups).toEqual([
      { province: { code: "33" }, level: "NATIONAL", innovationCount: 1, awardCount: 1 },
      { province: { code: "33" }, level: "PROVINCIAL", innovationCount: 1, awardCount: 1 },
      { province: { code: "35" }, level: "NATIONAL", innovationCount: 1, awardCount: 1 },
    ]);
  });

  it("ranks groups by count within the first dimension", async () => {
    const data = await client.data<{ stats: { groups: { year: number | null; sector: string; awardCount: number }[] } }>(
      `query($filter: InnovationFilter) { stats(groupBy: [YEAR, SECTOR], filter: $filter, orderBy: AWARD_COUNT_DESC) {
         groups { year sector awardCount } } }`,
      { filter: { institutionIds: [await gid("Institution", pemda), await gid("Institution", otherInst)], levels: ["NATIONAL"] } },
    );
    expect(data.stats.groups).toEqual([
      { year: 2019, sector: "ECONOMY", awardCount: 2 },
      { year: 2019, sector: "COMPLAINTS", awardCount: 1 },
      { year: 2019, sector: "HEALTH", awardCount: 1 },
      { year: 2021, sector: "COMPLAINTS", awardCount: 1 },
    ]);
  });

  it("shows who replicated an innovation, and where a replication came from", async () => {
    const adopter = await f.institution({ regionCode: "33.26" });
    const derived = await f.innovation(adopter, { name: "Aduan Cepat Pekalongan", regionCode: "33.26" });
    const [{ id: replicationId }] = await ds.query(
      `INSERT INTO replication (origin_innovation_id, adopter_institution_id, status, agreed_on, implemented_on, adaptations, derived_innovation_id)
       VALUES ($1, $2, 'implemented', '2022-03-01', '2022-09-15', 'WhatsApp intake added', $3) RETURNING id`,
      [ids.complaint, adopter, derived],
    );
    await f.source("replication", replicationId);
    const data = await client.data<any>(
      `query($id: ID!, $derived: ID!) {
        origin: innovation(id: $id) { replications { status agreedOn implementedOn adaptations adopter { region { code } }
          derivedInnovation { name } origin { name } sources { url } } }
        copy: innovation(id: $derived) { replicatedFrom { origin { name } } } }`,
      { id: await gid("Innovation", ids.complaint), derived: await gid("Innovation", derived) },
    );
    expect(data.origin.replications).toHaveLength(1);
    const [r] = data.origin.replications;
    expect(r).toMatchObject({ status: "IMPLEMENTED", agreedOn: "2022-03-01", implementedOn: "2022-09-15", adaptations: "WhatsApp intake added" });
    expect(r.adopter.region.code).toBe("33.26");
    expect(r.derivedInnovation.name).toBe("Aduan Cepat Pekalongan");
    expect(r.origin.name).toBe("Aduan Cepat");
    expect(r.sources).toHaveLength(1);
    expect(data.copy.replicatedFrom.origin.name).toBe("Aduan Cepat");
  });

  it("fetches any object by global ID, and several at once in the order asked", async () => {
    const data = await client.data<{ nodes: ({ __typename: string; name?: string; code?: string } | null)[] }>(
      `query($ids: [ID!]!) { nodes(ids: $ids) { __typename ... on Innovation { name } ... on Region { code } } }`,
      { ids: [await gid("Innovation", ids.east), Buffer.from("Region:33.74").toString("base64url"), await gid("Innovation", 999999999)] },
    );
    expect(data.nodes).toEqual([{ __typename: "Innovation", name: "Jatim Maju" }, { __typename: "Region", code: "33.74" }, null]);
  });
});
