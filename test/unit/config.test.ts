import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config";

const CWD = path.resolve("/srv/inovasi");

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, CWD);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("defaults to the embedded database in .data/ of the working directory", () => {
    expect(loadConfig({}, CWD)).toEqual({
      database: { mode: "embedded", dataDir: path.join(CWD, ".data"), socketPort: 0 },
      port: 4000,
      host: "0.0.0.0",
      meili: null,
      statementTimeoutMs: 10_000,
      connectTimeoutMs: 2_000,
      seedOnStart: true,
      responseCacheBytes: 64 * 1024 * 1024,
      logLevel: "info",
    });
  });

  it("uses the Postgres server named by DATABASE_URL", () => {
    const config = loadConfig({ DATABASE_URL: "postgresql://app:secret@db.internal:5433/inovasi" }, CWD);
    expect(config.database).toEqual({ mode: "server", url: "postgresql://app:secret@db.internal:5433/inovasi" });
  });

  it("resolves INOVASI_DATA_DIR against the working directory and keeps absolute paths", () => {
    expect(loadConfig({ INOVASI_DATA_DIR: "var/db" }, CWD).database).toMatchObject({ dataDir: path.join(CWD, "var/db") });
    expect(loadConfig({ INOVASI_DATA_DIR: "/data/inovasi" }, CWD).database).toMatchObject({ dataDir: path.resolve("/data/inovasi") });
  });

  it("treats blank values as unset", () => {
    expect(loadConfig({ DATABASE_URL: "  ", PORT: "", INOVASI_DATA_DIR: " ", LOG_LEVEL: "" }, CWD)).toEqual(loadConfig({}, CWD));
  });

  it("reads every setting", () => {
    const config = loadConfig(
      {
        PORT: "8080",
        HOST: "127.0.0.1",
        INOVASI_PG_PORT: "5544",
        MEILI_HOST: "http://127.0.0.1:7700",
        MEILI_API_KEY: "master",
        INOVASI_STATEMENT_TIMEOUT_MS: "5000",
        INOVASI_CONNECT_TIMEOUT_MS: "1500",
        INOVASI_SEED_ON_START: "FALSE",
        INOVASI_RESPONSE_CACHE_MB: "0",
        LOG_LEVEL: "Debug",
      },
      CWD,
    );
    expect(config).toMatchObject({
      port: 8080,
      host: "127.0.0.1",
      database: { mode: "embedded", socketPort: 5544 },
      meili: { host: "http://127.0.0.1:7700", apiKey: "master" },
      statementTimeoutMs: 5000,
      connectTimeoutMs: 1500,
      seedOnStart: false,
      responseCacheBytes: 0,
      logLevel: "debug",
    });
  });

  it.each([
    ["true", true],
    ["1", true],
    ["false", false],
    ["0", false],
  ])("reads INOVASI_SEED_ON_START=%s as %s", (raw, expected) => {
    expect(loadConfig({ INOVASI_SEED_ON_START: raw }, CWD).seedOnStart).toBe(expected);
  });

  it("returns a frozen object", () => {
    const config = loadConfig({}, CWD);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.database)).toBe(true);
  });

  it("lists every problem at once", () => {
    const problems = problemsOf({
      DATABASE_URL: "mysql://db/inovasi",
      PORT: "http",
      INOVASI_PG_PORT: "70000",
      MEILI_HOST: "not a url",
      INOVASI_STATEMENT_TIMEOUT_MS: "50",
      INOVASI_CONNECT_TIMEOUT_MS: "1.5",
      INOVASI_SEED_ON_START: "yes",
      LOG_LEVEL: "loud",
    });
    expect(problems).toEqual([
      `DATABASE_URL must start with postgres:// or postgresql://, got "mysql://…"`,
      `INOVASI_PG_PORT must be a whole number from 0 to 65535, got "70000"`,
      `PORT must be a whole number from 0 to 65535, got "http"`,
      `MEILI_HOST is not a valid URL`,
      `INOVASI_STATEMENT_TIMEOUT_MS must be a whole number from 100 to 600000, got "50"`,
      `INOVASI_CONNECT_TIMEOUT_MS must be a whole number from 100 to 60000, got "1.5"`,
      `INOVASI_SEED_ON_START must be true or false, got "yes"`,
      `LOG_LEVEL must be one of debug, info, warn, error, silent; got "loud"`,
    ]);
  });

  it("names every problem in the error message", () => {
    const env = { PORT: "-1", MEILI_HOST: "http://meili:7700" };
    expect(() => loadConfig(env, CWD)).toThrowError(
      "Invalid configuration:\n" +
        `  - PORT must be a whole number from 0 to 65535, got "-1"\n` +
        "  - MEILI_API_KEY must be set when MEILI_HOST is set",
    );
  });

  it("does not echo the text of an unparsable DATABASE_URL, which may hold a password", () => {
    const problems = problemsOf({ DATABASE_URL: "postgres://app:s3cret@db:notaport/inovasi" });
    expect(problems).toEqual(["DATABASE_URL is not a valid URL"]);
    expect(problems.join()).not.toContain("s3cret");
  });
});
