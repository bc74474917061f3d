import type { TestProject } from "vitest/node";
import { createDataSource } from "../../src/db/data-source";
import { migrate } from "../../src/db/database";
import { drainSearchOutbox } from "../../src/search/outbox-worker";
import { loadSeedCatalogue } from "../../src/seed/load-seed";
import { createEmptyDatabase, type EmptyDatabase } from "./empty-database";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the migrated, seeded test database. */
    databaseUrl: string;
    /** "embedded" (PGlite) or "server" (TEST_DATABASE_URL). */
    databaseMode: "embedded" | "server";
  }
}

let database: EmptyDatabase | null = null;

/**
 * Prepares one database for the whole run: a fresh database on the server at TEST_DATABASE_URL, or
 * an in-memory PGlite served on a loopback socket. It is migrated and loaded with the seed catalogue.
 */
export async function setup(project: TestProject): Promise<void> {
  database = await createEmptyDatabase("inovasi_test");
  const url = database.url;
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
  project.provide("databaseMode", process.env.TEST_DATABASE_URL ? "server" : "embedded");
}

export async function teardown(): Promise<void> {
  await database?.dispose();
}
