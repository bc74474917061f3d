import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataSource } from "typeorm";
import { refreshSearchDocuments } from "../../src/search/postgres-search-index";
import { PostgresSearchBackend } from "../../src/search/postgres-search-backend";
import { SearchUnavailableError, type SearchBackend } from "../../src/search/search-backend";
import { installSearchService, SearchService } from "../../src/search/search-service";
import { openTestDataSource } from "../helpers/db";
import { Factory } from "../helpers/factories";
import { catalogueSchema, TestClient } from "../helpers/graphql";
import { startTestServer } from "../helpers/server";

const SEARCH = /* GraphQL */ `
  query ($query: String, $filter: SearchFilter, $orderBy: SearchOrder, $first: Int, $after: String) {
    search(query: $query, filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      engine
      pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { cursor node { score highlights { name summary narrative } innovation { slug name } } }
      facets { sector { sector count } province { code count region { name } } level { level count } tier { tier count } year { year count } sdg { sdg count } status { status count } }
    }
  }`;

interface SearchData {
  search: {
    totalCount: number;
    engine: string;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: { score: number; highlights: { name: string | null; summary: string | null }; innovation: { slug: string; name: string } } }[];
    facets: Record<string, ({ count: number } & Record<string, unknown>)[]>;
  };
}

