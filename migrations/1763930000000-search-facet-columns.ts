import type { MigrationInterface, QueryRunner } from "typeorm";

/** The columns, exactly as the entity declares them (TypeORM compares the expressions). */
const SEARCH_FACET_COLUMNS: { column: string; type: string; expression: string; nullable?: true }[] = [
  { column: "facet_sector", type: "smallint", expression: "search_facet_value(facet_codes, 1)" },
  { column: "facet_province", type: "smallint", expression: "search_facet_value(facet_codes, 2)", nullable: true },
  { column: "facet_levels", type: "bigint", expression: "search_facet_mask(facet_codes, 3, 0)" },
  { column: "facet_tiers", type: "bigint", expression: "search_facet_mask(facet_codes, 4, 0)" },
  { column: "facet_years", type: "bigint", expression: "search_facet_mask(facet_codes, 5, 1990)" },
  { column: "facet_years_late", type: "bigint", expression: "search_facet_mask(facet_codes, 5, 2053)" },
  { column: "facet_sdgs", type: "bigint", expression: "search_facet_mask(facet_codes, 6, 0)" },
  { column: "facet_status", type: "smallint", expression: "search_facet_value(facet_codes, 7)", nullable: true },
];

/**
 * Facets at 100,000 innovations (bench/search-bench.ts): counting every facet of a search that matches
 * 50,000 innovations by unnesting `facet_codes` made 700,000 rows to group, and spilled the matched
 * rows to disk. Each facet now has a small column of its own, generated from `facet_codes` (which stays
 * the one written value, and what the row filters read): sector, province and status as the value's
 * number, and the multi-valued ones (levels, tiers, years, SDGs) as bit masks. A search groups the
 * matched rows once per facet (GROUPING SETS) and reads the masks' bits back in TypeScript
 * (postgres-document-columns.ts). Row filters on level, tier, year and status test the columns too
 * (a bit mask or a small number), not the array.
 *
 * The two functions are immutable, so Postgres can generate the columns with them. Years are bits from
 * 1990 in `facet_years` and from 2053 in `facet_years_late` (63 years each, up to 2115, past the
 * edition year constraint's 2100).
 */
export class SearchFacetColumns1763930000000 implements MigrationInterface {
  name = "SearchFacetColumns1763930000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION search_facet_value(codes integer[], facet integer) RETURNS smallint
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT min(c % 1000000)::smallint FROM unnest(codes) AS c WHERE c / 1000000 = facet $$`);
    await q.query(`
      CREATE FUNCTION search_facet_mask(codes integer[], facet integer, base integer) RETURNS bigint
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT coalesce(bit_or(1::bigint << (c % 1000000 - base)), 0) FROM unnest(codes) AS c
               WHERE c / 1000000 = facet AND c % 1000000 BETWEEN base AND base + 62 $$`);
    // Searches now filter and count on the facet columns, so facet_codes (the source they are generated
    // from) can leave the row: the rewrite below stores it out of line, and rows stay as narrow as before.
    await q.query(`ALTER TABLE "search_document" ALTER COLUMN "facet_codes" SET STORAGE EXTENDED`);
    // One ALTER TABLE, so the table is rewritten once.
    await q.query(
      `ALTER TABLE "search_document" ${SEARCH_FACET_COLUMNS.map((c) => `ADD COLUMN "${c.column}" ${c.type} GENERATED ALWAYS AS (${c.expression}) STORED${c.nullable ? "" : " NOT NULL"}`).join(", ")}`,
    );
    for (const c of SEARCH_FACET_COLUMNS) {
      await q.query(
        `INSERT INTO "typeorm_metadata" ("database", "schema", "table", "type", "name", "value")
         VALUES (current_database(), current_schema(), 'search_document', 'GENERATED_COLUMN', $1, $2)`,
        [c.column, c.expression],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "search_document" ${SEARCH_FACET_COLUMNS.map((c) => `DROP COLUMN "${c.column}"`).join(", ")}`);
    await q.query(`DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'search_document' AND "name" = ANY($1)`, [
      SEARCH_FACET_COLUMNS.map((c) => c.column),
    ]);
    await q.query(`ALTER TABLE "search_document" ALTER COLUMN "facet_codes" SET STORAGE MAIN`);
    await q.query(`DROP FUNCTION search_facet_mask(integer[], integer, integer)`);
    await q.query(`DROP FUNCTION search_facet_value(integer[], integer)`);
  }
}
