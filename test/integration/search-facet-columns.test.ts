import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataSource } from "typeorm";
import { decodeFacetCode, FACET_COLUMNS, facetBucketValue, facetColumnValues } from "../../src/search/postgres-document-columns";
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
});
