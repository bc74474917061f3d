import type { MigrationInterface, QueryRunner } from "typeorm";

const vector = (weight: string) => `to_tsvector('simple'::regconfig, "terms_${weight.toLowerCase()}")`;
const weighted = (weights: string[]) => weights.map((w) => `setweight(${vector(w)}, '${w}')`).join(" || ");

/** The generated expressions, exactly as the entity declares them (TypeORM compares them). */
const OLD_SEARCH_VECTOR = weighted(["A", "B", "C", "D"]);
const SEARCH_VECTOR = `${weighted(["A", "B", "C", "D"])} || array_to_tsvector("filter_terms")`;
const NAME_VECTOR = `strip(${vector("A")})`;
const SUMMARY_VECTOR = `strip(${vector("B")})`;

/** The vocabularies facet codes index into, as they were when this migration was written. */
const SECTORS = ["health", "education", "agriculture", "economy", "environment", "governance", "social_protection",
  "population_administration", "public_order", "law_enforcement", "licensing", "complaints", "transport", "other"];
const LEVELS = ["international", "national", "provincial", "regency", "city"];
const TIERS = ["outstanding", "winner", "top", "honourable_mention", "shortlist", "finalist", "unclassified"];
const STATUSES = ["continuing", "continuing_with_development", "stopped"];
const textArray = (values: string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(", ")}]::text[]`;
const elements = (column: string, expression: string) =>
  `ARRAY(SELECT ${expression} FROM unnest(d.${column}) WITH ORDINALITY AS u(v, n) ORDER BY n)`;

/** Columns of the first version that copied the document; their values now live in filter_terms, facet_codes and terms_*. */
const COPIED_COLUMNS: [name: string, type: string][] = [
  ["acronym", "text"], ["acronym_expansion", "text"], ["aliases", "text array NOT NULL DEFAULT '{}'"],
  ["institution_name", "text NOT NULL DEFAULT ''"], ["region_names", "text array NOT NULL DEFAULT '{}'"],
  ["award_labels", "text array NOT NULL DEFAULT '{}'"], ["sector_labels", "text array NOT NULL DEFAULT '{}'"],
  ["sector", "text NOT NULL DEFAULT 'other'"], ["province_code", "varchar(13)"], ["region_code", "varchar(13)"],
  ["levels", "text array NOT NULL DEFAULT '{}'"], ["tiers", "text array NOT NULL DEFAULT '{}'"],
  ["years", "integer array NOT NULL DEFAULT '{}'"], ["sdgs", "integer array NOT NULL DEFAULT '{}'"], ["status", "text"],
];
const FILTER_INDEXES = ["sector", "province_code", "region_code", "status", "levels", "tiers", "years", "sdgs"];

/**
 * Search at 100,000 innovations (bench/search-bench.ts):
 * - the selective filters (sector, region, SDG) become lexemes of `search_vector` (`filter_terms`,
 *   "~sector:health"), so that text and they are one GIN condition; the others are checked on each
 *   matching row's `facet_codes`; the per-column filter indexes and the copied document columns go;
 * - `search_vector` has no planner statistics (statistics target 0): Postgres then always finds
 *   matches through the GIN index. With statistics it would scan the table for a common word and
 *   re-read every document's vector from out-of-line storage, a cost its model does not see;
 * - ranking reads `name_vector` and `summary_vector`, small and without positions, not the whole vector;
 * - facets are counted from `facet_codes`, small integer arrays, in one pass;
 * - rows keep only what every hit needs (toast_tuple_target 128; storage MAIN for the small vectors
 *   and facet codes), so a search over thousands of hits reads few pages;
 * - the GIN index has no pending list (fastupdate off), so searches never scan one.
 * Existing documents get their filter lexemes and facet codes here, in SQL, in the order
 * documentFilterTerms and documentFacetCodes give. Their terms have the old text groups (sector labels
 * were in D, now B), so they are marked stale (updated_at = '-infinity'): ensureSearchDocuments, run by
 * the server and `inovasi seed`, re-indexes them.
 */
export class SearchFilterLexemes1763900000001 implements MigrationInterface {
  name = "SearchFilterLexemes1763900000001";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "search_document" SET (toast_tuple_target = 128)`);
    for (const column of FILTER_INDEXES) await q.query(`DROP INDEX "ix_search_document_${column}"`);

    await q.query(`ALTER TABLE "search_document" ADD COLUMN "filter_terms" text array NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE "search_document" ADD COLUMN "facet_codes" integer array NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE "search_document" ALTER COLUMN "facet_codes" SET STORAGE MAIN`);
    await q.query(`
      UPDATE "search_document" d SET
        "filter_terms" =
          ARRAY['~sector:' || d.sector]
          || CASE WHEN d.province_code IS NULL THEN '{}'::text[] ELSE ARRAY['~province:' || d.province_code] END
          || CASE WHEN d.region_code IS NULL THEN '{}'::text[] ELSE ARRAY['~region:' || d.region_code] END
          || ${elements("sdgs", `'~sdg:' || v`)},
        "facet_codes" =
          ARRAY[1000000 + array_position(${textArray(SECTORS)}, d.sector) - 1]
          || CASE WHEN d.province_code IS NULL THEN '{}'::int[] ELSE ARRAY[2000000 + d.province_code::int] END
          || ${elements("levels", `3000000 + array_position(${textArray(LEVELS)}, v) - 1`)}
          || ${elements("tiers", `4000000 + array_position(${textArray(TIERS)}, v) - 1`)}
          || ${elements("years", "5000000 + v")}
          || ${elements("sdgs", "6000000 + v")}
          || CASE WHEN d.status IS NULL THEN '{}'::int[] ELSE ARRAY[7000000 + array_position(${textArray(STATUSES)}, d.status) - 1] END`);
    for (const [column] of COPIED_COLUMNS) await q.query(`ALTER TABLE "search_document" DROP COLUMN "${column}"`);
    await q.query(`UPDATE "search_document" SET "updated_at" = '-infinity'`);

    await q.query(`ALTER TABLE "search_document" ADD COLUMN "name_vector" tsvector GENERATED ALWAYS AS (${NAME_VECTOR}) STORED NOT NULL`);
    await q.query(`ALTER TABLE "search_document" ADD COLUMN "summary_vector" tsvector GENERATED ALWAYS AS (${SUMMARY_VECTOR}) STORED NOT NULL`);
    await q.query(`ALTER TABLE "search_document" ALTER COLUMN "name_vector" SET STORAGE MAIN`);
    await q.query(`ALTER TABLE "search_document" ALTER COLUMN "summary_vector" SET STORAGE MAIN`);
    await this.recordExpression(q, "name_vector", NAME_VECTOR);
    await this.recordExpression(q, "summary_vector", SUMMARY_VECTOR);

    // Re-creating the matching vector rewrites the table, so every row also takes the storage above.
    await q.query(`ALTER TABLE "search_document" DROP COLUMN "search_vector"`);
    await q.query(`ALTER TABLE "search_document" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (${SEARCH_VECTOR}) STORED NOT NULL`);
    await q.query(`ALTER TABLE "search_document" ALTER COLUMN "search_vector" SET STATISTICS 0`);
    await this.recordExpression(q, "search_vector", SEARCH_VECTOR);
    await q.query(`CREATE INDEX "ix_search_document_vector" ON "search_document" USING GIN ("search_vector") WITH (fastupdate = off)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "search_document" DROP COLUMN "search_vector"`);
    await q.query(`ALTER TABLE "search_document" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (${OLD_SEARCH_VECTOR}) STORED NOT NULL`);
    await this.recordExpression(q, "search_vector", OLD_SEARCH_VECTOR);
    await q.query(`CREATE INDEX "ix_search_document_vector" ON "search_document" USING GIN ("search_vector")`);
    for (const column of ["name_vector", "summary_vector"]) {
      await q.query(`ALTER TABLE "search_document" DROP COLUMN "${column}"`);
      await q.query(`DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'search_document' AND "name" = $1`, [column]);
    }
    // The copied columns come back empty: `refreshSearchDocuments(…, "all")` fills them again.
    for (const [column, type] of COPIED_COLUMNS) await q.query(`ALTER TABLE "search_document" ADD COLUMN "${column}" ${type}`);
    for (const column of ["institution_name", "sector"]) await q.query(`ALTER TABLE "search_document" ALTER COLUMN "${column}" DROP DEFAULT`);
    await q.query(`ALTER TABLE "search_document" DROP COLUMN "filter_terms"`);
    await q.query(`ALTER TABLE "search_document" DROP COLUMN "facet_codes"`);
    for (const column of FILTER_INDEXES) {
      const gin = ["levels", "tiers", "years", "sdgs"].includes(column);
      await q.query(`CREATE INDEX "ix_search_document_${column}" ON "search_document" ${gin ? "USING GIN " : ""}("${column}")`);
    }
    await q.query(`ALTER TABLE "search_document" RESET (toast_tuple_target)`);
  }

  /** TypeORM reads a generated column's expression from its metadata table. */
  private async recordExpression(q: QueryRunner, column: string, expression: string): Promise<void> {
    await q.query(`DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'search_document' AND "name" = $1`, [column]);
    await q.query(
      `INSERT INTO "typeorm_metadata" ("database", "schema", "table", "type", "name", "value")
       VALUES (current_database(), current_schema(), 'search_document', 'GENERATED_COLUMN', $1, $2)`,
      [column, expression],
    );
  }
}
