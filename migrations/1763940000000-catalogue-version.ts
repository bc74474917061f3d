import type { MigrationInterface, QueryRunner } from "typeorm";

/** Tables whose changes change no answer, as CATALOGUE_VERSION_UNTRACKED listed them when this was written. */
const UNTRACKED = ["catalogue_version", "search_outbox", "search_outbox_target", "typeorm_metadata", "typeorm_migrations"];

/**
 * The catalogue version, for the response cache of anonymous reads (src/server/response-cache.ts):
 * one row, raised once per transaction by a statement-level trigger on every other table of the schema
 * (inserts, updates, deletes and truncates), so it changes in the same transaction as the data, and a
 * reader that sees the old version cannot have seen the new data committed. A table added later needs
 * the trigger too: test/integration/response-cache.test.ts checks that every table has it.
 */
export class CatalogueVersion1763940000000 implements MigrationInterface {
  name = "CatalogueVersion1763940000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "catalogue_version" (
        "id" boolean NOT NULL DEFAULT true,
        "version" bigint NOT NULL,
        "changed_in" bigint,
        CONSTRAINT "pk_catalogue_version" PRIMARY KEY ("id"),
        CONSTRAINT "ck_catalogue_version_single_row" CHECK ("id")
      )`);
    await q.query(`INSERT INTO "catalogue_version" ("id", "version") VALUES (true, 1)`);
    await q.query(`
      CREATE FUNCTION catalogue_version_raise() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE catalogue_version SET version = version + 1, changed_in = txid_current()
         WHERE changed_in IS DISTINCT FROM txid_current();
        RETURN NULL;
      END $$`);
    const tables: { tablename: string }[] = await q.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND NOT (tablename = ANY($1)) ORDER BY tablename`,
      [UNTRACKED],
    );
    for (const { tablename } of tables) {
      await q.query(
        `CREATE TRIGGER "tg_catalogue_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${tablename}"
         FOR EACH STATEMENT EXECUTE FUNCTION catalogue_version_raise()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const tables: { tablename: string }[] = await q.query(
      `SELECT c.relname AS tablename FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = 'tg_catalogue_version'`,
    );
    for (const { tablename } of tables) await q.query(`DROP TRIGGER "tg_catalogue_version" ON "${tablename}"`);
    await q.query(`DROP FUNCTION catalogue_version_raise()`);
    await q.query(`DROP TABLE "catalogue_version"`);
  }
}
