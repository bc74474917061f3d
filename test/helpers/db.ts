import { inject } from "vitest";
import type { DataSource } from "typeorm";
import { createDataSource } from "../../src/db/data-source";

/** URL of the run's migrated and seeded database (see global-setup.ts). */
export function testDatabaseUrl(): string {
  return inject("databaseUrl");
}

/** Opens a DataSource on the run's database. Close it in afterAll. */
export async function openTestDataSource(options: { poolSize?: number } = {}): Promise<DataSource> {
  const ds = createDataSource({
    url: testDatabaseUrl(),
    poolSize: inject("databaseMode") === "embedded" ? 1 : (options.poolSize ?? 4),
    statementTimeoutMs: 30_000,
    connectTimeoutMs: 10_000,
  });
  await ds.initialize();
  return ds;
}
