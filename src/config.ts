import path from "node:path";

/**
 * The validated runtime configuration. This is the only module that reads `process.env`;
 * everything else receives a `Config` as an argument.
 */
export interface Config {
  /** Where the database is: a real Postgres server, or the embedded PGlite in `dataDir`. */
  readonly database:
    | { readonly mode: "server"; readonly url: string }
    | { readonly mode: "embedded"; readonly dataDir: string; readonly socketPort: number };
  /** HTTP port for GraphQL and /health. */
  readonly port: number;
  /** Interface the HTTP server binds to. */
  readonly host: string;
  /** Meilisearch, when configured (production search engine). */
  readonly meili: MeiliConfig | null;
  /** Milliseconds a single SQL statement may run before the server gives up on it. */
  readonly statementTimeoutMs: number;
  /** Milliseconds to wait for a database connection before failing a request. */
  readonly connectTimeoutMs: number;
  /** Whether the seed catalogue is loaded at start-up (idempotent). */
  readonly seedOnStart: boolean;
  /** Bytes of anonymous answers the response cache may hold (INOVASI_RESPONSE_CACHE_MB); 0 turns it off. */
  readonly responseCacheBytes: number;
  /** Log level for the server's own log lines. */
  readonly logLevel: "debug" | "info" | "warn" | "error" | "silent";
}

/** Meilisearch settings (MEILI_*), present when MEILI_HOST and MEILI_API_KEY are set. */
export interface MeiliConfig {
  readonly host: string;
  readonly apiKey: string;
  /** Name (uid) of the index searches use; a reindex builds `<index>_<timestamp>` and swaps it in. */
  readonly index: string;
  /** Milliseconds one HTTP request to Meilisearch may take before search falls back to Postgres. */
  readonly timeoutMs: number;
  /** Milliseconds to wait for an indexing task (documents, settings, swap) before retrying later. */
  readonly taskTimeoutMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

type Env = Record<string, string | undefined>;

function intVar(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
    return fallback;
  }
  return value;
}

function urlVar(env: Env, name: string, protocols: string[], problems: string[]): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    if (!protocols.includes(url.protocol)) {
      problems.push(`${name} must start with ${protocols.map((p) => `${p}//`).join(" or ")}, got "${url.protocol}//…"`);
      return undefined;
    }
    return raw;
  } catch {
    problems.push(`${name} is not a valid URL`);
    return undefined;
  }
}

/**
 * Reads and validates the environment once. Every problem is collected and reported together,
 * so that a misconfigured deployment is fixed in one go rather than one error at a time.
 */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const problems: string[] = [];
  const databaseUrl = urlVar(env, "DATABASE_URL", ["postgres:", "postgresql:"], problems);
  const dataDir = path.resolve(cwd, env.INOVASI_DATA_DIR?.trim() || ".data");
  const socketPort = intVar(env, "INOVASI_PG_PORT", 0, 0, 65535, problems);
  const port = intVar(env, "PORT", 4000, 0, 65535, problems);
  const host = env.HOST?.trim() || "0.0.0.0";
  const meiliHost = urlVar(env, "MEILI_HOST", ["http:", "https:"], problems);
  const meiliKey = env.MEILI_API_KEY?.trim();
  if (meiliHost && !meiliKey) problems.push("MEILI_API_KEY must be set when MEILI_HOST is set");
  const meiliIndex = env.MEILI_INDEX?.trim() || "innovations";
  // Meilisearch index uids: letters, digits, - and _; room is left for the reindex's _<timestamp>.
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(meiliIndex)) {
    problems.push(`MEILI_INDEX must be 1 to 100 letters, digits, - or _, got "${env.MEILI_INDEX}"`);
  }
  const meiliTimeoutMs = intVar(env, "MEILI_TIMEOUT_MS", 2_000, 100, 60_000, problems);
  const meiliTaskTimeoutMs = intVar(env, "MEILI_TASK_TIMEOUT_MS", 120_000, 1_000, 3_600_000, problems);
  const statementTimeoutMs = intVar(env, "INOVASI_STATEMENT_TIMEOUT_MS", 10_000, 100, 600_000, problems);
  const connectTimeoutMs = intVar(env, "INOVASI_CONNECT_TIMEOUT_MS", 2_000, 100, 60_000, problems);
  const responseCacheMb = intVar(env, "INOVASI_RESPONSE_CACHE_MB", 64, 0, 16_384, problems);
  const seedRaw = (env.INOVASI_SEED_ON_START ?? "true").trim().toLowerCase();
  if (!["true", "false", "1", "0"].includes(seedRaw)) {
    problems.push(`INOVASI_SEED_ON_START must be true or false, got "${env.INOVASI_SEED_ON_START}"`);
  }
  const logLevel = (env.LOG_LEVEL?.trim().toLowerCase() || "info") as Config["logLevel"];
  if (!["debug", "info", "warn", "error", "silent"].includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of debug, info, warn, error, silent; got "${env.LOG_LEVEL}"`);
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return Object.freeze({
    database: databaseUrl
      ? Object.freeze({ mode: "server" as const, url: databaseUrl })
      : Object.freeze({ mode: "embedded" as const, dataDir, socketPort }),
    port,
    host,
    meili:
      meiliHost && meiliKey
        ? Object.freeze({ host: meiliHost, apiKey: meiliKey, index: meiliIndex, timeoutMs: meiliTimeoutMs, taskTimeoutMs: meiliTaskTimeoutMs })
        : null,
    statementTimeoutMs,
    connectTimeoutMs,
    seedOnStart: seedRaw === "true" || seedRaw === "1",
    responseCacheBytes: responseCacheMb * 1024 * 1024,
    logLevel,
  });
}
