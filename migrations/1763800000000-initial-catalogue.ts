import type { MigrationInterface, QueryRunner } from "typeorm";

/** The catalogue: regions, sources, institutions, competitions, editions, innovations, awards, replications, events. */
export class InitialCatalogue1763800000000 implements MigrationInterface {
  name = "InitialCatalogue1763800000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "region" (
        "code" varchar(13) NOT NULL,
        "name" text NOT NULL,
        "kind" text NOT NULL,
        "parent_code" varchar(13),
        CONSTRAINT "pk_region" PRIMARY KEY ("code"),
        CONSTRAINT "ck_region_kind" CHECK ("kind" IN ('province','regency','city')),
        CONSTRAINT "fk_region_parent" FOREIGN KEY ("parent_code") REFERENCES "region"("code") ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX "ix_region_parent_code" ON "region" ("parent_code")`);

    await q.query(`
      CREATE TABLE "source" (
        "id" SERIAL NOT NULL,
        "url" text NOT NULL,
        "title" text,
        "publisher" text,
        "retrieved_at" date,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_source" PRIMARY KEY ("id"),
        CONSTRAINT "uq_source_url" UNIQUE ("url")
      )`);

    await q.query(`
      CREATE TABLE "source_link" (
        "id" SERIAL NOT NULL,
        "subject_type" text NOT NULL,
        "subject_id" integer NOT NULL,
        "source_id" integer NOT NULL,
        "asserted_by" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_source_link" PRIMARY KEY ("id"),
        CONSTRAINT "uq_source_link" UNIQUE ("subject_type", "subject_id", "source_id"),
        CONSTRAINT "ck_source_link_subject_type" CHECK ("subject_type" IN
          ('innovation','award_result','competition_edition','knowledge_event','replication','institution','competition')),
        CONSTRAINT "fk_source_link_source" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "ix_source_link_subject" ON "source_link" ("subject_type", "subject_id")`);
    await q.query(`CREATE INDEX "ix_source_link_source_id" ON "source_link" ("source_id")`);

    await q.query(`
      CREATE TABLE "institution" (
        "id" SERIAL NOT NULL,
        "slug" text NOT NULL,
        "name" text NOT NULL,
        "name_key" text NOT NULL,
        "kind" text NOT NULL,
        "region_code" varchar(13),
        "parent_id" integer,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_institution" PRIMARY KEY ("id"),
        CONSTRAINT "uq_institution_slug" UNIQUE ("slug"),
        CONSTRAINT "ck_institution_kind" CHECK ("kind" IN ('ministry','agency','provincial_government',
          'regency_government','city_government','regional_device','bumn','bumd','other')),
        CONSTRAINT "fk_institution_region" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT,
        CONSTRAINT "fk_institution_parent" FOREIGN KEY ("parent_id") REFERENCES "institution"("id") ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX "ix_institution_name_key" ON "institution" ("name_key")`);
    await q.query(`CREATE INDEX "ix_institution_region_code" ON "institution" ("region_code")`);
    await q.query(`CREATE INDEX "ix_institution_parent_id" ON "institution" ("parent_id")`);

    await q.query(`
      CREATE TABLE "competition" (
        "id" SERIAL NOT NULL,
        "slug" text NOT NULL,
        "name" text NOT NULL,
        "short_name" text,
        "aliases" text[] NOT NULL DEFAULT '{}',
        "organizer" text NOT NULL,
        "level" text NOT NULL,
        "scope_region_code" varchar(13),
        "description" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_competition" PRIMARY KEY ("id"),
        CONSTRAINT "uq_competition_slug" UNIQUE ("slug"),
        CONSTRAINT "ck_competition_level" CHECK ("level" IN ('international','national','provincial','regency','city')),
        CONSTRAINT "fk_competition_scope_region" FOREIGN KEY ("scope_region_code") REFERENCES "region"("code") ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX "ix_competition_scope_region_code" ON "competition" ("scope_region_code")`);

    await q.query(`
      CREATE TABLE "competition_edition" (
        "id" SERIAL NOT NULL,
        "competition_id" integer NOT NULL,
        "year" integer NOT NULL,
        "edition_number" integer,
        "name" text NOT NULL,
        "theme" text,
        "legal_basis" text,
        "stages_text" text,
        "stages" jsonb NOT NULL DEFAULT '[]',
        "groups" jsonb NOT NULL DEFAULT '[]',
        "categories" jsonb NOT NULL DEFAULT '[]',
        "criteria" jsonb NOT NULL DEFAULT '[]',
        "tiers" jsonb NOT NULL DEFAULT '[]',
        "entry_count" integer,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_competition_edition" PRIMARY KEY ("id"),
        CONSTRAINT "uq_competition_edition_year" UNIQUE ("competition_id", "year"),
        CONSTRAINT "ck_competition_edition_year" CHECK ("year" BETWEEN 1990 AND 2100),
        CONSTRAINT "ck_competition_edition_entry_count" CHECK ("entry_count" IS NULL OR "entry_count" >= 0),
        CONSTRAINT "fk_competition_edition_competition" FOREIGN KEY ("competition_id") REFERENCES "competition"("id") ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX "ix_competition_edition_competition_id" ON "competition_edition" ("competition_id")`);

    await q.query(`
      CREATE TABLE "innovation" (
        "id" SERIAL NOT NULL,
        "slug" text NOT NULL,
        "name" text NOT NULL,
        "name_key" text NOT NULL,
        "acronym" text,
        "acronym_expansion" text,
        "aliases" text[] NOT NULL DEFAULT '{}',
        "summary" text,
        "problem" text,
        "objectives" text,
        "novelty" text,
        "implementation" text,
        "results" text,
        "replication_requirements" text,
        "resources_and_cost" text,
        "sustainability" text,
        "sector" text NOT NULL,
        "government_affair" text,
        "sdgs" integer[] NOT NULL DEFAULT '{}',
        "is_digital" boolean,
        "stage" text,
        "launch_year" integer,
        "status" text,
        "status_as_of" date,
        "status_note" text,
        "institution_id" integer NOT NULL,
        "service_unit" text,
        "region_code" varchar(13),
        "links" text[] NOT NULL DEFAULT '{}',
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_innovation" PRIMARY KEY ("id"),
        CONSTRAINT "uq_innovation_slug" UNIQUE ("slug"),
        CONSTRAINT "ck_innovation_sector" CHECK ("sector" IN ('health','education','agriculture','economy','environment',
          'governance','social_protection','population_administration','public_order','law_enforcement','licensing',
          'complaints','transport','other')),
        CONSTRAINT "ck_innovation_status" CHECK ("status" IS NULL OR "status" IN ('continuing','continuing_with_development','stopped')),
        CONSTRAINT "ck_innovation_status_dated" CHECK ("status" IS NULL OR "status_as_of" IS NOT NULL),
        CONSTRAINT "ck_innovation_sdgs" CHECK ("sdgs" <@ ARRAY[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17]),
        CONSTRAINT "ck_innovation_launch_year" CHECK ("launch_year" IS NULL OR "launch_year" BETWEEN 1945 AND 2100),
        CONSTRAINT "fk_innovation_institution" FOREIGN KEY ("institution_id") REFERENCES "institution"("id") ON DELETE RESTRICT,
        CONSTRAINT "fk_innovation_region" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX "ix_innovation_name_key" ON "innovation" ("name_key")`);
    await q.query(`CREATE INDEX "ix_innovation_sector" ON "innovation" ("sector")`);
    await q.query(`CREATE INDEX "ix_innovation_status" ON "innovation" ("status")`);
    await q.query(`CREATE INDEX "ix_innovation_institution_id" ON "innovation" ("institution_id")`);
    await q.query(`CREATE INDEX "ix_innovation_region_code" ON "innovation" ("region_code")`);
    await q.query(`CREATE INDEX "ix_innovation_sdgs" ON "innovation" USING GIN ("sdgs")`);

    await q.query(`
      CREATE TABLE "award_result" (
        "id" SERIAL NOT NULL,
        "innovation_id" integer NOT NULL,
        "edition_id" integer NOT NULL,
        "raw_label" text NOT NULL,
        "tier" text NOT NULL,
        "tier_rank" integer NOT NULL,
        "place" integer,
        "tier_size" integer,
        "group_name" text,
        "category" text,
        "decree_number" text,
        "decree_date" date,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_award_result" PRIMARY KEY ("id"),
        CONSTRAINT "uq_award_result" UNIQUE ("innovation_id", "edition_id", "raw_label"),
        CONSTRAINT "ck_award_result_tier" CHECK ("tier" IN ('outstanding','winner','top','honourable_mention','shortlist','finalist','unclassified')),
        CONSTRAINT "fk_award_result_innovation" FOREIGN KEY ("innovation_id") REFERENCES "innovation"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_award_result_edition" FOREIGN KEY ("edition_id") REFERENCES "competition_edition"("id") ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX "ix_award_result_innovation_id" ON "award_result" ("innovation_id")`);
    await q.query(`CREATE INDEX "ix_award_result_edition_id" ON "award_result" ("edition_id")`);
    await q.query(`CREATE INDEX "ix_award_result_tier" ON "award_result" ("tier")`);

    await q.query(`
      CREATE TABLE "replication" (
        "id" SERIAL NOT NULL,
        "origin_innovation_id" integer NOT NULL,
        "adopter_institution_id" integer NOT NULL,
        "status" text NOT NULL,
        "interest_on" date,
        "agreed_on" date,
        "implemented_on" date,
        "adaptations" text,
        "derived_innovation_id" integer,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_replication" PRIMARY KEY ("id"),
        CONSTRAINT "uq_replication" UNIQUE ("origin_innovation_id", "adopter_institution_id"),
        CONSTRAINT "ck_replication_status" CHECK ("status" IN ('interest','agreement','implemented','discontinued')),
        CONSTRAINT "fk_replication_origin" FOREIGN KEY ("origin_innovation_id") REFERENCES "innovation"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_replication_adopter" FOREIGN KEY ("adopter_institution_id") REFERENCES "institution"("id") ON DELETE RESTRICT,
        CONSTRAINT "fk_replication_derived" FOREIGN KEY ("derived_innovation_id") REFERENCES "innovation"("id") ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX "ix_replication_origin_innovation_id" ON "replication" ("origin_innovation_id")`);
    await q.query(`CREATE INDEX "ix_replication_adopter_institution_id" ON "replication" ("adopter_institution_id")`);
    await q.query(`CREATE INDEX "ix_replication_derived_innovation_id" ON "replication" ("derived_innovation_id")`);

    await q.query(`
      CREATE TABLE "knowledge_event" (
        "id" SERIAL NOT NULL,
        "slug" text NOT NULL,
        "kind" text NOT NULL,
        "title" text NOT NULL,
        "starts_on" date,
        "ends_on" date,
        "year" integer NOT NULL,
        "organizer" text NOT NULL,
        "facilitators" jsonb NOT NULL DEFAULT '[]',
        "participants" text,
        "venue" text,
        "description" text,
        "region_code" varchar(13),
        "competition_id" integer,
        "edition_id" integer,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_knowledge_event" PRIMARY KEY ("id"),
        CONSTRAINT "uq_knowledge_event_slug" UNIQUE ("slug"),
        CONSTRAINT "ck_knowledge_event_kind" CHECK ("kind" IN ('coaching_clinic','workshop','socialisation','other')),
        CONSTRAINT "ck_knowledge_event_dates" CHECK ("ends_on" IS NULL OR "starts_on" IS NULL OR "ends_on" >= "starts_on"),
        CONSTRAINT "fk_knowledge_event_region" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT,
        CONSTRAINT "fk_knowledge_event_competition" FOREIGN KEY ("competition_id") REFERENCES "competition"("id") ON DELETE RESTRICT,
        CONSTRAINT "fk_knowledge_event_edition" FOREIGN KEY ("edition_id") REFERENCES "competition_edition"("id") ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX "ix_knowledge_event_region_code" ON "knowledge_event" ("region_code")`);
    await q.query(`CREATE INDEX "ix_knowledge_event_competition_id" ON "knowledge_event" ("competition_id")`);
    await q.query(`CREATE INDEX "ix_knowledge_event_edition_id" ON "knowledge_event" ("edition_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      "knowledge_event",
      "replication",
      "award_result",
      "innovation",
      "competition_edition",
      "competition",
      "institution",
      "source_link",
      "source",
      "region",
    ]) {
      await q.query(`DROP TABLE IF EXISTS "${table}"`);
    }
  }
}
