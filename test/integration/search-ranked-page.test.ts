import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataSource } from "typeorm";
import { PostgresSearchBackend } from "../../src/search/postgres-search-backend";
import type { SearchFilter, SearchRequest, SearchResult } from "../../src/search/search-backend";
import { SEARCH_FACET_NAMES } from "../../src/search/search-fields";
import { openTestDataSource } from "../helpers/db";

/**
 * A page by relevance ranks word by word only the hits with a query word in their name or summary,
 * and takes the others in award order when the page reaches them (PostgresSearchBackend.rankedPage).
 * Its answers must be exactly those of ranking every hit.
 */
describe("pages by relevance", () => {
  let ds: DataSource;
  let ranked: PostgresSearchBackend;
  let everyHit: PostgresSearchBackend;
  beforeAll(async () => {
    ds = await openTestDataSource({ poolSize: 2 });
    ranked = new PostgresSearchBackend(ds);
    everyHit = new PostgresSearchBackend(ds, { rankEveryHit: true });
  });
  afterAll(async () => {
    await ds.destroy();
  });

  const QUERIES = ["pelayanan", "desa", "aplikasi", "masyarakat", "kesehatan", "health", "lapor he", "pengadaun", "sekolah filial", "layanan publik online", "inovasi daerah", "layanan kesehatan online", "aplikasi pengaduan"];
  // Sector filters: a query naming a sector the filter leaves out levels no hit by it (see pageStatement).
  const FILTERS: SearchFilter[] = [{}, { levels: ["national"] }, { yearFrom: 2015 }, { sectors: ["education"] }, { sectors: ["health", "education"] }];
  const WINDOWS = [
    { limit: 3, offset: 0 },
    { limit: 5, offset: 4 },
    { limit: 7, offset: 12 },
    { limit: 100, offset: 0 },
  ];

  const summary = (r: SearchResult) => ({ ids: r.hits.map((h) => h.innovationId), scores: r.hits.map((h) => h.score), total: r.totalCount, facets: r.facets });

  it("are the same as ranking every hit, across the boundary between the two", async () => {
    let crossings = 0;
    let compared = 0;
    for (const query of QUERIES) {
      for (const filter of FILTERS) {
        for (const window of WINDOWS) {
          const request: SearchRequest = { query, filter, sort: { field: "relevance", direction: "desc" }, facets: SEARCH_FACET_NAMES, ...window };
          const [a, b] = [await ranked.search(request), await everyHit.search(request)];
          expect({ query, filter, window, ...summary(a) }).toEqual({ query, filter, window, ...summary(b) });
          compared += a.hits.length;
          // A page with a hit that has a word in its name or summary (score above 4.1) and one that has
          // none (4.09 at most) shows both parts of the statement at work.
          if (a.hits.some((h) => h.score > 4.1) && a.hits.some((h) => h.score < 4.1)) crossings++;
        }
      }
    }
    expect(compared).toBeGreaterThan(300);
    expect(crossings).toBeGreaterThan(3);
  });

  it("announce the page (onPage) once, with the hits' ids in order, and not a strict page that a relaxed search replaces", async () => {
    const announced: (readonly number[])[] = [];
    const request = (query: string): SearchRequest => ({
      query,
      filter: {},
      sort: { field: "relevance", direction: "desc" },
      facets: [],
      limit: 10,
      offset: 0,
      onPage: (ids) => announced.push(ids),
    });
    const plain = await ranked.search(request("pelayanan"));
    expect(plain.hits.length).toBeGreaterThan(0);
    expect(announced).toEqual([plain.hits.map((h) => h.innovationId)]);

    // No innovation has both words, so the strict search finds fewer than RELAX_BELOW and is replaced.
    announced.length = 0;
    const relaxed = await ranked.search(request("posyandu sampah"));
    expect(relaxed.hits.length).toBeGreaterThan(0);
    expect(announced).toEqual([relaxed.hits.map((h) => h.innovationId)]);
  });

  it("have their highlights made by ts_headline, with Indonesian stemming and prefixes, for the texts asked for only", async () => {
    const statements: string[] = [];
    const query = ds.query.bind(ds);
    (ds as { query: DataSource["query"] }).query = (async (sql: string, params?: unknown[]) => {
      statements.push(sql);
      return query(sql, params);
    }) as DataSource["query"];
    try {
      const request = (text: string, highlights?: SearchRequest["highlights"]): SearchRequest => ({
        query: text,
        filter: {},
        sort: { field: "relevance", direction: "desc" },
        facets: [],
        limit: 20,
        offset: 0,
        highlights,
      });
      const marked = (result: SearchResult) => result.hits.map((h) => `${h.highlights.name} ${h.highlights.summary ?? ""}`).join(" ");
      // "membangun" marks "Pembangunan" (a shared stem); "penyel", being typed, marks "Penyelamat".
      expect(marked(await ranked.search(request("membangun")))).toMatch(/<mark>[Pp]embangunan<\/mark>/);
      expect(marked(await ranked.search(request("kampung penyel")))).toMatch(/<mark>Penyelamat<\/mark>/);
      statements.length = 0;
      await ranked.search(request("pelayanan", ["name"]));
      const page = statements.find((sql) => sql.includes("row_number()"))!;
      expect(page).toContain("ts_headline('indonesian', d.name,");
      expect(page).not.toContain("d.summary, hq.q");
      statements.length = 0;
      await ranked.search(request("pelayanan", []));
      expect(statements.some((sql) => sql.includes("ts_headline"))).toBe(false);
    } finally {
      (ds as { query: DataSource["query"] }).query = query;
    }
  });
});
