import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Which innovations' search documents a statement on each table can change, as a query over the
 * statement's transition tables (`new_rows`, `old_rows`). Only the tables and operations that can
 * change a document are listed (see search-document.ts for what a document reads):
 * - innovation and award_result: every insert, update and delete;
 * - institution (name), region (name, parent), competition (name, short name, level) and
 *   competition_edition (year, competition): updates. Inserting one cannot change a document (nothing
 *   references it yet), and deleting one that is referenced is refused by the foreign keys.
 * TRUNCATE is not covered; nothing in the application truncates these tables.
 */
const AFFECTED: Record<string, { ops: readonly ("INSERT" | "UPDATE" | "DELETE")[]; ids: (rows: string) => string }> = {
  innovation: { ops: ["INSERT", "UPDATE", "DELETE"], ids: (rows) => `SELECT id FROM ${rows}` },
  award_result: { ops: ["INSERT", "UPDATE", "DELETE"], ids: (rows) => `SELECT innovation_id FROM ${rows}` },
  institution: {
    ops: ["UPDATE"],
    ids: (rows) => `SELECT i.id FROM innovation i WHERE i.institution_id IN (SELECT id FROM ${rows})`,
  },
  region: {
    ops: ["UPDATE"],
    // The innovation's own region, or the province its region belongs to.
    ids: (rows) =>
      `SELECT i.id FROM innovation i LEFT JOIN region r ON r.code = i.region_code
        WHERE i.region_code IN (SELECT code FROM ${rows}) OR r.parent_code IN (SELECT code FROM ${rows})`,
  },
  competition: {
    ops: ["UPDATE"],
    ids: (rows) =>
      `SELECT a.innovation_id FROM award_result a JOIN competition_edition e ON e.id = a.edition_id
        WHERE e.competition_id IN (SELECT id FROM ${rows})`,
  },
  competition_edition: {
    ops: ["UPDATE"],
    ids: (rows) => `SELECT a.innovation_id FROM award_result a WHERE a.edition_id IN (SELECT id FROM ${rows})`,
  },
};

/**
 * The transactional outbox of the search indexes (see src/entities/search-outbox.entity.ts).
 *
 * Statement-level AFTER triggers on every table a search document reads from call
 * `search_outbox_enqueue` with the innovations the statement affects, in the statement's own
 * transaction: every writer (seed loader, importer, mutations, psql) is covered without knowing
 * about search. A pending row for the same (target, innovation) is updated rather than duplicated; the
 * update locks it, so a worker (which claims with SKIP LOCKED) cannot claim it before the change that
 * touched it has committed.
 */
export class SearchOutbox1763905000000 implements MigrationInterface {
  name = "SearchOutbox1763905000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "search_outbox_target" (
        "name" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_search_outbox_target" PRIMARY KEY ("name"),
        CONSTRAINT "ck_search_outbox_target_name" CHECK ("name" IN ('postgres','meilisearch'))
      )`);
    await q.query(`INSERT INTO "search_outbox_target" ("name") VALUES ('postgres')`);
    // The current transaction's 64-bit id as a bigint (a function, so the column default has no cast
    // for TypeORM to misread).
    await q.query(`
      CREATE FUNCTION search_outbox_txid() RETURNS bigint
      LANGUAGE sql VOLATILE AS $$ SELECT pg_current_xact_id()::text::bigint $$`);
    await q.query(`
      CREATE TABLE "search_outbox" (
        "id" BIGSERIAL NOT NULL,
        "target" text NOT NULL,
        "innovation_id" integer NOT NULL,
        "state" text NOT NULL DEFAULT 'pending',
        "events" integer NOT NULL DEFAULT 1,
        "txid" bigint NOT NULL DEFAULT search_outbox_txid(),
        "attempts" integer NOT NULL DEFAULT 0,
        "available_at" timestamptz NOT NULL DEFAULT now(),
        "claim_token" uuid,
        "claimed_until" timestamptz,
        "last_error" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        "processed_at" timestamptz,
        CONSTRAINT "pk_search_outbox" PRIMARY KEY ("id"),
        CONSTRAINT "ck_search_outbox_state" CHECK ("state" IN ('pending','claimed','done')),
        CONSTRAINT "ck_search_outbox_claim" CHECK (("state" = 'claimed') = ("claim_token" IS NOT NULL AND "claimed_until" IS NOT NULL)),
        CONSTRAINT "fk_search_outbox_target" FOREIGN KEY ("target") REFERENCES "search_outbox_target"("name") ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX "uq_search_outbox_pending" ON "search_outbox" ("target", "innovation_id") WHERE "state" = 'pending'`);
    await q.query(`CREATE INDEX "ix_search_outbox_claim" ON "search_outbox" ("target", "state", "available_at")`);
    // Innovations that exist already are queued, so the Postgres index catches up on its next drain.
    await q.query(`INSERT INTO "search_outbox" ("target", "innovation_id") SELECT 'postgres', "id" FROM "innovation" ORDER BY "id"`);

    // Rows are inserted in (target, innovation) order so that concurrent writers lock pending rows in
    // the same order.
    await q.query(`
      CREATE FUNCTION search_outbox_enqueue(innovation_ids integer[]) RETURNS void
      LANGUAGE sql AS $$
        INSERT INTO search_outbox (target, innovation_id)
        SELECT t.name, i.id
          FROM search_outbox_target t
         CROSS JOIN (SELECT DISTINCT x AS id FROM unnest(innovation_ids) AS x WHERE x IS NOT NULL) i
         ORDER BY t.name, i.id
        ON CONFLICT (target, innovation_id) WHERE state = 'pending'
        DO UPDATE SET events = search_outbox.events + 1, txid = EXCLUDED.txid, updated_at = now()
      $$`);

    for (const [table, { ops, ids }] of Object.entries(AFFECTED)) {
      const branches = ops.map((op) => {
        const rows = op === "DELETE" ? "old_rows" : "new_rows";
        // An update can move a row (an award to another innovation): both sides count.
        const query = op === "UPDATE" ? `${ids("new_rows")} UNION ${ids("old_rows")}` : ids(rows);
        return `IF TG_OP = '${op}' THEN PERFORM search_outbox_enqueue(ARRAY(${query})); END IF;`;
      });
      await q.query(`
        CREATE FUNCTION search_outbox_${table}_changed() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          ${branches.join("\n          ")}
          RETURN NULL;
        END
        $$`);
      for (const op of ops) {
        const referencing =
          op === "INSERT" ? "NEW TABLE AS new_rows" : op === "DELETE" ? "OLD TABLE AS old_rows" : "NEW TABLE AS new_rows OLD TABLE AS old_rows";
        await q.query(`
          CREATE TRIGGER "tg_search_outbox_${op.toLowerCase()}" AFTER ${op} ON "${table}"
          REFERENCING ${referencing}
          FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_${table}_changed()`);
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, { ops }] of Object.entries(AFFECTED)) {
      for (const op of ops) await q.query(`DROP TRIGGER "tg_search_outbox_${op.toLowerCase()}" ON "${table}"`);
      await q.query(`DROP FUNCTION search_outbox_${table}_changed()`);
    }
    await q.query(`DROP FUNCTION search_outbox_enqueue(integer[])`);
    await q.query(`DROP TABLE "search_outbox"`);
    await q.query(`DROP TABLE "search_outbox_target"`);
    await q.query(`DROP FUNCTION search_outbox_txid()`);
  }
}
