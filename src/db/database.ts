import pg from "pg";
import { MigrationExecutor, type DataSource } from "typeorm";
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
    prepareStatements: !embedded && !(await servedByPglite(url, config.connectTimeoutMs)),
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

/**
 * Whether the server at `url` is PGlite (an embedded database another process serves on its socket):
 * one session behind every connection, so prepared statements are not used on it (prepared-statements.ts).
 * Unknown (unreachable) counts as no; opening the database then reports the problem.
 */
async function servedByPglite(url: string, connectTimeoutMs: number): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs });
  try {
    await client.connect();
    const { rows } = await client.query<{ version: string }>(`SELECT version() AS version`);
    return /\bPGlite\b/i.test(rows[0]?.version ?? "");
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Applies every pending migration, all in one transaction. Returns the names applied.
 *
 * Migrations run on a session of their own without the request timeouts (INOVASI_STATEMENT_TIMEOUT_MS
 * and the client's read timeout, which guard API requests): rewriting a table of a large catalogue
 * takes minutes. The session gets its timeouts back before it returns to the pool.
 */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const queryRunner = dataSource.createQueryRunner("master");
  await queryRunner.connect();
  // node-postgres reads a query's read timeout from its client's connection parameters.
  const client = (queryRunner as unknown as { databaseConnection?: { connectionParameters?: { query_timeout?: number } } }).databaseConnection;
  const parameters = client?.connectionParameters;
  const readTimeout = parameters?.query_timeout;
  try {
    if (parameters) parameters.query_timeout = undefined;
    await queryRunner.query(`SET statement_timeout = 0`);
    const executor = new MigrationExecutor(dataSource, queryRunner);
    executor.transaction = "all";
    const applied = await executor.executePendingMigrations();
    return applied.map((m) => m.name);
  } finally {
    try {
      if (!queryRunner.isReleased) await queryRunner.query(`RESET statement_timeout`);
    } finally {
      if (parameters) parameters.query_timeout = readTimeout;
      await queryRunner.release();
    }
  }
}
