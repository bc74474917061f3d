import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_QUERY_LIMITS } from "../../src/server/limits";
import { buildProbeSchema, startTestServer, type HttpGraphQLResult, type TestServer } from "../helpers/server";

// A realistic page: 100 innovations, each with its institution, region and awards → edition → competition.
const FULL_PAGE = /* GraphQL */ `
  query FullPage {
    innovations(first: 100) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id name acronym expansion summary sector digital launchYear
        status { value asOf }
        institution { id name kind }
        region { code name kind }
        awards {
          tier { label }
          group decreeNumber
          edition { year theme competition { name level } }
        }
      }
    }
  }
`;

// The same page written with fragments, as client libraries do: fragments are not extra levels or cost.
const FULL_PAGE_WITH_FRAGMENTS = /* GraphQL */ `
  query FullPageFragments {
    innovations(first: 100) { totalCount nodes { ...Card } }
  }
  fragment Card on Innovation {
    id name summary
    institution { ...InstitutionParts }
    region { code name }
    awards { tier { label } edition { ...EditionParts } }
  }
  fragment InstitutionParts on Institution { id name kind region { ...RegionParts } }
  fragment RegionParts on Region { code name parent { code name } }
  fragment EditionParts on Edition { year competition { name level } }
`;

function expectRejected(result: HttpGraphQLResult, message: RegExp, code = "GRAPHQL_VALIDATION_FAILED"): void {
  expect(result.status).toBe(400);
  expect(result.body.data).toBeUndefined();
  expect(result.body.errors).toHaveLength(1);
  expect(result.body.errors![0].message).toMatch(message);
  expect(result.body.errors![0].extensions?.code).toBe(code);
}

describe("query limits", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ schema: buildProbeSchema() });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("let a full page of 100 innovations with their relations through", async () => {
    const result = await server.graphql(FULL_PAGE);
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();
    const nodes = (result.body.data?.innovations as { nodes: unknown[] }).nodes;
    expect(nodes).toHaveLength(100);
  });

  it("let the same page written with fragments through", async () => {
    const result = await server.graphql(FULL_PAGE_WITH_FRAGMENTS);
    expect(result.body.errors).toBeUndefined();
    expect((result.body.data?.innovations as { nodes: unknown[] }).nodes).toHaveLength(100);
  });

  it("reject a query nested deeper than the depth limit", async () => {
    const deep = `{ innovations(first: 1) { nodes { region { parent { parent { parent { parent { parent { parent { parent { name } } } } } } } } } } }`;
    expectRejected(await server.graphql(deep), new RegExp(`^Query depth limit of ${DEFAULT_QUERY_LIMITS.maxDepth} exceeded, found 11\\.$`));
  });

  it("accept a query exactly at the depth limit", async () => {
    const atLimit = `{ innovations(first: 1) { nodes { region { parent { parent { parent { parent { parent { parent { name } } } } } } } } } }`;
    const result = await server.graphql(atLimit);
    expect(result.body.errors).toBeUndefined();
  });

  it("reject a query with more aliases than the limit", async () => {
    const fields = Array.from({ length: DEFAULT_QUERY_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: innovations(first: 1) { totalCount }`);
    expectRejected(
      await server.graphql(`{ ${fields.join(" ")} }`),
      new RegExp(`^Aliases limit of ${DEFAULT_QUERY_LIMITS.maxAliases} exceeded, found ${DEFAULT_QUERY_LIMITS.maxAliases + 1}\\.$`),
    );
  });

  it("reject a page of pages: nested connections multiply the cost", async () => {
    const nested = `{ innovations(first: 100) { nodes { id replications(first: 100) { nodes { id name } } } } }`;
    expectRejected(await server.graphql(nested), new RegExp(`^Query Cost limit of ${DEFAULT_QUERY_LIMITS.maxCost} exceeded, found \\d+`));
  });

  it("reject many full pages fanned out through aliases", async () => {
    const body = FULL_PAGE.slice(FULL_PAGE.indexOf("innovations"), FULL_PAGE.lastIndexOf("}"));
    const fanned = `{ ${Array.from({ length: 5 }, (_, i) => `p${i}: ${body}`).join(" ")} }`;
    expectRejected(await server.graphql(fanned), /^Query Cost limit of \d+ exceeded/);
  });

  it("price page sizes given as variables, which validation alone cannot see", async () => {
    const query = `query Nested($n: Int) { innovations(first: $n) { nodes { id replications(first: $n) { nodes { id name } } } } }`;
    expectRejected(await server.graphql(query, { n: 100 }), /^Query Cost limit of \d+ exceeded/);
    const small = await server.graphql(query, { n: 2 });
    expect(small.body.errors).toBeUndefined();
    const viaDefault = `query Nested($n: Int = 100) { innovations(first: $n) { nodes { id replications(first: $n) { nodes { id } } } } }`;
    expectRejected(await server.graphql(viaDefault), /^Query Cost limit of \d+ exceeded/);
  });

  it("reject a document with more tokens than the limit, before validating it", async () => {
    const fields = Array.from({ length: DEFAULT_QUERY_LIMITS.maxTokens }, () => "__typename").join(" ");
    expectRejected(await server.graphql(`{ ${fields} }`), /2000 tokens\. Parsing aborted/, "GRAPHQL_PARSE_FAILED");
  });

  it("keep field suggestions, since the schema is public", async () => {
    const result = await server.graphql("{ innovation { id } }");
    expect(result.body.errors?.[0].message).toMatch(/Did you mean "innovations"/);
  });
});
