import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config";
import { SOCKET_INFO_FILE } from "../../src/db/embedded";
import { executeOperationWithStats } from "../../src/server/apollo";
import { createMemoryLogger } from "../../src/server/logger";
import { startServer } from "../../src/server/start";
import { PROBE_SECRET, buildProbeSchema, startTestServer, type TestServer } from "../helpers/server";

describe("startServer on the embedded database", () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "inovasi-server-"));
  });
  afterAll(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  const config = () =>
    loadConfig({ INOVASI_DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1", INOVASI_SEED_ON_START: "false", LOG_LEVEL: "silent" });

  it("serves GraphQL, logs its URL and database, and keeps data across restarts", async () => {
    const logger = createMemoryLogger();
    const first = await startServer(config(), { logger });
    try {
      expect(first.databaseMode).toBe("embedded");
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
      const listening = logger.lines.filter((line) => line.includes("listening on"));
      expect(listening).toHaveLength(1);
      expect(listening[0]).toContain(first.url);
      expect(listening[0]).toContain(`(database: the embedded database in ${dataDir}, served to other processes at postgres://`);

      const response = await fetch(first.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ __typename }" }),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { __typename: "Query" } });

      // A running server holds the data directory and says where its socket is.
      expect(JSON.parse(await fs.readFile(path.join(dataDir, SOCKET_INFO_FILE), "utf8"))).toMatchObject({ pid: process.pid });
      await first.dataSource.query(`INSERT INTO region (code, name, kind) VALUES ('99', 'Provinsi Uji', 'province')`);
    } finally {
      await first.stop();
    }
    await expect(fs.access(path.join(dataDir, SOCKET_INFO_FILE))).rejects.toThrow();
    await expect(fetch(first.url)).rejects.toThrow();

    const second = await startServer(config(), { logger: createMemoryLogger() });
    try {
      expect(await second.dataSource.query(`SELECT name FROM region WHERE code = '99'`)).toEqual([{ name: "Provinsi Uji" }]);
    } finally {
      await second.stop();
    }
  });

  it("stops idempotently", async () => {
    const server = await startServer(config(), { logger: createMemoryLogger() });
    await Promise.all([server.stop(), server.stop()]);
    await server.stop();
    expect(server.dataSource.isInitialized).toBe(false);
  });
});

describe("stopping the HTTP server", () => {
  it("lets in-flight requests finish, then closes promptly and refuses new connections", async () => {
    const own = await startTestServer({ schema: buildProbeSchema() });
    const inFlight = own.graphql("{ dbSleep(ms: 300) }");
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    await own.stop();
    // The keep-alive connection of the finished request must not hold the stop open.
    expect(performance.now() - started).toBeLessThan(900);
    expect((await inFlight).body).toEqual({ data: { dbSleep: 1 } });
    await expect(fetch(own.http.graphqlUrl)).rejects.toThrow();
  });
});

describe("the HTTP server and Apollo", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ schema: buildProbeSchema(), maxBodyBytes: 10_000 });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("sets x-request-id, and keeps a well-formed one the client sent", async () => {
    const generated = await server.graphql("{ dbPing }");
    expect(generated.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await server.graphql("{ dbPing }", undefined, { "x-request-id": "gateway-trace.42" });
    expect(kept.headers.get("x-request-id")).toBe("gateway-trace.42");
    const replaced = await server.graphql("{ dbPing }", undefined, { "x-request-id": "no spaces <allowed>" });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("masks internal errors, quoting the request id, and logs the original with that id", async () => {
    const result = await server.graphql("{ boom }");
    const requestId = result.headers.get("x-request-id")!;
    expect(result.body).toEqual({
      data: { boom: null },
      errors: [
        {
          message: `Internal server error (request ${requestId})`,
          locations: [{ line: 1, column: 3 }],
          path: ["boom"],
          extensions: { code: "INTERNAL_SERVER_ERROR", requestId },
        },
      ],
    });
    expect(JSON.stringify(result.body)).not.toContain(PROBE_SECRET);
    const logged = server.logger.lines.find((line) => line.includes(`request ${requestId}: internal error at boom`));
    expect(logged).toContain(PROBE_SECRET);
    expect(logged).toMatch(/\n\s+at /);
  });

  it("passes business and validation errors through unchanged", async () => {
    const missing = await server.graphql("{ missing }");
    expect(missing.body.errors?.[0]).toMatchObject({ message: "No innovation with that id", extensions: { code: "NOT_FOUND" } });
    const invalid = await server.graphql("{ invalid }");
    expect(invalid.body.errors?.[0]).toMatchObject({ message: "`first` must be between 1 and 100", extensions: { code: "BAD_USER_INPUT" } });
    const unparsable = await server.graphql("{ dbPing");
    expect(unparsable.status).toBe(400);
    expect(unparsable.body.errors?.[0].extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
    const badVariable = await server.graphql("query ($ms: Int!) { dbSleep(ms: $ms) }", { ms: "soon" });
    expect(badVariable.status).toBe(400);
    expect(badVariable.body.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("never sends a stack trace", async () => {
    for (const query of ["{ boom }", "{ missing }", "{ nope }"]) {
      const result = await server.graphql(query);
      expect(JSON.stringify(result.body)).not.toMatch(/stacktrace|\bat .+\.ts:\d+/);
    }
  });

  it("reports SQL statements only to requests that ask for them", async () => {
    const plain = await server.graphql("{ a: dbPing b: dbPing }");
    expect(plain.body.extensions).toBeUndefined();
    const debug = await server.graphql("{ a: dbPing b: dbPing }", undefined, { "x-inovasi-debug": "1" });
    expect(debug.body).toEqual({ data: { a: 1, b: 1 }, extensions: { sqlStatements: 2 } });
  });

  it("counts each operation's statements in its own context when run through executeOperation", async () => {
    const [one, three] = await Promise.all([
      executeOperationWithStats(server.apollo, server.database.dataSource, { query: "{ dbPing }" }, { keepSql: true }),
      executeOperationWithStats(server.apollo, server.database.dataSource, { query: "{ a: dbPing b: dbPing c: dbPing }" }),
    ]);
    expect(one.response.body).toMatchObject({ kind: "single", singleResult: { data: { dbPing: 1 } } });
    expect(one.context.queryStats).toEqual({ statements: 1, sql: ["SELECT 1 AS one"] });
    expect(three.context.queryStats.statements).toBe(3);
  });

  it("masks internal errors with the request id in executeOperation too", async () => {
    const { response } = await executeOperationWithStats(server.apollo, server.database.dataSource, { query: "{ boom }" }, { requestId: "op-1" });
    expect(response.body.kind === "single" && response.body.singleResult.errors).toEqual([
      expect.objectContaining({ message: "Internal server error (request op-1)", extensions: { code: "INTERNAL_SERVER_ERROR", requestId: "op-1" } }),
    ]);
  });

  it("refuses bodies over the size limit with 413", async () => {
    const response = await fetch(server.http.graphqlUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ dbPing }`, variables: { padding: "x".repeat(20_000) } }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({
      errors: [{ message: "Request body is larger than the limit of 10000 bytes", extensions: { code: "PAYLOAD_TOO_LARGE" } }],
    });
    // The server is still fine afterwards.
    expect((await server.graphql("{ dbPing }")).body.data).toEqual({ dbPing: 1 });
  });

  it("answers malformed JSON with 400 BAD_REQUEST", async () => {
    const response = await fetch(server.http.graphqlUrl, { method: "POST", headers: { "content-type": "application/json" }, body: "{ nope" });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: "BAD_REQUEST" } }] });
  });

  it("serves GET queries and, to browsers, Apollo's landing page", async () => {
    const get = await fetch(`${server.http.graphqlUrl}?query=${encodeURIComponent("{ dbPing }")}`, {
      headers: { "apollo-require-preflight": "true" },
    });
    expect(await get.json()).toEqual({ data: { dbPing: 1 } });
    const browser = await server.get("/graphql", { accept: "text/html" });
    expect(browser.status).toBe(200);
    expect(browser.headers.get("content-type")).toContain("text/html");
    expect(await browser.text()).toMatch(/<html/i);
  });

  it("answers CORS preflights for the public API", async () => {
    const response = await fetch(server.http.graphqlUrl, { method: "OPTIONS", headers: { origin: "https://example.org" } });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-headers")).toContain("x-inovasi-debug");
  });
});
