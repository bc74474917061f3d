import pg from "pg";
import type { TestProject } from "vitest/node";
import { createDataSource } from "../../src/db/data-source";
import { migrate } from "../../src/db/database";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../../src/db/embedded";
import { drainSearchOutbox } from "../../src/search/outbox-worker";
import { loadSeedCatalogue } from "../../src/seed/load-seed";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the migrated, seeded test database. */
    databaseUrl: string;
    /** "embedded" (PGlite) or "server" (TEST_DATABASE_URL). */
    databaseMode: "embedded" | "server";
  }
}

let embedded: EmbeddedPostgres | null = null;
let dropDatabase: (() => Promise<void>) | null = null;

/**
 * Prepares one database for the whole run: a fresh database on the server at TEST_DATABASE_URL, or
 * an in-memory PGlite served on a loopback socket. It is migrated and loaded with the seed catalogue.
 */
export async function setup(project: TestProject): Promise<void> {
  let url: string;
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `inovasi_test_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const target = new URL(serverUrl);
    target.pathname = `/${name}`;
    url = target.toString();
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    };
  } else {
    embedded = await startEmbeddedPostgres({ dataDir: null });
    url = embedded.url;
  }
  const ds = createDataSource({ url, poolSize: 1, statementTimeoutMs: 60_000, connectTimeoutMs: 10_000 });
  await ds.initialize();
  try {
    await migrate(ds);
    const report = await loadSeedCatalogue(ds);
    if (report.problems.length > 0) {
      throw new Error(`The seed catalogue has problems:\n${report.problems.map((p) => JSON.stringify(p)).join("\n")}`);
    }
    await drainSearchOutbox(ds);
  } finally {
    await ds.destroy();
  }
  project.provide("databaseUrl", url);
  project.provide("databaseMode", serverUrl ? "server" : "embedded");
}

export async function teardown(): Promise<void> {
  await embedded?.stop();
  await dropDatabase?.();
}
