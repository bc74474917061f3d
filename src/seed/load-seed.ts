import type { DataSource } from "typeorm";

/** What loading the seed catalogue did. */
export interface SeedReport {
  /** Rows inserted or updated, by table. A second load of the same seeds reports zero everywhere. */
  changes: Record<string, number>;
  /** Problems found (file, row, field, message). Loading refuses to write when there are any. */
  problems: { file: string; row: number; field: string; message: string }[];
}

/** Loads the seed catalogue idempotently. (Placeholder until the seed loader lands.) */
export async function loadSeedCatalogue(_dataSource: DataSource): Promise<SeedReport> {
  return { changes: {}, problems: [] };
}
