import type { MigrationInterface, QueryRunner } from "typeorm";

/** Publishers with scoped write access: publishers, their competition scope, hashed API keys, and the audit trail. */
export class Publishing1763910000000 implements MigrationInterface {
  name = "Publishing1763910000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "publisher" (
        "id" SERIAL NOT NULL,
        "name" text NOT NULL,
        "kind" text NOT NULL,
        "region_code" varchar(13),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_publisher" PRIMARY KEY ("id"),
        CONSTRAINT "uq_publisher_name" UNIQUE ("name"),
        CONSTRAINT "ck_publisher_kind" CHECK ("kind" IN ('national_body','regional_government','organiser','other')),
        CONSTRAINT "fk_publisher_region" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX "ix_publisher_region_code" ON "publisher" ("region_code")`);

    // The primary key's leading column indexes publisher_id.
    await q.query(`
      CREATE TABLE "publisher_competition" (
        "publisher_id" integer NOT NULL,
        "competition_id" integer NOT NULL,
        CONSTRAINT "pk_publisher_competition" PRIMARY KEY ("publisher_id", "competition_id"),
        CONSTRAINT "fk_publisher_competition_publisher" FOREIGN KEY ("publisher_id") REFERENCES "publisher"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_publisher_competition_competition" FOREIGN KEY ("competition_id") REFERENCES "competition"("id") ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX "ix_publisher_competition_competition_id" ON "publisher_competition" ("competition_id")`);

    await q.query(`
      CREATE TABLE "api_key" (
        "id" SERIAL NOT NULL,
        "publisher_id" integer NOT NULL,
        "prefix" text NOT NULL,
        "secret_hash" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "revoked_at" timestamptz,
        "last_used_at" timestamptz,
        CONSTRAINT "pk_api_key" PRIMARY KEY ("id"),
        CONSTRAINT "uq_api_key_prefix" UNIQUE ("prefix"),
        CONSTRAINT "ck_api_key_prefix" CHECK ("prefix" ~ '^[0-9a-f]{12}$'),
        CONSTRAINT "ck_api_key_secret_hash" CHECK ("secret_hash" ~ '^[0-9a-f]{64}$'),
        CONSTRAINT "fk_api_key_publisher" FOREIGN KEY ("publisher_id") REFERENCES "publisher"("id") ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX "ix_api_key_publisher_id" ON "api_key" ("publisher_id")`);

    await q.query(`
      CREATE TABLE "audit_entry" (
        "id" SERIAL NOT NULL,
        "publisher_id" integer NOT NULL,
        "api_key_id" integer,
        "operation" text NOT NULL,
        "subject_type" text NOT NULL,
        "subject_id" integer NOT NULL,
        "source_url" text NOT NULL,
        "summary" jsonb NOT NULL,
        "recorded_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_audit_entry" PRIMARY KEY ("id"),
        CONSTRAINT "ck_audit_entry_subject_type" CHECK ("subject_type" IN
          ('innovation','award_result','competition_edition','knowledge_event','replication','institution','competition')),
        CONSTRAINT "fk_audit_entry_publisher" FOREIGN KEY ("publisher_id") REFERENCES "publisher"("id") ON DELETE RESTRICT,
        CONSTRAINT "fk_audit_entry_api_key" FOREIGN KEY ("api_key_id") REFERENCES "api_key"("id") ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX "ix_audit_entry_publisher_id" ON "audit_entry" ("publisher_id")`);
    await q.query(`CREATE INDEX "ix_audit_entry_api_key_id" ON "audit_entry" ("api_key_id")`);
    await q.query(`CREATE INDEX "ix_audit_entry_subject" ON "audit_entry" ("subject_type", "subject_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ["audit_entry", "api_key", "publisher_competition", "publisher"]) {
      await q.query(`DROP TABLE IF EXISTS "${table}"`);
    }
  }
}
