import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Import and provenance: pg_trgm for entity resolution, who-said-what claims, import runs and their
 * review queue, and the seed snapshot that lets corrections survive the seed (see seeds/README.md).
 */
export class ImportProvenance1763920000000 implements MigrationInterface {
  name = "ImportProvenance1763920000000";

  async up(q: QueryRunner): Promise<void> {
    // Trigram similarity for matching incoming names against held ones (shared with search).
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await q.query(`
      CREATE TABLE "seed_snapshot" (
        "table_name" text NOT NULL,
        "row_id" integer NOT NULL,
        "snapshot" jsonb NOT NULL,
        CONSTRAINT "pk_seed_snapshot" PRIMARY KEY ("table_name", "row_id")
      )`);
    // Every catalogue row that exists now was written by the seed (nothing else could write before
    // this migration), so its current values are what the seed last wrote.
    for (const [table, columns] of Object.entries(SEED_COLUMNS_AT_MIGRATION)) {
      await q.query(
        `INSERT INTO "seed_snapshot" ("table_name", "row_id", "snapshot")
         SELECT '${table}', t."id", jsonb_build_object(${columns.map((c) => `'${c}', t."${c}"`).join(", ")}) FROM "${table}" t`,
      );
    }

    await q.query(`
      CREATE TABLE "import_run" (
        "id" SERIAL NOT NULL,
        "publisher" text,
        "files" jsonb NOT NULL,
        "changes" jsonb NOT NULL,
        "total_changes" integer NOT NULL,
        "review_count" integer NOT NULL,
        "conflict_count" integer NOT NULL,
        "started_at" timestamptz NOT NULL,
        "finished_at" timestamptz NOT NULL,
        CONSTRAINT "pk_import_run" PRIMARY KEY ("id")
      )`);

    await q.query(`
      CREATE TABLE "import_review" (
        "id" SERIAL NOT NULL,
        "kind" text NOT NULL,
        "status" text NOT NULL DEFAULT 'open',
        "subject_type" text NOT NULL,
        "subject_id" integer NOT NULL,
        "incoming_id" integer,
        "incoming" jsonb NOT NULL,
        "held" jsonb NOT NULL,
        "similarity" real,
        "message" text NOT NULL,
        "file" text NOT NULL,
        "row" integer NOT NULL,
        "publisher" text,
        "fingerprint" text NOT NULL,
        "last_run_id" integer,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_import_review" PRIMARY KEY ("id"),
        CONSTRAINT "uq_import_review_fingerprint" UNIQUE ("fingerprint"),
        CONSTRAINT "ck_import_review_kind" CHECK ("kind" IN ('uncertain_match','conflict')),
        CONSTRAINT "ck_import_review_status" CHECK ("status" IN ('open','resolved')),
        CONSTRAINT "fk_import_review_last_run" FOREIGN KEY ("last_run_id") REFERENCES "import_run"("id") ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX "ix_import_review_subject" ON "import_review" ("subject_type", "subject_id")`);
    await q.query(`CREATE INDEX "ix_import_review_last_run_id" ON "import_review" ("last_run_id")`);

    await q.query(`
      CREATE TABLE "source_claim" (
        "id" SERIAL NOT NULL,
        "subject_type" text NOT NULL,
        "subject_id" integer NOT NULL,
        "source_id" integer NOT NULL,
        "asserter" text NOT NULL,
        "publisher" text,
        "file" text NOT NULL,
        "row" integer NOT NULL,
        "statements" jsonb NOT NULL,
        "import_run_id" integer,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_source_claim" PRIMARY KEY ("id"),
        CONSTRAINT "uq_source_claim" UNIQUE ("subject_type", "subject_id", "source_id", "asserter"),
        CONSTRAINT "fk_source_claim_source" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_source_claim_import_run" FOREIGN KEY ("import_run_id") REFERENCES "import_run"("id") ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX "ix_source_claim_source_id" ON "source_claim" ("source_id")`);
    await q.query(`CREATE INDEX "ix_source_claim_import_run_id" ON "source_claim" ("import_run_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ["source_claim", "import_review", "import_run", "seed_snapshot"]) {
      await q.query(`DROP TABLE IF EXISTS "${table}"`);
    }
  }
}

/**
 * The columns the seed loader wrote per table when this migration was made (a frozen copy: the
 * writer's list may grow later, and a column missing from a snapshot counts as not yet the seed's).
 */
const SEED_COLUMNS_AT_MIGRATION: Record<string, readonly string[]> = {
  source: ["title", "publisher", "retrieved_at"],
  competition: ["name", "short_name", "aliases", "organizer", "level", "scope_region_code", "description"],
  competition_edition: [
    "edition_number",
    "name",
    "theme",
    "legal_basis",
    "stages_text",
    "stages",
    "groups",
    "categories",
    "criteria",
    "tiers",
    "entry_count",
  ],
  institution: ["name", "name_key", "kind", "region_code", "parent_id"],
  innovation: [
    "name",
    "name_key",
    "acronym",
    "acronym_expansion",
    "aliases",
    "summary",
    "sector",
    "launch_year",
    "status",
    "status_as_of",
    "status_note",
    "institution_id",
    "service_unit",
    "region_code",
  ],
  award_result: ["tier", "tier_rank", "place", "tier_size", "group_name", "category"],
  knowledge_event: [
    "kind",
    "title",
    "starts_on",
    "ends_on",
    "year",
    "organizer",
    "facilitators",
    "participants",
    "venue",
    "description",
    "region_code",
    "competition_id",
    "edition_id",
  ],
};
