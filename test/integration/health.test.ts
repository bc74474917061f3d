import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../helpers/db";
import { buildProbeSchema, startTestServer, type TestServer } from "../helpers/server";
import { startTcpProxy, type OutageMode, type TcpProxy } from "../helpers/tcp-proxy";

// The server's pool waits this long for a connection; the health check waits 1 s for SELECT 1.
const CONNECT_TIMEOUT_MS = 1_000;

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

describe("database outage and recovery", () => {
  let proxy: TcpProxy;
  let server: TestServer;

  beforeAll(async () => {
    proxy = await startTcpProxy(testDatabaseUrl());
    server = await startTestServer({ schema: buildProbeSchema(), databaseUrl: proxy.url, connectTimeoutMs: CONNECT_TIMEOUT_MS });
  });
  afterAll(async () => {
    await server?.stop();
    await proxy?.close();
  });

  async function expectHealthy(): Promise<void> {
    const health = await server.get("/health");
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", database: "up" });
    const ping = await server.graphql("{ dbPing }");
    expect(ping.body).toEqual({ data: { dbPing: 1 } });
  }

  it("reports a healthy database through the proxy", async () => {
    await expectHealthy();
    expect(proxy.forwardedConnections).toBeGreaterThan(0);
  });

  it("answers 404 JSON for unknown paths and 405 for writes to /health", async () => {
    const missing = await server.get("/nope");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: "Not found: /nope" });
    const post = await fetch(`${server.http.url}/health`, { method: "POST" });
    expect(post.status).toBe(405);
  });

  // Each outage: requests fail fast with the masked error, /health says so, and the very first
  // requests after the database returns succeed, with no restart and no poisoned pooled connection.
  const outages: { mode: OutageMode; failsWithinMs: number }[] = [
    { mode: "reset", failsWithinMs: 1_000 },
    { mode: "refuse", failsWithinMs: 1_000 },
    // Nothing answers, so only the connect timeout ends the wait: it must, and soon after.
    { mode: "blackhole", failsWithinMs: CONNECT_TIMEOUT_MS + 1_500 },
  ];

  for (const { mode, failsWithinMs } of outages) {
    it(`fails fast with DATABASE_UNAVAILABLE and recovers by itself (${mode})`, async () => {
      await expectHealthy();
      await proxy.pause(mode);
      try {
        const health = await timed(() => server.get("/health"));
        expect(health.value.status).toBe(503);
        expect(await health.value.json()).toMatchObject({ status: "degraded", database: "down", error: expect.any(String) });
        expect(health.ms).toBeLessThan(failsWithinMs);

        const ping = await timed(() => server.graphql("{ dbPing }"));
        expect(ping.ms).toBeLessThan(failsWithinMs);
        const requestId = ping.value.headers.get("x-request-id");
        expect(ping.value.body.data).toBeNull();
        expect(ping.value.body.errors).toEqual([
          {
            message: `The catalogue database is unavailable; try again shortly (request ${requestId})`,
            path: ["dbPing"],
            locations: [{ line: 1, column: 3 }],
            extensions: { code: "DATABASE_UNAVAILABLE", requestId },
          },
        ]);
        expect(server.logger.lines.some((line) => line.includes(`request ${requestId}: database unavailable`))).toBe(true);
      } finally {
        await proxy.resume();
      }
      await expectHealthy();
    });
  }

  it("fails a query whose connection is cut mid-statement, and serves the next one", async () => {
    await expectHealthy();
    // Short enough that the embedded database (one session, busy until the sleep ends) can answer
    // the health check that follows within its 1 s.
    const sleeping = timed(() => server.graphql("{ dbSleep(ms: 800) }"));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await proxy.pause("reset");
    await proxy.resume();
    const { value, ms } = await sleeping;
    // Well before the statement would have finished: the cut is noticed, not waited out.
    expect(ms).toBeLessThan(700);
    expect(value.body.errors?.[0]?.extensions?.code).toBe("DATABASE_UNAVAILABLE");
    await expectHealthy();
  });

  it("answers concurrent health probes during an outage without queueing them behind each other", async () => {
    await proxy.pause("blackhole");
    try {
      const probes = await timed(() => Promise.all(Array.from({ length: 5 }, () => server.get("/health"))));
      expect(probes.value.map((r) => r.status)).toEqual([503, 503, 503, 503, 503]);
      expect(probes.ms).toBeLessThan(CONNECT_TIMEOUT_MS + 1_000);
    } finally {
      await proxy.resume();
    }
    await expectHealthy();
  });
});
