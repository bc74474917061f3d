import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SOCKET_INFO_FILE } from "../../src/db/embedded";
import { testDatabaseUrl } from "../helpers/db";

const BIN = fileURLToPath(new URL("../../bin/inovasi.js", import.meta.url));

// Settings the CLI reads; the child gets only the ones a test names, whatever the outer environment holds.
const CONFIG_VARS = /^(DATABASE_URL|PORT|HOST|LOG_LEVEL|MEILI_HOST|MEILI_API_KEY|INOVASI_.*)$/;

function cliEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !CONFIG_VARS.test(name)));
  return { ...base, ...env };
}

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `bin/inovasi.js` from a directory other than the repository, as npx may. */
function inovasi(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: os.tmpdir(), env: cliEnv(env), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

interface SeedJson {
  migrationsApplied: string[];
  changes: Record<string, number>;
  totalChanges: number;
  problems: unknown[];
}

describe("the inovasi CLI", () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "inovasi-cli-"));
  });
  afterAll(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it("lists its commands with --help", async () => {
    const [run, seedHelp] = await Promise.all([inovasi(["--help"]), inovasi(["seed", "--help"])]);
    expect(run.code).toBe(0);
    for (const command of ["serve", "seed", "migrate"]) expect(run.stdout).toMatch(new RegExp(`^  ${command}\\s+\\S`, "m"));
    expect(seedHelp.code).toBe(0);
    expect(seedHelp.stdout).toContain("Usage: inovasi seed [--json]");
  });

  it("rejects unknown commands and options with exit code 2", async () => {
    const [unknown, badOption] = await Promise.all([inovasi(["frobnicate"]), inovasi(["seed", "--jsn"])]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(`Unknown command "frobnicate"`);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain("--jsn");
  });

  it("prints every configuration problem and exits 2", async () => {
    const run = await inovasi(["seed"], { PORT: "http", LOG_LEVEL: "loud", INOVASI_DATA_DIR: dataDir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Invalid configuration:");
    expect(run.stderr).toContain(`PORT must be a whole number from 0 to 65535, got "http"`);
    expect(run.stderr).toContain(`LOG_LEVEL must be one of debug, info, warn, error, silent; got "loud"`);
  });

  it("says plainly when the database cannot be reached", async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const run = await inovasi(["migrate"], { DATABASE_URL: `postgres://postgres@127.0.0.1:${closedPort}/postgres` });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `inovasi migrate: cannot reach the database (connect ECONNREFUSED 127.0.0.1:${closedPort}).\n` +
        "Check DATABASE_URL, and that PostgreSQL is running and accepting connections.\n",
    );
  });

  it("seeds a new embedded database, and a second run changes nothing", async () => {
    const first = await inovasi(["seed", "--json"], { INOVASI_DATA_DIR: dataDir });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const firstReport = JSON.parse(first.stdout) as SeedJson;
    expect(firstReport.migrationsApplied.length).toBeGreaterThan(0);
    expect(firstReport.problems).toEqual([]);

    const second = await inovasi(["seed", "--json"], { INOVASI_DATA_DIR: dataDir });
    expect(second.code).toBe(0);
    const secondReport = JSON.parse(second.stdout) as SeedJson;
    expect(secondReport.migrationsApplied).toEqual([]);
    expect(secondReport.totalChanges).toBe(0);
    expect(Object.values(secondReport.changes).every((n) => n === 0)).toBe(true);
  });

  it("seeds the database DATABASE_URL names (the run's test database, already seeded)", async () => {
    const run = await inovasi(["seed"], { DATABASE_URL: testDatabaseUrl() });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("No changes: the database already matches the seed catalogue.");
  });

  it("migrates, reporting when there is nothing to do", async () => {
    const run = await inovasi(["migrate"], { DATABASE_URL: testDatabaseUrl() });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^PostgreSQL at postgres:\/\/\S+ is up to date; no migrations to apply\.$/m);
  });

  it("explains what to do when a running server holds the embedded database", async () => {
    const heldDir = await fs.mkdtemp(path.join(os.tmpdir(), "inovasi-held-"));
    try {
      // This test process stands in for the running server: alive, and not the CLI's own pid.
      const url = "postgres://postgres@127.0.0.1:54999/postgres";
      await fs.writeFile(path.join(heldDir, SOCKET_INFO_FILE), JSON.stringify({ pid: process.pid, port: 54999, url, startedAt: "" }));
      const run = await inovasi(["seed"], { INOVASI_DATA_DIR: heldDir });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`is in use by a running inovasi server (pid ${process.pid})`);
      expect(run.stderr).toContain(`DATABASE_URL=${url} npx inovasi seed`);
    } finally {
      await fs.rm(heldDir, { recursive: true, force: true });
    }
  });

  it("serves until SIGTERM, then stops cleanly and releases the data directory", async () => {
    const child = spawn(process.execPath, [BIN, "serve"], {
      cwd: os.tmpdir(),
      env: cliEnv({ INOVASI_DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1", INOVASI_SEED_ON_START: "false" }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stderr.on("data", (chunk) => {
          stderr += chunk;
          const match = /listening on (http:\/\/\S+\/graphql)/.exec(stderr);
          if (match) resolve(match[1]);
        });
        void exited.then((code) => reject(new Error(`serve exited with ${code} before listening:\n${stderr}`)));
      });
      expect(stderr).toContain(`(database: the embedded database in ${dataDir}, served to other processes at postgres://`);
      const health = await fetch(url.replace(/\/graphql$/, "/health"));
      expect(await health.json()).toMatchObject({ status: "ok", database: "up" });
      await expect(fs.access(path.join(dataDir, SOCKET_INFO_FILE))).resolves.toBeUndefined();
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(stderr).toContain("SIGTERM received; stopping");
    await expect(fs.access(path.join(dataDir, SOCKET_INFO_FILE))).rejects.toThrow();
  });
});
