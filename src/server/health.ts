import type { DataSource } from "typeorm";

/** The body of `GET /health`. */
export type HealthReport =
  | { readonly status: "ok"; readonly database: "up"; readonly latencyMs: number }
  | { readonly status: "degraded"; readonly database: "down"; readonly error: string };

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  EPIPE: "connection closed",
  ETIMEDOUT: "connection timed out",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host lookup failed",
};

/** A one-line reason that names the failure without addresses or credentials. */
function shortReason(error: unknown): string {
  const record = (typeof error === "object" && error !== null ? error : {}) as { code?: unknown; message?: unknown };
  const code = typeof record.code === "string" ? record.code : "";
  if (NETWORK_REASONS[code]) return NETWORK_REASONS[code];
  const firstLine = String(record.message ?? error).split("\n")[0].slice(0, 160);
  return /^[0-9A-Z]{5}$/.test(code) ? `${firstLine} (SQLSTATE ${code})` : firstLine;
}

/**
 * Checks the database with `SELECT 1`. Concurrent callers share one check in flight, so a burst of
 * probes during an outage does not queue a burst of connection attempts on the pool.
 */
export function createHealthCheck(dataSource: DataSource, timeoutMs: number): () => Promise<HealthReport> {
  let inFlight: Promise<HealthReport> | null = null;
  const run = async (): Promise<HealthReport> => {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const query = dataSource.query("SELECT 1");
    // The query may settle after we have answered; its late failure must not become unhandled.
    query.catch(() => {});
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([query, timeout]);
      return { status: "ok", database: "up", latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      return { status: "degraded", database: "down", error: shortReason(error) };
    } finally {
      clearTimeout(timer);
    }
  };
  return () => {
    inFlight ??= run().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
}
