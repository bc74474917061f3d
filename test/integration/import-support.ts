/**
 * Support for the import tests: each file works on a scratch database of its own (migrated and
 * seeded), so that what it imports never reaches the run's shared database that other suites count.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { DataSource } from "typeorm";
import { createDataSource } from "../../src/db/data-source";
import { migrate } from "../../src/db/database";
import { loadSeedCatalogue } from "../../src/seed/load-seed";
import { createEmptyDatabase } from "../helpers/empty-database";

/** The import fixtures folder. */
export const IMPORT_FIXTURES = fileURLToPath(new URL("../fixtures/import", import.meta.url));

/** A migrated (and usually seeded) database that belongs to one test file. */
export interface ScratchDatabase {
  readonly url: string;
  readonly ds: DataSource;
  close(): Promise<void>;
}

/**
 * Creates a scratch database: a fresh database on the server at TEST_DATABASE_URL, or an in-memory
 * PGlite otherwise (the same two modes as the run's database), migrated and, unless `seed` is false,
 * loaded with the seed catalogue.
 */
export async function openScratchDatabase(options: { seed?: boolean } = {}): Promise<ScratchDatabase> {
  const { url, dispose } = await createEmptyDatabase("inovasi_import");
  const ds = createDataSource({ url, poolSize: process.env.TEST_DATABASE_URL ? 4 : 1, statementTimeoutMs: 60_000, connectTimeoutMs: 10_000 });
  await ds.initialize();
  await migrate(ds);
  if (options.seed ?? true) {
    const report = await loadSeedCatalogue(ds);
    if (report.problems.length > 0) throw new Error(`seed problems: ${JSON.stringify(report.problems)}`);
  }
  return {
    url,
    ds,
    async close() {
      if (ds.isInitialized) await ds.destroy();
      await dispose();
    },
  };
}

/** A temporary directory for files a test writes; remove it with `fs.rm`. */
export async function tempDir(prefix = "inovasi-import-"): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

/** Row counts of the given tables. */
export async function countRows(ds: DataSource, tables: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await ds.query(`SELECT count(*)::int AS n FROM "${table}"`);
    out[table] = row.n;
  }
  return out;
}
