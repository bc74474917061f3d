import { randomUUID } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { HeaderMap, type HTTPGraphQLResponse } from "@apollo/server";
import type { DataSource } from "typeorm";
import { executeHttpGraphQLRequest, type CatalogueApolloServer } from "./apollo";
import { ErrorCode, maskedError } from "./errors";
import { createHealthCheck } from "./health";
import { createLogger, type Logger } from "./logger";

/** Options of {@link startHttpServer}. */
export interface HttpServerOptions {
  /** A created but not yet started Apollo server; the HTTP server starts it and stops it. */
  apollo: CatalogueApolloServer;
  /** The database behind the schema: each request's context gets it, and `/health` probes it. */
  dataSource: DataSource;
  port: number;
  host: string;
  logger?: Logger;
  /** Largest accepted request body. Default 100 KiB. */
  maxBodyBytes?: number;
  /** How long `/health` waits for `SELECT 1`. Default 1 s. */
  healthTimeoutMs?: number;
  /** How long `stop()` lets in-flight requests finish before cutting connections. Default 10 s. */
  shutdownGraceMs?: number;
}

/** A listening HTTP server. */
export interface RunningHttpServer {
  /** Base URL, e.g. `http://127.0.0.1:4000` (a wildcard host is shown as `localhost`). */
  readonly url: string;
  /** The GraphQL endpoint, `${url}/graphql`. */
  readonly graphqlUrl: string;
  readonly port: number;
  /** Stops accepting connections, lets in-flight requests finish (up to the grace period), stops Apollo. */
  stop(): Promise<void>;
}

const DEFAULT_MAX_BODY_BYTES = 100 * 1024;

// A client may name its own request id (a gateway's trace id, say) if it is short and plain.
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

// The catalogue is public and uses no cookies, so any origin may call it (Apollo Sandbox included).
const CORS_HEADERS: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "x-request-id",
};
const CORS_PREFLIGHT_HEADERS: Record<string, string> = {
  ...CORS_HEADERS,
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-allow-headers":
    "authorization, content-type, apollo-require-preflight, x-apollo-operation-name, x-inovasi-debug, x-request-id",
  "access-control-max-age": "86400",
};

class BodyTooLargeError extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > limit) {
      reject(new BodyTooLargeError());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData);
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function graphqlErrorBody(message: string, code: string, requestId: string) {
  return { errors: [{ message, extensions: { code, requestId } }] };
}

async function writeApolloResponse(res: ServerResponse, response: HTTPGraphQLResponse): Promise<void> {
  res.statusCode = response.status ?? 200;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  if (response.body.kind === "complete") {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

function headerMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return headers;
}

function displayUrl(address: AddressInfo): string {
  const wildcard = address.address === "0.0.0.0" || address.address === "::";
  const host = wildcard ? "localhost" : address.family === "IPv6" ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/**
 * Serves the catalogue over plain node:http:
 * - `POST|GET /graphql`: GraphQL (a browser's GET gets Apollo's landing page);
 * - `GET /health`: 200 `{status:"ok",database:"up"}` when `SELECT 1` answers in time, else 503
 *   `{status:"degraded",database:"down",error}`;
 * - anything else: 404 JSON.
 * Every response carries `x-request-id`. Bodies over the limit get 413 `PAYLOAD_TOO_LARGE`.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const { apollo, dataSource } = options;
  const logger = options.logger ?? createLogger("info");
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const checkHealth = createHealthCheck(dataSource, options.healthTimeoutMs ?? 1_000);
  let stopping = false;

  async function handleGraphQL(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    if (req.method === "OPTIONS") {
      res.writeHead(204, CORS_PREFLIGHT_HEADERS);
      res.end();
      return;
    }
    for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);
    let body: unknown;
    try {
      const raw = await readBody(req, maxBodyBytes);
      const isJson = /^application\/(.+\+)?json\b/i.test(req.headers["content-type"] ?? "");
      if (isJson && raw.length > 0) body = JSON.parse(raw.toString("utf8"));
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        // The rest of the body is not read; closing the connection keeps it from being taken as the next request.
        req.resume();
        const message = `Request body is larger than the limit of ${maxBodyBytes} bytes`;
        sendJson(res, 413, graphqlErrorBody(message, ErrorCode.PAYLOAD_TOO_LARGE, requestId), { connection: "close" });
        return;
      }
      if (error instanceof SyntaxError) {
        sendJson(res, 400, graphqlErrorBody(`Request body is not valid JSON: ${error.message}`, ErrorCode.BAD_REQUEST, requestId));
        return;
      }
      throw error;
    }
    const response = await executeHttpGraphQLRequest(
      apollo,
      dataSource,
      { method: req.method ?? "GET", headers: headerMap(req), search: new URL(req.url ?? "/", "http://x").search, body },
      { requestId, debug: req.headers["x-inovasi-debug"] === "1" },
    );
    await writeApolloResponse(res, response);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const claimed = req.headers["x-request-id"];
    const requestId = typeof claimed === "string" && CLIENT_REQUEST_ID.test(claimed) ? claimed : randomUUID();
    res.setHeader("x-request-id", requestId);
    if (stopping) res.setHeader("connection", "close");
    // A keep-alive connection whose request was in flight when stop() began becomes idle only now;
    // closing it here keeps it from holding the stop open until the grace period runs out.
    res.once("finish", () => {
      if (stopping) setImmediate(() => server.closeIdleConnections());
    });
    const { pathname } = new URL(req.url ?? "/", "http://x");
    try {
      if (pathname === "/graphql") {
        await handleGraphQL(req, res, requestId);
      } else if (pathname === "/health") {
        if (req.method !== "GET" && req.method !== "HEAD") {
          sendJson(res, 405, { error: "Use GET /health" }, { allow: "GET, HEAD" });
          return;
        }
        const report = await checkHealth();
        sendJson(res, report.status === "ok" ? 200 : 503, report, { "cache-control": "no-store" });
      } else {
        sendJson(res, 404, { error: `Not found: ${pathname}`, endpoints: ["/graphql", "/health"] });
      }
    } catch (error) {
      const masked = maskedError(error, requestId);
      logger.error(`request ${requestId}: ${req.method} ${pathname} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) sendJson(res, 500, graphqlErrorBody(masked.message, masked.code, requestId));
      else res.destroy();
    }
  }

  await apollo.start();
  // Timeouts bound how long a slow or idle client can hold a connection (slowloris).
  const server = http.createServer({ requestTimeout: 30_000, headersTimeout: 15_000, keepAliveTimeout: 5_000 }, (req, res) => {
    void handle(req, res);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port, options.host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    await apollo.stop();
    const code = (error as { code?: string }).code;
    if (code === "EADDRINUSE") {
      throw new Error(`Port ${options.port} on ${options.host} is already in use; set PORT to a free port (0 picks one).`);
    }
    throw error;
  }
  const address = server.address() as AddressInfo;
  const url = displayUrl(address);
  let stopped: Promise<void> | null = null;

  return {
    url,
    graphqlUrl: `${url}/graphql`,
    port: address.port,
    stop() {
      stopped ??= (async () => {
        stopping = true;
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const grace = setTimeout(() => server.closeAllConnections(), options.shutdownGraceMs ?? 10_000);
        await closed;
        clearTimeout(grace);
        await apollo.stop();
      })();
      return stopped;
    },
  };
}
