import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { DataSource } from "typeorm";
import { loadConfig } from "../../src/config";
import { MeilisearchIndex } from "../../src/search/meilisearch/meilisearch-index";
import { retryDelayMs } from "../../src/search/outbox-state";
import { drainSearchOutbox, registerMeilisearchTarget } from "../../src/search/outbox-worker";
import { openTestDataSource } from "../helpers/db";
import { Factory } from "../helpers/factories";
import { closedPort } from "../helpers/closed-port";

interface OutboxRow {
  id: string;
  target: string;
  innovationId: number;
  state: string;
  events: number;
  attempts: number;
  lastError: string | null;
  waitMs: number;
}


describe("the search outbox", () => {
  let ds: DataSource;
  let factory: Factory;

  beforeAll(async () => {
    ds = await openTestDataSource({ poolSize: 6 });
    // Start from an empty queue: whatever earlier tests left is drained first.
    await drainSearchOutbox(ds);
  });
  afterEach(async () => {
    await factory?.cleanup();
    await drainSearchOutbox(ds);
  });
  afterAll(async () => {
    await ds.destroy();
  });

  async function rowsFor(innovationIds: number[], target = "postgres"): Promise<OutboxRow[]> {
    return ds.query(
      `SELECT id, target, innovation_id AS "innovationId", state, events, attempts, last_error AS "lastError",
              GREATEST(0, EXTRACT(EPOCH FROM available_at - now()) * 1000)::int AS "waitMs"
         FROM search_outbox WHERE target = $2 AND innovation_id = ANY($1::int[]) ORDER BY id`,
      [innovationIds, target],
    );
  }
  const pendingIds = async (target = "postgres") =>
    (
      (await ds.query(`SELECT DISTINCT innovation_id AS id FROM search_outbox WHERE target = $1 AND state = 'pending' ORDER BY 1`, [
        target,
      ])) as { id: number }[]
    ).map((r) => r.id);

  /** An innovation with an institution in Kota Semarang and one national award, all drained. */
  async function indexedInnovation(name = "Outbox Uji") {
    factory = new Factory(ds);
    const institutionId = await factory.institution({ regionCode: "33.74" });
    const innovationId = await factory.innovation(institutionId, { name: `${name} ${factory.tag}`, regionCode: "33.74" });
    const competitionId = await factory.competition({ level: "national" });
    const editionId = await factory.edition(competitionId, 2021);
    await factory.award(innovationId, editionId, "top");
    await drainSearchOutbox(ds);
    return { institutionId, innovationId, competitionId, editionId };
  }

  it("writes a row in the same transaction as the change, and none when it rolls back", async () => {
    factory = new Factory(ds);
    const institutionId = await factory.institution();
    const runner = ds.createQueryRunner();
    await runner.connect();
    let innovationId: number;
    try {
      await runner.startTransaction();
      [{ id: innovationId }] = await runner.query(
        `INSERT INTO innovation (slug, name, name_key, sector, institution_id) VALUES ($1, $1, $1, 'health', $2) RETURNING id`,
        [`rolled-back-${factory.tag}`, institutionId],
      );
      const inside = await runner.query(`SELECT state FROM search_outbox WHERE target = 'postgres' AND innovation_id = $1`, [innovationId]);
      expect(inside).toEqual([{ state: "pending" }]);
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
    expect(await rowsFor([innovationId])).toEqual([]);

    const committed = await factory.innovation(institutionId);
    expect((await rowsFor([committed])).map((r) => r.state)).toEqual(["pending"]);
  });

  it("queues the innovations of a changed institution, region, competition and edition, and of award changes", async () => {
    const { institutionId, innovationId, competitionId, editionId } = await indexedInnovation();
    const other = await factory.innovation(await factory.institution());
    await drainSearchOutbox(ds);

    const changes: [string, () => Promise<unknown>][] = [
      ["institution name", () => ds.query(`UPDATE institution SET name = name || ' (baru)' WHERE id = $1`, [institutionId])],
      ["region name", () => ds.query(`UPDATE region SET name = name WHERE code = '33.74'`)],
      ["province name", () => ds.query(`UPDATE region SET name = name WHERE code = '33'`)],
      ["competition level", () => ds.query(`UPDATE competition SET level = 'provincial' WHERE id = $1`, [competitionId])],
      ["edition year", () => ds.query(`UPDATE competition_edition SET year = 2022 WHERE id = $1`, [editionId])],
      ["award tier", () => ds.query(`UPDATE award_result SET tier = 'winner', tier_rank = 2 WHERE innovation_id = $1`, [innovationId])],
      ["award deleted", () => ds.query(`DELETE FROM award_result WHERE innovation_id = $1`, [innovationId])],
    ];
    for (const [what, change] of changes) {
      await change();
      const pending = await pendingIds();
      expect(pending, what).toContain(innovationId);
      expect(pending, what).not.toContain(other);
      await drainSearchOutbox(ds);
    }
    // A region row change reaches every innovation in it: the seed has some in Kota Semarang too.
    await ds.query(`UPDATE region SET name = name WHERE code = '33.74'`);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM innovation WHERE region_code = '33.74'`);
    expect((await pendingIds()).length).toBe(n);
  });

  it("coalesces changes of one innovation until it is drained, then starts a new row", async () => {
    const { innovationId } = await indexedInnovation();
    for (const sector of ["health", "education", "complaints"]) {
      await ds.query(`UPDATE innovation SET sector = $2 WHERE id = $1`, [innovationId, sector]);
    }
    const rows = (await rowsFor([innovationId])).filter((r) => r.state === "pending");
    expect(rows.map((r) => r.events)).toEqual([3]);
  });

  it("drains idempotently into the Postgres search index, deletions included", async () => {
    const { innovationId } = await indexedInnovation("Sebelum");
    const renamed = `Sesudah ${factory.tag}`;
    await ds.query(`UPDATE innovation SET name = $2 WHERE id = $1`, [innovationId, renamed]);

    const first = await drainSearchOutbox(ds);
    expect(first.postgres.innovations).toBe(1);
    expect(first.postgres.error).toBeNull();
    expect(first.meilisearch).toBeNull();
    expect(await ds.query(`SELECT name FROM search_document WHERE innovation_id = $1`, [innovationId])).toEqual([{ name: renamed }]);
    expect((await rowsFor([innovationId])).every((r) => r.state === "done")).toBe(true);

    const second = await drainSearchOutbox(ds);
    expect(second.postgres).toEqual({ rowIds: [], innovations: 0, error: null });

    await ds.query(`DELETE FROM innovation WHERE id = $1`, [innovationId]);
    expect((await drainSearchOutbox(ds)).postgres.innovations).toBe(1);
    expect(await ds.query(`SELECT 1 FROM search_document WHERE innovation_id = $1`, [innovationId])).toEqual([]);
  });

  it("lets concurrent drains share the work without processing a row twice", async () => {
    factory = new Factory(ds);
    const institutionId = await factory.institution();
    const ids: number[] = [];
    for (let i = 0; i < 40; i++) ids.push(await factory.innovation(institutionId, { name: `Paralel ${i} ${factory.tag}` }));
    const queued = (await rowsFor(ids)).map((r) => r.id);
    expect(queued).toHaveLength(40);

    const reports = await Promise.all([1, 2, 3].map(() => drainSearchOutbox(ds, { batchSize: 5 })));
    const processed = reports.flatMap((r) => r.postgres.rowIds);
    expect(new Set(processed).size).toBe(processed.length);
    expect(processed.filter((id) => queued.includes(id)).sort()).toEqual([...queued].sort());
    if (inject("databaseMode") === "server") {
      // On a server the drains really ran side by side (PGlite has one session and serialises them).
      expect(reports.filter((r) => r.postgres.rowIds.length > 0).length).toBeGreaterThan(1);
    }
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM search_document WHERE innovation_id = ANY($1::int[])`, [ids]);
    expect(n).toBe(40);
  });

  describe("with the Meilisearch target registered and Meilisearch down", () => {
    let meilisearch: MeilisearchIndex;

    beforeAll(async () => {
      const port = await closedPort();
      const config = loadConfig({ MEILI_HOST: `http://127.0.0.1:${port}`, MEILI_API_KEY: "test", MEILI_TIMEOUT_MS: "500" });
      meilisearch = new MeilisearchIndex(config.meili!);
    });
    afterAll(async () => {
      // Leave the run's database as other test files expect it: no Meilisearch target, no rows for it.
      await ds.query(`DELETE FROM search_outbox_target WHERE name = 'meilisearch'`);
    });

    it("queues every innovation for it once, when it is registered", async () => {
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM innovation`);
      expect(await registerMeilisearchTarget(ds)).toBe(true);
      expect((await pendingIds("meilisearch")).length).toBe(n);
      expect(await registerMeilisearchTarget(ds)).toBe(false);
      expect((await pendingIds("meilisearch")).length).toBe(n);
    });

    it("keeps the Postgres index current, and the Meilisearch rows pending with a backoff", async () => {
      const { innovationId } = await indexedInnovation("Meili Mati");
      await ds.query(`UPDATE innovation SET name = name || ' diubah' WHERE id = $1`, [innovationId]);
      const before = await pendingIds("meilisearch");
      expect(before).toContain(innovationId);

      const report = await drainSearchOutbox(ds, { meilisearch, batchSize: 1_000 });
      expect(report.postgres.innovations).toBe(1);
      expect(report.meilisearch?.rowIds).toEqual([]);
      expect(report.meilisearch?.error).toMatch(/^unreachable \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)$/);
      expect(await ds.query(`SELECT name FROM search_document WHERE innovation_id = $1`, [innovationId])).toEqual([
        { name: `Meili Mati ${factory.tag} diubah` },
      ]);

      // Nothing lost: every innovation that was waiting still is, once each, with one failed attempt.
      expect(await pendingIds("meilisearch")).toEqual(before);
      const [row] = await rowsFor([innovationId], "meilisearch");
      expect(row).toMatchObject({ state: "pending", attempts: 1, lastError: report.meilisearch?.error });
      expect(row.waitMs).toBeGreaterThan(0);
      expect(row.waitMs).toBeLessThanOrEqual(retryDelayMs(1));

      // Within the backoff a drain leaves them alone instead of hammering a server that is down.
      const again = await drainSearchOutbox(ds, { meilisearch });
      expect(again.meilisearch).toEqual({ rowIds: [], innovations: 0, error: null });
    });

    it("takes over rows a crashed worker held once their lease has run out", async () => {
      const { innovationId } = await indexedInnovation("Meili Macet");
      const [row] = await rowsFor([innovationId], "meilisearch");
      await ds.query(
        `UPDATE search_outbox SET state = 'claimed', claim_token = gen_random_uuid(), claimed_until = now() + interval '1 hour' WHERE id = $1`,
        [row.id],
      );
      await drainSearchOutbox(ds, { meilisearch });
      expect((await rowsFor([innovationId], "meilisearch")).map((r) => r.state)).toEqual(["claimed"]);

      await ds.query(`UPDATE search_outbox SET claimed_until = now() - interval '1 second' WHERE id = $1`, [row.id]);
      await drainSearchOutbox(ds, { meilisearch });
      expect(await rowsFor([innovationId], "meilisearch")).toMatchObject([{ state: "pending", attempts: 1 }]);
    });
  });
});
