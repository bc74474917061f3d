import type { MigrationInterface, QueryRunner } from "typeorm";

/** The generated column's expression, exactly as the entity declares it (TypeORM compares the two). */
const SEARCH_VECTOR_EXPRESSION =
  `setweight(to_tsvector('simple'::regconfig, "terms_a"), 'A') || ` +
  `setweight(to_tsvector('simple'::regconfig, "terms_b"), 'B') || ` +
  `setweight(to_tsvector('simple'::regconfig, "terms_c"), 'C') || ` +
  `setweight(to_tsvector('simple'::regconfig, "terms_d"), 'D')`;

/**
 * The Postgres search engine: `search_document` (one projected document per innovation, with a stored
 * generated weighted tsvector and GIN indexes for text and for the array filters) and `search_term`
 * (the vocabulary, with a pg_trgm index for typo correction). Existing innovations are indexed by
 * `refreshSearchDocuments`, which the seed loader and the server run after loading data.
 */
export class Search1763900000000 implements MigrationInterface {
  name = "Search1763900000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE "search_document" (
        "innovation_id" integer NOT NULL,
        "slug" text NOT NULL,
        "name" text NOT NULL,
        "acronym" text,
        "acronym_expansion" text,
        "aliases" text array NOT NULL DEFAULT '{}',
        "summary" text,
        "narrative" text,
        "institution_name" text NOT NULL,
        "region_names" text array NOT NULL DEFAULT '{}',
        "award_labels" text array NOT NULL DEFAULT '{}',
        "sector_labels" text array NOT NULL DEFAULT '{}',
        "sector" text NOT NULL,
        "province_code" varchar(13),
        "region_code" varchar(13),
        "levels" text array NOT NULL DEFAULT '{}',
        "tiers" text array NOT NULL DEFAULT '{}',
        "years" integer array NOT NULL DEFAULT '{}',
        "sdgs" integer array NOT NULL DEFAULT '{}',
        "status" text,
        "best_tier_rank" integer,
        "latest_year" integer,
        "terms_a" text NOT NULL DEFAULT '',
        "terms_b" text NOT NULL DEFAULT '',
        "terms_c" text NOT NULL DEFAULT '',
        "terms_d" text NOT NULL DEFAULT '',
        "search_vector" tsvector GENERATED ALWAYS AS (${SEARCH_VECTOR_EXPRESSION}) STORED NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_search_document" PRIMARY KEY ("innovation_id"),
        CONSTRAINT "fk_search_document_innovation" FOREIGN KEY ("innovation_id") REFERENCES "innovation"("id") ON DELETE CASCADE
      )`);
    // TypeORM reads a generated column's expression from its metadata table, not from the catalogue.
    await q.query(
      `INSERT INTO "typeorm_metadata" ("database", "schema", "table", "type", "name", "value")
       VALUES (current_database(), current_schema(), 'search_document', 'GENERATED_COLUMN', 'search_vector', $1)`,
      [SEARCH_VECTOR_EXPRESSION],
    );
    await q.query(`CREATE INDEX "ix_search_document_vector" ON "search_document" USING GIN ("search_vector")`);
    await q.query(`CREATE INDEX "ix_search_document_sector" ON "search_document" ("sector")`);
    await q.query(`CREATE INDEX "ix_search_document_province_code" ON "search_document" ("province_code")`);
    await q.query(`CREATE INDEX "ix_search_document_region_code" ON "search_document" ("region_code")`);
    await q.query(`CREATE INDEX "ix_search_document_status" ON "search_document" ("status")`);
    await q.query(`CREATE INDEX "ix_search_document_best_tier_rank" ON "search_document" ("best_tier_rank")`);
    await q.query(`CREATE INDEX "ix_search_document_latest_year" ON "search_document" ("latest_year")`);
    await q.query(`CREATE INDEX "ix_search_document_levels" ON "search_document" USING GIN ("levels")`);
    await q.query(`CREATE INDEX "ix_search_document_tiers" ON "search_document" USING GIN ("tiers")`);
    await q.query(`CREATE INDEX "ix_search_document_years" ON "search_document" USING GIN ("years")`);
    await q.query(`CREATE INDEX "ix_search_document_sdgs" ON "search_document" USING GIN ("sdgs")`);

    await q.query(`
      CREATE TABLE "search_term" (
        "term" text NOT NULL,
        CONSTRAINT "pk_search_term" PRIMARY KEY ("term")
      )`);
    await q.query(`CREATE INDEX "ix_search_term_trgm" ON "search_term" USING GIN ("term" gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "search_term"`);
    await q.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'search_document' AND "name" = 'search_vector'`,
    );
    await q.query(`DROP TABLE "search_document"`);
  }
}
