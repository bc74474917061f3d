import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataSource } from "typeorm";
import { loadConfig } from "../../src/config";
import { drainSearchOutbox } from "../../src/search/outbox-worker";
import { createMemoryLogger, type MemoryLogger } from "../../src/server/logger";
import { startServer, type RunningServer } from "../../src/server/start";
import { openTestDataSource, testDatabaseUrl } from "../helpers/db";
import { Factory } from "../helpers/factories";
import { closedPort } from "../helpers/closed-port";


/** Polls `check` until it returns true (the server's outbox worker runs every second), at most `ms`. */
async function eventually(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not reached");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("a server configured with Meilisearch while Meilisearch is down", () => {
  let server: RunningServer;
  let logger: MemoryLogger;
  let ds: DataSource;
  let factory: Factory;
  let meiliHost: string;

  beforeAll(async () => {
    meiliHost = `http://127.0.0.1:${await closedPort()}`;
    logger = createMemoryLogger();
    server = await startServer(
      loadConfig({
        DATABASE_URL: testDatabaseUrl(),
        PORT: "0",
        HOST: "127.0.0.1",
        INOVASI_SEED_ON_START: "false",
        MEILI_HOST: meiliHost,
        MEILI_API_KEY: "test-key",
        MEILI_TIMEOUT_MS: "500",
      }),
      { logger },
    );
    ds = await openTestDataSource();
    factory = new Factory(ds);
  });
  afterAll(async () => {
    await server?.stop();
    await factory?.cleanup();
    // Leave the run's database as other test files expect it: no Meilisearch target, no rows for it.
    await ds?.query(`DELETE FROM search_outbox_target WHERE name = 'meilisearch'`);
    if (ds) await drainSearchOutbox(ds);
    await ds?.destroy();
  });

  async function search(query: string) {
    const response = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `query ($q: String) { search(query: $q, first: 5) { totalCount engine nodes { innovation { name } highlights { name } } } }`,
        variables: { q: query },
      }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as {
      data?: { search: { totalCount: number; engine: string; nodes: { innovation: { name: string }; highlights: { name: string | null } }[] } };
      errors?: unknown[];
      extensions?: { search?: { engine: string; fallbackFrom?: string; reason?: string } };
    };
  }

  it("answers searches from Postgres and says so in extensions.search", async () => {
    const body = await search("lapor hendy");
    expect(body.errors).toBeUndefined();
    expect(body.data?.search.engine).toBe("POSTGRES");
    expect(body.data?.search.nodes[0]).toEqual({ innovation: { name: "Lapor Hendi" }, highlights: { name: "<mark>Lapor</mark> <mark>Hendi</mark>" } });
    expect(body.extensions?.search).toEqual({
      engine: "postgres",
      fallbackFrom: "meilisearch",
      reason: expect.stringMatching(new RegExp(`^Meilisearch at ${meiliHost} is unavailable: unreachable \\(connect ECONNREFUSED 127\\.0\\.0\\.1:\\d+\\)$`)),
    });
    expect(logger.lines.some((line) => line.includes("WARN  search fell back from meilisearch to postgres: Meilisearch at"))).toBe(true);
  });

  it("keeps queueing writes: Postgres is brought up to date, Meilisearch's rows wait with nothing lost", async () => {
    const institutionId = await factory.institution({ regionCode: "33.74" });
    const name = `Inovasi Cadangan ${factory.tag}`;
    const innovationId = await factory.innovation(institutionId, { name, sector: "complaints", regionCode: "33.74" });

    // The server's worker registered the Meilisearch target, so the write queued a row for each target.
    const targets = await ds.query(`SELECT DISTINCT target FROM search_outbox WHERE innovation_id = $1 ORDER BY target`, [innovationId]);
    expect(targets).toEqual([{ target: "meilisearch" }, { target: "postgres" }]);

    // The worker drains the Postgres target by itself …
    await eventually(async () => {
      const rows: { state: string }[] = await ds.query(`SELECT state FROM search_outbox WHERE target = 'postgres' AND innovation_id = $1`, [innovationId]);
      return rows.length > 0 && rows.every((r) => r.state === "done");
    });
    const body = await search(name);
    expect(body.data?.search).toMatchObject({ totalCount: 1, engine: "POSTGRES", nodes: [{ innovation: { name } }] });

    // … and keeps the Meilisearch rows: pending (retried with backoff), never done, never dropped.
    const meili: { state: string }[] = await ds.query(`SELECT state FROM search_outbox WHERE target = 'meilisearch' AND innovation_id = $1`, [innovationId]);
    expect(meili.map((r) => r.state)).toEqual(["pending"]);
    const [{ missing }] = await ds.query(
      `SELECT count(*)::int AS missing FROM innovation i
        WHERE NOT EXISTS (SELECT 1 FROM search_outbox o WHERE o.target = 'meilisearch' AND o.innovation_id = i.id AND o.state = 'pending')`,
    );
    expect(missing).toBe(0);
    expect(logger.lines.some((line) => line.includes("WARN  search outbox: pushing to Meilisearch failed, retrying with backoff: unreachable"))).toBe(true);
  });
});
