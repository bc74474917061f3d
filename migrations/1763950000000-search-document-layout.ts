import type { MigrationInterface, QueryRunner } from "typeorm";

const WEIGHTED = `setweight(to_tsvector('simple'::regconfig, "terms_a"), 'A') || setweight(to_tsvector('simple'::regconfig, "terms_b"), 'B') || setweight(to_tsvector('simple'::regconfig, "terms_c"), 'C') || setweight(to_tsvector('simple'::regconfig, "terms_d"), 'D') || array_to_tsvector("filter_terms")`;
const OLD_SEARCH_VECTOR = WEIGHTED;
/** As the entity declares it (TypeORM compares the expressions). */
const SEARCH_VECTOR = `${WEIGHTED} || search_tagged(to_tsvector('simple'::regconfig, "terms_a") || to_tsvector('simple'::regconfig, "terms_b"))`;

/** Copied as they are; the generated columns are computed again. */
const STORED_COLUMNS = [
  "innovation_id", "best_tier_rank", "latest_year", "slug", "name", "summary", "narrative",
  "terms_a", "terms_b", "terms_c", "terms_d", "updated_at", "filter_terms", "facet_codes",
];

/**
 * `search_document` is rebuilt for the two statements of a search (postgres-search-backend.ts):
 *
 * - **Columns in the order a search reads them.** Postgres decodes a row's columns from the first up
 *   to the last one a statement needs. The facet columns were added last, behind about twenty
 *   variable-width columns, so counting 50,000 hits decoded every column of 50,000 rows. The sort keys,
 *   facet columns and ranking vectors now come first, and the text (read for twenty hits at most) last.
 * - **Tagged name and summary words.** `search_vector` also holds every word of the name and summary
 *   groups (text groups A and B) once more, tagged with "^" ("^desa"), made by the new function
 *   `search_tagged`. A query can then ask the index, in the same GIN scan, for the hits that have a
 *   query word in their name or summary: only those can rank above the rest, so only those are ranked
 *   word by word, and the rest are taken in award order when the page needs them.
 *
 * The table is copied (a new table in the new order, the rows, then the old one dropped), so the
 * migration takes about as long as building the search index. `down` drops the tagged words; it
 * keeps the new column order, which changes nothing but speed.
 */
export class SearchDocumentLayout1763950000000 implements MigrationInterface {
  name = "SearchDocumentLayout1763950000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION search_tagged(words tsvector) RETURNS tsvector
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT array_to_tsvector(ARRAY(SELECT '^' || w FROM unnest(tsvector_to_array(words)) AS w)) $$`);
    await q.query(`
      CREATE TABLE "search_document_next" (
        "innovation_id" integer NOT NULL,
        "best_tier_rank" integer,
        "latest_year" integer,
        "facet_sector" smallint GENERATED ALWAYS AS (search_facet_value(facet_codes, 1)) STORED NOT NULL,
        "facet_province" smallint GENERATED ALWAYS AS (search_facet_value(facet_codes, 2)) STORED,
        "facet_status" smallint GENERATED ALWAYS AS (search_facet_value(facet_codes, 7)) STORED,
        "facet_levels" bigint GENERATED ALWAYS AS (search_facet_mask(facet_codes, 3, 0)) STORED NOT NULL,
        "facet_tiers" bigint GENERATED ALWAYS AS (search_facet_mask(facet_codes, 4, 0)) STORED NOT NULL,
        "facet_years" bigint GENERATED ALWAYS AS (search_facet_mask(facet_codes, 5, 1990)) STORED NOT NULL,
        "facet_years_late" bigint GENERATED ALWAYS AS (search_facet_mask(facet_codes, 5, 2053)) STORED NOT NULL,
        "facet_sdgs" bigint GENERATED ALWAYS AS (search_facet_mask(facet_codes, 6, 0)) STORED NOT NULL,
        "name_vector" tsvector GENERATED ALWAYS AS (strip(to_tsvector('simple'::regconfig, "terms_a"))) STORED NOT NULL,
        "summary_vector" tsvector GENERATED ALWAYS AS (strip(to_tsvector('simple'::regconfig, "terms_b"))) STORED NOT NULL,
        "search_vector" tsvector GENERATED ALWAYS AS (${SEARCH_VECTOR}) STORED NOT NULL,
        "slug" text NOT NULL,
        "name" text NOT NULL,
        "summary" text,
        "narrative" text,
        "terms_a" text NOT NULL DEFAULT '',
        "terms_b" text NOT NULL DEFAULT '',
        "terms_c" text NOT NULL DEFAULT '',
        "terms_d" text NOT NULL DEFAULT '',
        "updated_at" timestamp with time zone NOT NULL DEFAULT now(),
        "filter_terms" text array NOT NULL DEFAULT '{}',
        "facet_codes" integer array NOT NULL DEFAULT '{}'
      ) WITH (toast_tuple_target = 128)`);
    // The ranking vectors stay in the row (MAIN); search_vector, a few KB, is stored out of line and
    // has no statistics (ANALYZE skips values that wide anyway).
    await q.query(`ALTER TABLE "search_document_next" ALTER COLUMN "name_vector" SET STORAGE MAIN, ALTER COLUMN "summary_vector" SET STORAGE MAIN, ALTER COLUMN "search_vector" SET STATISTICS 0`);
    const columns = STORED_COLUMNS.map((c) => `"${c}"`).join(", ");
    await q.query(`INSERT INTO "search_document_next" (${columns}) SELECT ${columns} FROM "search_document" ORDER BY "innovation_id"`);
    await q.query(`DROP TABLE "search_document"`);
    await q.query(`ALTER TABLE "search_document_next" RENAME TO "search_document"`);
    await q.query(`ALTER TABLE "search_document" ADD CONSTRAINT "pk_search_document" PRIMARY KEY ("innovation_id")`);
    await q.query(
      `ALTER TABLE "search_document" ADD CONSTRAINT "fk_search_document_innovation" FOREIGN KEY ("innovation_id") REFERENCES "innovation"("id") ON DELETE CASCADE`,
    );
    await q.query(`CREATE INDEX "ix_search_document_best_tier_rank" ON "search_document" ("best_tier_rank")`);
    await q.query(`CREATE INDEX "ix_search_document_latest_year" ON "search_document" ("latest_year")`);
    await q.query(`CREATE INDEX "ix_search_document_vector" ON "search_document" USING GIN ("search_vector") WITH (fastupdate = off)`);
    await q.query(
      `CREATE TRIGGER "tg_catalogue_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "search_document" FOR EACH STATEMENT EXECUTE FUNCTION catalogue_version_raise()`,
    );
    await this.recordSearchVector(q, SEARCH_VECTOR);
    await q.query(`ANALYZE "search_document"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_search_document_vector"`);
    await q.query(`ALTER TABLE "search_document" DROP COLUMN "search_vector"`);
    await q.query(`ALTER TABLE "search_document" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (${OLD_SEARCH_VECTOR}) STORED NOT NULL`);
    await q.query(`ALTER TABLE "search_document" ALTER COLUMN "search_vector" SET STATISTICS 0`);
    await q.query(`CREATE INDEX "ix_search_document_vector" ON "search_document" USING GIN ("search_vector") WITH (fastupdate = off)`);
    await this.recordSearchVector(q, OLD_SEARCH_VECTOR);
    await q.query(`DROP FUNCTION search_tagged(tsvector)`);
  }

  private async recordSearchVector(q: QueryRunner, expression: string): Promise<void> {
    await q.query(`UPDATE "typeorm_metadata" SET "value" = $1 WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'search_document' AND "name" = 'search_vector'`, [
      expression,
    ]);
  }
}
