import type { DataSource } from "typeorm";
import type { Config } from "../config";
import { createDataSource } from "./data-source";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded";

/** An open catalogue database: the DataSource plus the embedded server behind it, if any. */
export interface Database {
  readonly dataSource: DataSource;
  readonly url: string;
  readonly mode: "server" | "embedded";
  close(): Promise<void>;
}

/**
 * Opens the database the config names: the Postgres server at DATABASE_URL, or the embedded PGlite
 * in INOVASI_DATA_DIR, which is started and served on a loopback socket first.
 */
export async function openDatabase(config: Config, options: { poolSize?: number } = {}): Promise<Database> {
  let embedded: EmbeddedPostgres | null = null;
  let url: string;
  if (config.database.mode === "embedded") {
    embedded = await startEmbeddedPostgres({ dataDir: config.database.dataDir, port: config.database.socketPort });
    url = embedded.url;
  } else {
    url = config.database.url;
  }
  const dataSource = createDataSource({
    url,
    // PGlite has a single session behind its socket: one connection keeps statements from interleaving.
    poolSize: embedded ? 1 : (options.poolSize ?? 10),
    statementTimeoutMs: config.statementTimeoutMs,
    connectTimeoutMs: config.connectTimeoutMs,
    logStatements: config.logLevel === "debug",
  });
  try {
    await dataSource.initialize();
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return {
    dataSource,
    url,
    mode: embedded ? "embedded" : "server",
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}

/** Applies every pending migration, all in one transaction. Returns the names applied. */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: "all" });
  return applied.map((m) => m.name);
}
