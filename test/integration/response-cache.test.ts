import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CATALOGUE_VERSION_UNTRACKED } from "../../src/entities/catalogue-version.entity";
import { createApolloServer, executeOperationWithStats, type CatalogueApolloServer } from "../../src/server/apollo";
import { startHttpServer, type RunningHttpServer } from "../../src/server/http";
import { createMemoryLogger } from "../../src/server/logger";
import { ResponseCache } from "../../src/server/response-cache";
import { catalogueSchema } from "../helpers/graphql";
import { openScratchDatabase, type ScratchDatabase } from "./import-support";

const DETAIL = `query ($slug: String!) { innovation(slug: $slug) { name institution { name } awards { label } } }`;

/**
 * The response cache of anonymous reads, on a scratch database of its own (it changes catalogue rows),
 * through HTTP as a client sees it.
 */
describe("response cache", () => {
  let db: ScratchDatabase;
  let http: RunningHttpServer;
  let apollo: CatalogueApolloServer;
  const cache = new ResponseCache(8 * 1024 * 1024);

  const post = async (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
    const response = await fetch(http.graphqlUrl, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { cache: response.headers.get("x-inovasi-cache"), body: (await response.json()) as { data?: Record<string, any>; errors?: unknown[] } };
  };
  const version = async () => (await db.ds.query(`SELECT version::text AS v FROM catalogue_version`))[0].v as string;

  beforeAll(async () => {
    db = await openScratchDatabase();
    apollo = createApolloServer(await catalogueSchema(), { logger: createMemoryLogger(), responseCache: cache });
    http = await startHttpServer({ apollo, dataSource: db.ds, port: 0, host: "127.0.0.1", logger: createMemoryLogger(), shutdownGraceMs: 1_000 });
  }, 120_000);
  afterAll(async () => {
    await http?.stop();
    await db?.close();
  });

  it("answers a repeated anonymous query from the cache, with the same answer", async () => {
    const first = await post(DETAIL, { slug: "lapor-hendi" });
    expect(first.cache).toBe("miss");
    expect(first.body.data?.innovation.name).toBe("Lapor Hendi");
    const hits = cache.stats.hits;
    const second = await post(DETAIL, { slug: "lapor-hendi" });
    expect(second).toEqual({ ...first, cache: "hit" });
    expect(cache.stats.hits).toBe(hits + 1);
    // Other variables are another answer.
    expect((await post(DETAIL, { slug: "grms-surabaya" })).cache).toBe("miss");
  });

  it("costs one SQL statement on a hit (reading the version), and the whole query's on a miss", async () => {
    const run = async () => {
      const { response, context } = await executeOperationWithStats(apollo, db.ds, { query: DETAIL, variables: { slug: "grms-surabaya" } }, { keepSql: true });
      expect(response.body.kind === "single" && response.body.singleResult.errors).toBeFalsy();
      return context.queryStats;
    };
    await db.ds.query(`UPDATE innovation SET summary = summary WHERE slug = 'grms-surabaya'`); // a new version: a miss
    const miss = await run();
    expect(miss.statements).toBeGreaterThanOrEqual(2);
    expect(miss.sql![0]).toMatch(/FROM catalogue_version/);
    const hit = await run();
    expect(hit.statements).toBe(1);
    expect(hit.sql![0]).toMatch(/FROM catalogue_version/);
  });

  it("never serves an answer after a change it predates has committed, whoever wrote it", async () => {
    await post(DETAIL, { slug: "lapor-hendi" });
    expect((await post(DETAIL, { slug: "lapor-hendi" })).cache).toBe("hit");
    const before = await version();
    await db.ds.query(`UPDATE innovation SET name = 'Lapor Hendi (renamed)' WHERE slug = 'lapor-hendi'`);
    expect(BigInt(await version())).toBe(BigInt(before) + 1n);
    const after = await post(DETAIL, { slug: "lapor-hendi" });
    expect(after.cache).toBe("miss");
    expect(after.body.data?.innovation.name).toBe("Lapor Hendi (renamed)");
    // A change to a related table (the institution) invalidates too.
    await db.ds.query(`UPDATE institution SET name = name || ' (x)' WHERE id = (SELECT institution_id FROM innovation WHERE slug = 'lapor-hendi')`);
    const related = await post(DETAIL, { slug: "lapor-hendi" });
    expect(related.cache).toBe("miss");
    expect(related.body.data?.innovation.institution.name).toMatch(/ \(x\)$/);
  });

  it("raises the version once per transaction, however many statements it has", async () => {
    const before = BigInt(await version());
    await db.ds.transaction(async (manager) => {
      await manager.query(`UPDATE innovation SET summary = summary WHERE slug = 'lapor-hendi'`);
      await manager.query(`UPDATE region SET name = name WHERE code = '33'`);
      await manager.query(`UPDATE innovation SET summary = summary WHERE slug = 'grms-surabaya'`);
    });
    expect(BigInt(await version())).toBe(before + 1n);
    // A rolled-back change leaves the version (and the cached answers) as they were.
    await db.ds
      .transaction(async (manager) => {
        await manager.query(`UPDATE innovation SET name = 'never' WHERE slug = 'lapor-hendi'`);
        throw new Error("roll back");
      })
      .catch(() => undefined);
    expect(BigInt(await version())).toBe(before + 1n);
  });

  it("does not cache requests with an API key, debug requests, or answers with errors", async () => {
    expect((await post(DETAIL, { slug: "lapor-hendi" }, { authorization: "Bearer not-a-key" })).cache).toBeNull();
    expect((await post(DETAIL, { slug: "lapor-hendi" }, { "x-inovasi-debug": "1" })).cache).toBeNull();
    const missing = await post(`{ innovation(slug: "no-such-innovation-anywhere") { name } nope }`);
    expect(missing.body.errors).toBeDefined();
    const stores = cache.stats.stores;
    await post(`query Bad($slug: String!) { innovation(slug: $slug) { name } }`, { slug: 42 });
    expect(cache.stats.stores).toBe(stores);
  });

  it("is raised by every table an answer can come from (a table added later needs the trigger)", async () => {
    const rows: { tablename: string; triggered: boolean }[] = await db.ds.query(
      `SELECT t.tablename, EXISTS (SELECT 1 FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
                                     WHERE c.relname = t.tablename AND g.tgname = 'tg_catalogue_version') AS triggered
         FROM pg_tables t WHERE t.schemaname = current_schema() ORDER BY t.tablename`,
    );
    const untracked = new Set<string>(CATALOGUE_VERSION_UNTRACKED);
    expect(rows.filter((r) => !untracked.has(r.tablename) && !r.triggered).map((r) => r.tablename)).toEqual([]);
    expect(rows.filter((r) => r.triggered).length).toBeGreaterThan(15);
  });
});
