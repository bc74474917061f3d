import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataSource } from "typeorm";
import { openTestDataSource } from "../helpers/db";
import { Factory } from "../helpers/factories";
import { TestClient } from "../helpers/graphql";

describe("bad input gets a clear error with a stable code", () => {
  let ds: DataSource;
  let client: TestClient;
  let f: Factory;
  let compSlug: string;

  beforeAll(async () => {
    ds = await openTestDataSource();
    client = await TestClient.create(ds);
    f = new Factory(ds);
    const comp = await f.competition({ level: "national" });
    [{ slug: compSlug }] = await ds.query(`SELECT slug FROM competition WHERE id = $1`, [comp]);
  });

  afterAll(async () => {
    await f.cleanup();
    await client.stop();
    await ds.destroy();
  });

  async function expectError(query: string, variables: Record<string, unknown>, code: string, message: RegExp) {
    const result = await client.run(query, variables);
    expect(result.errors, JSON.stringify(result.data)).toHaveLength(1);
    const [error] = result.errors!;
    expect(error.extensions?.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(JSON.stringify(error)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
  }

  const PAGE = `query($first: Int, $last: Int, $after: String, $before: String, $filter: InnovationFilter) {
    innovations(first: $first, last: $last, after: $after, before: $before, filter: $filter) { nodes { id } } }`;

  it.each([
    [{ first: 0 }, /"first" must be between 1 and 100, got 0/],
    [{ first: 101 }, /"first" must be between 1 and 100, got 101/],
    [{ last: -5 }, /"last" must be between 1 and 100, got -5/],
    [{ first: 5, last: 5 }, /either "first" or "last", not both/],
  ])("rejects page size %j", async (vars, message) => {
    await expectError(PAGE, vars, "BAD_USER_INPUT", message);
  });

  it.each([["not a cursor!"], ["eyJ4Ijox"], [Buffer.from(JSON.stringify(["regions", "11"])).toString("base64url")]])(
    "rejects the cursor %s",
    async (after) => {
      await expectError(PAGE, { first: 5, after }, "BAD_USER_INPUT", /"after" is (not a valid cursor|a cursor for a different list)/);
    },
  );

  it.each([["nope"], ["SW5ub3ZhdGlvbjphYmM"], [Buffer.from("Bogus:1").toString("base64url")], [""]])("rejects the malformed ID %j", async (id) => {
    await expectError(`query($id: ID!) { node(id: $id) { id } }`, { id }, "BAD_USER_INPUT", /not a valid ID/);
  });

  it("refuses an ID of the wrong type", async () => {
    const id = Buffer.from("Region:33").toString("base64url");
    await expectError(`query($id: ID!) { innovation(id: $id) { id } }`, { id }, "BAD_USER_INPUT", /ID of a Region, but an Innovation ID is needed/);
  });

  it("reports an unknown slug as NOT_FOUND", async () => {
    await expectError(`{ innovation(slug: "no-such-innovation") { id } }`, {}, "NOT_FOUND", /No innovation has the slug "no-such-innovation"/);
    await expectError(`{ competition(slug: "no-such-series") { id } }`, {}, "NOT_FOUND", /No competition has the slug/);
  });

  it("asks for exactly one of id and slug", async () => {
    await expectError(`{ innovation { id } }`, {}, "BAD_USER_INPUT", /exactly one of "id" or "slug"/);
  });

  it.each([
    [{ yearFrom: 2022, yearTo: 2019 }, /Contradictory filter: "filter.yearFrom" \(2022\) is after "filter.yearTo" \(2019\)/],
    [{ sectors: [] }, /"filter.sectors" is an empty list/],
    [{ regionCodes: ["99"] }, /unknown region codes: 99/],
    [{ regionCodes: ["Jawa Tengah"] }, /not a Kemendagri code/],
    [{ sdgs: [18] }, /SDG numbers from 1 to 17, got 18/],
    [{ yearFrom: 1200 }, /"filter.yearFrom" must be a year/],
    [{ competitionSlugs: ["no-such-series"] }, /unknown competitions: no-such-series/],
  ])("rejects the filter %j", async (filter, message) => {
    await expectError(PAGE, { first: 5, filter }, "BAD_USER_INPUT", message);
  });

  it("rejects a competition and a level that contradict each other", async () => {
    await expectError(PAGE, { first: 5, filter: { competitionSlugs: [compSlug], levels: ["PROVINCIAL"] } }, "BAD_USER_INPUT", /Contradictory filter: "filter.levels"/);
  });

  it("refuses a filter field that a nested list already fixes", async () => {
    await expectError(
      `{ region(code: "33") { innovations(first: 5, filter: { regionCodes: ["35"] }) { nodes { id } } } }`,
      {},
      "BAD_USER_INPUT",
      /"filter.regionCodes" cannot be used here: this list is already narrowed to the region/,
    );
  });

  it("rejects a query nested deeper than the limit on the real schema", async () => {
    const deep = `{ innovations(first: 1) { nodes { institution { innovations(first: 1) { nodes { institution {
      innovations(first: 1) { nodes { institution { innovations(first: 1) { nodes { name } } } } } } } } } } } }`;
    const result = await client.run(deep);
    expect(result.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(result.errors?.[0].message).toMatch(/depth/i);
    expect(result.statements).toBe(0);
  });

  it("rejects a query whose pages multiply past the cost limit, counting page sizes given as variables", async () => {
    const costly = `query($n: Int) { innovations(first: $n) { nodes { institution { innovations(first: $n) {
      nodes { awards { label } similar(first: 20) { name } } } } } } }`;
    const result = await client.run(costly, { n: 100 });
    expect(result.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(result.errors?.[0].message).toMatch(/cost/i);
    expect(result.statements).toBe(0);
    const cheap = await client.run(costly, { n: 2 });
    expect(cheap.errors).toBeUndefined();
  });

  it("rejects too many aliases", async () => {
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: innovation(slug: "lapor-hendi") { name }`).join(" ");
    const result = await client.run(`{ ${aliases} }`);
    expect(result.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(result.errors?.[0].message).toMatch(/alias/i);
  });

  it("rejects bad stats groupings", async () => {
    await expectError(`{ stats(groupBy: [YEAR, YEAR]) { innovationCount } }`, {}, "BAD_USER_INPUT", /names a dimension twice/);
    await expectError(`{ stats(groupBy: [YEAR, SECTOR, TIER]) { innovationCount } }`, {}, "BAD_USER_INPUT", /one or two dimensions, got 3/);
  });
});
