import { request as httpRequest } from "node:http";
import autocannon from "autocannon";
import type { BenchRequest, TargetPlan } from "../workloads";

/** What one autocannon run measured. Latencies in milliseconds. */
export interface LoadResult {
  /** Mean requests per second over the run. */
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  /** Completed requests. */
  requests: number;
  /** Connection errors, timeouts, non-2xx responses and GraphQL error responses. */
  errors: number;
  timeouts: number;
  non2xx: number;
  graphqlErrors: number;
  durationS: number;
  /** The offered rate, when the run was rate-limited. */
  offeredRate?: number;
}

const HEADERS = { "content-type": "application/json", accept: "application/json" };

// A fresh headers object per request: autocannon writes the request's Content-Length into it, and a
// shared object would carry one request's length into the next (a GET then waits for a body forever).
function toRaw(request: BenchRequest) {
  return { method: request.method, path: request.path, body: request.body, headers: { ...HEADERS } };
}

/**
 * Drives one target with autocannon over loopback. Each request is the plan's next one, so a run
 * rotates through the plan's keys; a response that carries GraphQL `errors` counts as an error.
 * Without `overallRate` the connections send as fast as the server answers (saturation); with it,
 * requests go out at that fixed rate and latencies are corrected for coordinated omission.
 */
export async function runLoad(options: {
  baseUrl: string;
  plan: Pick<TargetPlan, "request">;
  connections: number;
  durationS: number;
  overallRate?: number;
  /** Index of the first request (to continue a rotation across runs). */
  offset?: number;
}): Promise<LoadResult> {
  let next = options.offset ?? 0;
  const result = await autocannon({
    url: options.baseUrl,
    connections: options.connections,
    duration: options.durationS,
    overallRate: options.overallRate,
    timeout: 30,
    requests: [{ setupRequest: (request) => ({ ...request, ...toRaw(options.plan.request(next++)) }) }],
    verifyBody: (body) => !body.includes('"errors":'),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx + result.mismatches,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    graphqlErrors: result.mismatches,
    durationS: result.duration,
    offeredRate: options.overallRate,
  };
}

/**
 * Sends one request on a fresh connection (no keep-alive, so a socket the server has just closed is
 * never reused) and returns the parsed JSON body. For checks, never under load.
 */
export function sendOnce(baseUrl: string, request: BenchRequest, headers: Record<string, string> = {}): Promise<unknown> {
  const url = new URL(request.path, baseUrl);
  return new Promise((resolve, reject) => {
    const length = request.body === undefined ? {} : { "content-length": String(Buffer.byteLength(request.body)) };
    const req = httpRequest(url, { method: request.method, agent: false, headers: { ...HEADERS, ...length, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        try {
          resolve(JSON.parse(text));
        } catch {
          reject(new Error(`${request.method} ${url}: ${res.statusCode} ${text.slice(0, 300)}`));
        }
      });
    });
    req.on("error", (error) => reject(new Error(`${request.method} ${url}: ${error.message}`)));
    req.end(request.body);
  });
}
