import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataSource } from "typeorm";
import { drainSearchOutbox } from "../../src/search/outbox-worker";
import { currentSnapshot, freshIndexUid, outboxChangesSince } from "../../src/search/reindex";
import { openTestDataSource, testDatabaseUrl } from "../helpers/db";
import { Factory } from "../helpers/factories";
import { runInovasi } from "../helpers/inovasi-process";
import { closedPort } from "../helpers/closed-port";

/** Runs `inovasi` on the run's database with only the given settings. */
const inovasi = (args: string[], env: Record<string, string> = {}) => runInovasi(args, { DATABASE_URL: testDatabaseUrl(), ...env });

describe("freshIndexUid", () => {
  it("names a rebuilt index after the configured one and the build time", () => {
    expect(freshIndexUid("innovations", new Date("2026-11-22T17:41:09.123Z"))).toBe("innovations_20261122174109");
    expect(freshIndexUid("inovasi-prod", new Date("2027-01-02T03:04:05Z"))).toMatch(/^inovasi-prod_20270102030405$/);
  });
});

describe("inovasi reindex", () => {
  let ds: DataSource;
  let factory: Factory;

  beforeAll(async () => {
    ds = await openTestDataSource();
    factory = new Factory(ds);
    await drainSearchOutbox(ds);
  });
  afterAll(async () => {
    await factory.cleanup();
    await ds.query(`DELETE FROM search_outbox_target WHERE name = 'meilisearch'`);
    await drainSearchOutbox(ds);
    await ds.destroy();
  });

  it("rebuilds the Postgres index only when Meilisearch is not configured, and says so", async () => {
    const [{ id, name }] = await ds.query(`SELECT innovation_id AS id, name FROM search_document ORDER BY innovation_id LIMIT 1`);
    // A document gone stale behind the outbox's back (restored from elsewhere, edited by hand).
    await ds.query(`UPDATE search_document SET name = 'basi' WHERE innovation_id = $1`, [id]);

    const run = await inovasi(["reindex"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM innovation`);
    expect(run.stdout).toMatch(new RegExp(`^Rebuilt the Postgres search index of PostgreSQL at postgres://\\S+: ${n} documents \\((\\d+) written, \\d+ unchanged, 0 deleted\\)\\.$`, "m"));
    expect(run.stdout).toContain("Meilisearch is not configured (MEILI_HOST, MEILI_API_KEY), so only the Postgres index was rebuilt.");
    expect(await ds.query(`SELECT name FROM search_document WHERE innovation_id = $1`, [id])).toEqual([{ name }]);

    const again = await inovasi(["reindex", "--json"]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ postgres: { written: 0, unchanged: n, deleted: 0, documents: n }, meilisearch: null });
  });

  it("still rebuilds Postgres when Meilisearch is down, leaves the index in use alone, and exits 1", async () => {
    const port = await closedPort();
    const run = await inovasi(["reindex"], { MEILI_HOST: `http://127.0.0.1:${port}`, MEILI_API_KEY: "key", MEILI_TIMEOUT_MS: "500" });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM innovation`);
    expect(run.stderr).toBe(
      `inovasi reindex: rebuilt the Postgres search index (${n} documents), but not the Meilisearch index: ` +
        `Meilisearch at http://127.0.0.1:${port} is unavailable: unreachable (connect ECONNREFUSED 127.0.0.1:${port}).\n` +
        "The Meilisearch index in use was left as it is. Check MEILI_HOST and MEILI_API_KEY, and that Meilisearch is running.\n",
    );
    // The Meilisearch target is registered: every innovation waits for the server's worker.
    const [{ pending }] = await ds.query(
      `SELECT count(DISTINCT innovation_id)::int AS pending FROM search_outbox WHERE target = 'meilisearch' AND state = 'pending'`,
    );
    expect(pending).toBe(n);
  });

  it("finds exactly the changes a snapshot did not see, to catch up after a swap", async () => {
    const institutionId = await factory.institution();
    const before = await factory.innovation(institutionId);
    const snapshot = await currentSnapshot(ds);
    const after = await factory.innovation(institutionId);
    // A change to an innovation queued before the snapshot moves it into the "not seen" set as well.
    await ds.query(`UPDATE innovation SET sector = 'health' WHERE id = $1`, [before]);
    const third = await factory.innovation(institutionId);

    const changed = await outboxChangesSince(ds, "postgres", snapshot);
    expect(changed).toEqual(expect.arrayContaining([after, before, third]));
    const untouched = await factory.innovation(institutionId);
    const later = await currentSnapshot(ds);
    expect(await outboxChangesSince(ds, "postgres", later)).not.toContain(untouched);
    expect(await outboxChangesSince(ds, "postgres", later)).not.toContain(before);
  });
});