describe("the search API", () => {
  let ds: DataSource;
  let client: TestClient;
  let f: Factory;

  beforeAll(async () => {
    ds = await openTestDataSource();
    client = await TestClient.create(ds);
    f = new Factory(ds);
  });

  afterAll(async () => {
    await f.cleanup();
    await client.stop();
    await ds.destroy();
  });

  const slugs = (data: SearchData) => data.search.edges.map((e) => e.node.innovation.slug);

  it("finds Lapor Hendi through a typo, with highlights, facets, the engine and extensions.search", async () => {
    const result = await client.run<SearchData>(SEARCH, { query: "lapor hendy", first: 5 });
    expect(result.errors).toBeUndefined();
    const { search } = result.data!;
    expect(slugs(result.data!)[0]).toBe("lapor-hendi");
    expect(search.engine).toBe("POSTGRES");
    expect(search.edges[0].node.highlights.name).toBe("<mark>Lapor</mark> <mark>Hendi</mark>");
    expect(search.edges[0].node.score).toBeGreaterThan(0);
    expect(search.facets.province).toContainEqual({ code: "33", count: expect.any(Number), region: { name: "Jawa Tengah" } });
    expect(search.facets.province.reduce((n, b) => n + b.count, 0)).toBeLessThanOrEqual(search.totalCount);
    expect(search.facets.tier.map((b) => b.tier)).toContain("OUTSTANDING");
  });

  it("reports the engine in the response extensions", async () => {
    const server = await startTestServer({ schema: await catalogueSchema() });
    try {
      const { status, body } = await server.graphql(`{ search(query: "semarang") { totalCount } }`);
      expect(status).toBe(200);
      expect(body.extensions?.search).toEqual({ engine: "postgres" });
      const plain = await server.graphql(`{ innovations(first: 1) { totalCount } }`);
      expect(plain.body.extensions?.search).toBeUndefined();
    } finally {
      await server.stop();
    }
  });

  it("browses with facets when the query is empty, and facet counts add up to the total", async () => {
    const data = await client.data<SearchData>(SEARCH, { first: 3 });
    expect(data.search.totalCount).toBeGreaterThan(200);
    expect(data.search.edges.every((e) => e.node.score === 0)).toBe(true);
    const sum = (name: string) => data.search.facets[name].reduce((n, b) => n + b.count, 0);
    expect(sum("sector")).toBe(data.search.totalCount);
    expect(sum("status")).toBe(data.search.totalCount);
    const counts = data.search.facets.sector.map((b) => b.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it("pages with cursors: pages are disjoint, and together they are the list", async () => {
    const all = await client.data<SearchData>(SEARCH, { query: "kesehatan", first: 12 });
    expect(all.search.totalCount).toBeGreaterThan(12);
    const first = await client.data<SearchData>(SEARCH, { query: "kesehatan", first: 5 });
    const second = await client.data<SearchData>(SEARCH, { query: "kesehatan", first: 7, after: first.search.pageInfo.endCursor });
    expect([...slugs(first), ...slugs(second)]).toEqual(slugs(all));
    expect(first.search.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(second.search.pageInfo.hasPreviousPage).toBe(true);
  });

  it("refuses a cursor from another search instead of skipping into the wrong list", async () => {
    const other = await client.data<SearchData>(SEARCH, { query: "pendidikan", first: 2 });
    const result = await client.run(SEARCH, { query: "kesehatan", first: 2, after: other.search.pageInfo.endCursor });
    expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0].message).toMatch(/"after" is a cursor for a different list/);
  });

  it("hydrates hits through the loaders: a page of 40 costs the statements of a page of 4", async () => {
    const deep = `query ($first: Int) { search(query: "kesehatan", first: $first) {
      edges { node { innovation { name institution { name } region { name } province { name } awards { label competition { name } } } } } } }`;
    const small = await client.run(deep, { first: 4 });
    const large = await client.run(deep, { first: 40 });
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expect(large.statements).toBe(small.statements);
    // Vocabulary lookup is skipped (the lexicon knows "kesehatan"): search, innovations, institutions,
    // regions (region and province in one batch), awards, editions, competitions.
    expect(large.statements).toBeLessThanOrEqual(7);
  });

  it("keeps the cost limit: a search page of 100 with deep nested lists is refused before it runs", async () => {
    const result = await client.run(`{ search(first: 100) { edges { node { innovation {
      similar(first: 20) { name awards { label competition { name editions { name tiers { label } } } } } } } } } }`);
    expect(result.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(result.statements).toBe(0);
  });

  describe("bad input gets a clear error or a sensible result, never an internal error", () => {
    it("refuses a 10 KB query, naming the argument", async () => {
      const result = await client.run(SEARCH, { query: "pengaduan ".repeat(1024) });
      expect(result.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "query" });
      expect(result.errors?.[0].message).toBe('"query" must be at most 500 characters, got 10240.');
    });

    it.each([
      ["control characters", "lapor\u0000\u0007\u001b[31m hendi\u202e"],
      ["unbalanced quotes", `"lapor hendi`],
      ["tsquery syntax", "a & | ! :* ( lapor"],
      ["SQL", "lapor'; DROP TABLE search_document; --"],
      ["emoji", "🙂 lapor 🇮🇩 hendi 👍🏽"],
      ["only symbols", "&|!:*()'\""],
      ["a lone surrogate", "lapor \uD83D hendi"],
    ])("answers %s with a result", async (_, query) => {
      const result = await client.run<SearchData>(SEARCH, { query, first: 3 });
      expect(result.errors).toBeUndefined();
      expect(result.data!.search.totalCount).toBeGreaterThan(0);
    });

    it("still finds what the words mean around the noise", async () => {
      const data = await client.data<SearchData>(SEARCH, { query: `"lapor' ; -- hendi 🙂`, first: 3 });
      expect(slugs(data)[0]).toBe("lapor-hendi");
    });

    it.each([
      [{ first: 0 }, /"first" must be between 1 and 100, got 0/],
      [{ first: 101 }, /"first" must be between 1 and 100, got 101/],
      [{ orderBy: { field: "RELEVANCE", direction: "ASC" } }, /RELEVANCE can only be sorted DESC/],
      [{ filter: { yearFrom: 2022, yearTo: 2020 } }, /"filter.yearFrom" \(2022\) is after "filter.yearTo" \(2020\)/],
      [{ filter: { yearFrom: 1066 } }, /"filter.yearFrom" must be a year from 1990 to 2100, got 1066/],
      [{ filter: { regionCodes: ["33'; --"] } }, /"filter.regionCodes" has .* which is not a Kemendagri code/],
      [{ filter: { sdgs: [18] } }, /"filter.sdgs" has 18; SDGs are numbered 1 to 17/],
      [{ after: "not a cursor" }, /"after" is not a valid cursor/],
    ])("refuses %j with BAD_USER_INPUT", async (variables, message) => {
      const result = await client.run(SEARCH, { query: "kesehatan", ...variables });
      expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      expect(result.errors?.[0].message).toMatch(message);
    });

    it("refuses to page past the search window", async () => {
      const page = await client.data<SearchData>(SEARCH, { first: 1 });
      const [kind] = JSON.parse(Buffer.from(page.search.pageInfo.endCursor!, "base64url").toString());
      const deep = Buffer.from(JSON.stringify([kind, 995])).toString("base64url");
      const result = await client.run(SEARCH, { first: 10, after: deep });
      expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      expect(result.errors?.[0].message).toMatch(/first 1000 hits only/);
    });
  });

  it("falls back to Postgres when the configured engine cannot answer, and says so in extensions.search", async () => {
    const institution = await f.institution({ regionCode: "33.74" });
    const id = await f.innovation(institution, { name: `Fallbackia ${f.tag}` });
    await refreshSearchDocuments(ds.manager, [id]);
    // A backend that is down: it stands in for an unreachable external engine (no server is faked).
    const down: SearchBackend = {
      engine: "meilisearch",
      search: async () => {
        throw new SearchUnavailableError("meilisearch", "connect ECONNREFUSED 127.0.0.1:7700");
      },
    };
    const server = await startTestServer({ schema: await catalogueSchema() });
    installSearchService(server.database.dataSource, new SearchService(down, new PostgresSearchBackend(server.database.dataSource)));
    try {
      const { status, body } = await server.graphql(`{ search(query: "fallbackia") { totalCount engine edges { node { innovation { name } } } } }`);
      expect(status).toBe(200);
      expect(body.data).toEqual({ search: { totalCount: 1, engine: "POSTGRES", edges: [{ node: { innovation: { name: `Fallbackia ${f.tag}` } } }] } });
      expect(body.extensions?.search).toEqual({ engine: "postgres", fallbackFrom: "meilisearch", reason: "connect ECONNREFUSED 127.0.0.1:7700" });
    } finally {
      await server.stop();
    }
  });

  it("reports SEARCH_UNAVAILABLE when the engine is down and there is no fallback", async () => {
    const down = new SearchService({
      engine: "meilisearch",
      search: async () => {
        throw new SearchUnavailableError("meilisearch", "timed out after 2000 ms");
      },
    });
    const server = await startTestServer({ schema: await catalogueSchema() });
    installSearchService(server.database.dataSource, down);
    try {
      const { status, body } = await server.graphql(`{ search(query: "lapor") { totalCount } }`);
      expect(status).toBe(200);
      expect(body.errors?.[0].extensions?.code).toBe("SEARCH_UNAVAILABLE");
      expect(body.errors?.[0].message).toMatch(/Search is unavailable/);
    } finally {
      await server.stop();
    }
  });
});
