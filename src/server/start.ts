import type { DataSource } from "typeorm";
import type { Config } from "../config";
import { migrate, openDatabase, type Database } from "../db/database";
import { ResponseCache } from "./response-cache";
import { buildCatalogueSchema } from "../schema/build-schema";
import { MeilisearchIndex } from "../search/meilisearch/meilisearch-index";
import { drainSearchOutbox, SearchOutboxWorker } from "../search/outbox-worker";
import { ensureSearchDocuments } from "../search/postgres-search-index";
import { createSearchService, installSearchService } from "../search/search-service";
import { loadSeedCatalogue, type SeedReport } from "../seed/load-seed";
import { createApolloServer } from "./apollo";
import { describeDatabase } from "./describe-database";
import { startHttpServer } from "./http";
import { createLogger, type Logger } from "./logger";

/** The seed catalogue has problems, so start-up was refused. */
export class SeedProblemsError extends Error {
  constructor(readonly problems: SeedReport["problems"]) {
    super(
      `The seed catalogue has ${problems.length} problem(s):\n` +
        problems.map((p) => `  - ${p.file} row ${p.row}, ${p.field}: ${p.message}`).join("\n"),
    );
    this.name = "SeedProblemsError";
  }
}

/** A running catalogue server. */
export interface RunningServer {
  /** The GraphQL endpoint, e.g. `http://localhost:4000/graphql`. */
  readonly url: string;
  /** Base URL of the HTTP server (for `/health`). */
  readonly baseUrl: string;
  readonly port: number;
  readonly databaseMode: Database["mode"];
  /** The server's own DataSource; closed by `stop()`. */
  readonly dataSource: DataSource;
  /** Stops HTTP (letting in-flight requests finish), then closes the database; PGlite is flushed to disk. Idempotent. */
  stop(): Promise<void>;
}

/** Options of {@link startServer}. */
export interface StartServerOptions {
  /** Defaults to stderr at the config's log level. */
  logger?: Logger;
  /** Put `extensions.sqlStatements` on every response (tests). */
  exposeStats?: boolean;
}

/**
 * Starts the catalogue: opens the database the config names (starting the embedded PGlite if no
 * DATABASE_URL is set), applies pending migrations, loads the seed catalogue if `seedOnStart`,
 * builds the schema and serves it over HTTP. Logs one line with the URL and database mode.
 *
 * Throws (after closing whatever it opened) if any step fails; {@link SeedProblemsError} when the
 * seeds are invalid. Installs no signal handlers: the caller decides when to call `stop()`.
 */
export async function startServer(config: Config, options: StartServerOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const database = await openDatabase(config);
  try {
    const applied = await migrate(database.dataSource);
    if (applied.length > 0) logger.info(`applied migrations: ${applied.join(", ")}`);
    if (config.seedOnStart) {
      const report = await loadSeedCatalogue(database.dataSource);
      if (report.problems.length > 0) throw new SeedProblemsError(report.problems);
      const changed = Object.values(report.changes).reduce((sum, n) => sum + n, 0);
      logger.info(`seed catalogue loaded: ${changed} row(s) changed`);
    }
    // The Postgres search index catches up with the outbox (the seed's changes, or writes made while no
    // server ran) before requests are served; the worker keeps it, and Meilisearch, in step afterwards.
    const drained = await drainSearchOutbox(database.dataSource);
    if (drained.postgres.innovations > 0) logger.info(`search index refreshed: ${drained.postgres.innovations} innovation(s) re-indexed`);
    const indexed = await ensureSearchDocuments(database.dataSource.manager, { changed: false });
    if (indexed) logger.info(`search index refreshed: ${indexed.written} document(s) written`);
    installSearchService(
      database.dataSource,
      createSearchService(config, database.dataSource, (report) => logger.warn(`search fell back from ${report.fallbackFrom} to ${report.engine}: ${report.reason}`)),
    );
    const schema = await buildCatalogueSchema();
    const responseCache = config.responseCacheBytes > 0 ? new ResponseCache(config.responseCacheBytes) : undefined;
    const apollo = createApolloServer(schema, { logger, exposeStats: options.exposeStats, responseCache });
    const http = await startHttpServer({
      apollo,
      dataSource: database.dataSource,
      port: config.port,
      host: config.host,
      logger,
    });
    const socket = database.mode === "embedded" ? `, served to other processes at ${database.url}` : "";
    logger.info(`inovasi-graph listening on ${http.graphqlUrl} (database: ${describeDatabase(config)}${socket})`);

    const searchWorker = new SearchOutboxWorker(database.dataSource, config.meili ? new MeilisearchIndex(config.meili) : null, logger);
    searchWorker.start();

    let stopped: Promise<void> | null = null;
    return {
      url: http.graphqlUrl,
      baseUrl: http.url,
      port: http.port,
      databaseMode: database.mode,
      dataSource: database.dataSource,
      stop() {
        stopped ??= (async () => {
          try {
            await http.stop();
          } finally {
            await searchWorker.stop();
            await database.close();
          }
        })();
        return stopped;
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
