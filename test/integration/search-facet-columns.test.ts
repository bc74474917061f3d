import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataSource } from "typeorm";
import { decodeFacetCode, FACET_COLUMNS, facetBucketValue, facetColumnValues } from "../../src/search/postgres-document-columns";
import { PostgresSearchBackend } from "../../src/search/postgres-search-backend";
import { compareFacetBuckets, MAX_SEARCH_WINDOW, type SearchFacetBucket } from "../../src/search/search-backend";
import type { SearchFacetName } from "../../src/search/search-fields";
import { openTestDataSource } from "../helpers/db";

/** The facet columns Postgres generates from facet_codes (migration 1763930000000) say what the codes say. */
describe("search_document facet columns", () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openTestDataSource();
  });
  afterAll(async () => {
    await ds.destroy();
  });

  it("hold every facet value of each seeded document's codes, and nothing else", async () => {
    const rows: Record<string, unknown>[] = await ds.query(
      `SELECT innovation_id, facet_codes, ${FACET_COLUMNS.map((c) => `${c.column}::text AS ${c.column}`).join(", ")} FROM search_document ORDER BY innovation_id`,
    );
    expect(rows.length).toBeGreaterThan(50);
    let multiValued = 0;
    for (const row of rows) {
      const fromCodes = (row.facet_codes as number[]).map((c) => decodeFacetCode(c)).map((b) => `${b!.facet}=${b!.value}`).sort();
      const fromColumns = FACET_COLUMNS.flatMap((c) =>
        facetColumnValues(c, row[c.column] as string | null).map((n) => `${c.facet}=${facetBucketValue(c.facet, n)}`),
      ).sort();
      expect({ id: row.innovation_id, facets: fromColumns }).toEqual({ id: row.innovation_id, facets: fromCodes });
      if (fromCodes.filter((f) => f.startsWith("year=")).length > 1) multiValued++;
    }
    // Some documents have awards in several years: the masks are exercised, not only single bits.
    expect(multiValued).toBeGreaterThan(0);
  });

  it("are counted for any set of facets as the tally of the hits' own values", async () => {
    const backend = new PostgresSearchBackend(ds);
    const subsets: SearchFacetName[][] = [
      ["sector", "province", "level", "tier", "year", "sdg", "status"],
      ["status"],
      ["tier", "status"],
      ["year", "province"],
      ["sdg", "level", "sector"],
    ];
    let buckets = 0;
    for (const query of ["", "desa", "kesehatan"]) {
      for (const facets of subsets) {
        const result = await backend.search({ query, filter: {}, sort: { field: "relevance", direction: "desc" }, limit: MAX_SEARCH_WINDOW, offset: 0, facets });
        expect(result.hits.length).toBe(result.totalCount);
        const rows: Record<string, string | null>[] = await ds.query(
          `SELECT ${FACET_COLUMNS.map((c) => `${c.column}::text AS ${c.column}`).join(", ")} FROM search_document WHERE innovation_id = ANY($1::int[])`,
          [result.hits.map((h) => h.innovationId)],
        );
        const expected: Partial<Record<SearchFacetName, SearchFacetBucket[]>> = {};
        for (const facet of facets) {
          const tally = new Map<string, number>();
          for (const row of rows) {
            for (const column of FACET_COLUMNS.filter((c) => c.facet === facet)) {
              for (const n of facetColumnValues(column, row[column.column])) {
                const value = facetBucketValue(facet, n)!;
                tally.set(value, (tally.get(value) ?? 0) + 1);
              }
            }
          }
          expected[facet] = [...tally].map(([value, count]) => ({ value, count })).sort(compareFacetBuckets);
          buckets += expected[facet]!.length;
        }
        expect({ query, facets, counts: result.facets }).toEqual({ query, facets, counts: expected });
      }
    }
    expect(buckets).toBeGreaterThan(100);
  });
});
