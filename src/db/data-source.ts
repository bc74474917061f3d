import "reflect-metadata";
import pg from "pg";
import { DataSource, type Logger as TypeOrmLogger } from "typeorm";
import { ENTITIES } from "../entities";
import { MIGRATIONS } from "../../migrations";
import { PreparingClient } from "./prepared-statements";
import { recordStatement } from "./query-stats";

export interface DataSourceOptions {
  url: string;
  /** Connections in the pool. Keep it small on the embedded database, which has one session. */
  poolSize: number;
  statementTimeoutMs: number;
  connectTimeoutMs: number;
  /** Log every statement to stderr (debugging). */
  logStatements?: boolean;
  /** Send the loaders' statements as prepared statements (see prepared-statements.ts); a server only. */
  prepareStatements?: boolean;
}

// DATE columns stay 'YYYY-MM-DD' strings in raw queries, as TypeORM returns them: a calendar date has
// no time zone, and turning it into a JS Date would shift it by the server's offset.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

/** Counts statements for QueryStats and reports failures; TypeORM calls it for every statement. */
class StatementLogger implements TypeOrmLogger {
  constructor(private readonly verbose: boolean) {}
  logQuery(query: string): void {
    recordStatement(query);
    if (this.verbose) process.stderr.write(`[sql] ${query}\n`);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    if (this.verbose) process.stderr.write(`[migration] ${message}\n`);
  }
  log(level: "log" | "info" | "warn", message: unknown): void {
    if (level === "warn" && this.verbose) process.stderr.write(`[typeorm] ${String(message)}\n`);
  }
}

/**
 * A TypeORM DataSource for the catalogue. The schema is owned by the migrations; `synchronize` is
 * never used here.
 */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: "postgres",
    url: options.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: "typeorm_migrations",
    synchronize: false,
    migrationsRun: false,
    logging: true,
    logger: new StatementLogger(options.logStatements ?? false),
    poolSize: options.poolSize,
    connectTimeoutMS: options.connectTimeoutMs,
    extra: {
      max: options.poolSize,
      connectionTimeoutMillis: options.connectTimeoutMs,
      idleTimeoutMillis: 30_000,
      statement_timeout: options.statementTimeoutMs,
      // A connection that the network drops silently would otherwise hang a query until TCP gives up.
      query_timeout: options.statementTimeoutMs + 1_000,
      keepAlive: true,
      application_name: "inovasi-graph",
      ...(options.prepareStatements ? { Client: PreparingClient } : {}),
    },
  });
}
