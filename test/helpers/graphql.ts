import type { GraphQLFormattedError, GraphQLSchema } from "graphql";
import type { DataSource } from "typeorm";
import { buildCatalogueSchema } from "../../src/schema/build-schema";
import { createApolloServer, executeOperationWithStats, type CatalogueApolloServer } from "../../src/server/apollo";
import { createMemoryLogger } from "../../src/server/logger";

let schemaPromise: Promise<GraphQLSchema> | null = null;

/** The catalogue schema, built once per test file. */
export function catalogueSchema(): Promise<GraphQLSchema> {
  schemaPromise ??= buildCatalogueSchema();
  return schemaPromise;
}

export interface GraphQLResult<T> {
  data: T | null;
  errors: readonly GraphQLFormattedError[] | undefined;
  /** SQL statements the request issued. */
  statements: number;
  sql: string[];
}

/**
 * A test client: runs real operations through the production Apollo server (query limits, error
 * masking) with `executeOperation`, against the test database, counting SQL statements.
 */
export class TestClient {
  private constructor(
    private readonly server: CatalogueApolloServer,
    private readonly dataSource: DataSource,
  ) {}

  static async create(dataSource: DataSource): Promise<TestClient> {
    const server = createApolloServer(await catalogueSchema(), { logger: createMemoryLogger() });
    await server.start();
    return new TestClient(server, dataSource);
  }

  /** Runs an operation; `options.apiKey` is sent as `Authorization: Bearer <key>` (for mutations). */
  async run<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options: { apiKey?: string } = {},
  ): Promise<GraphQLResult<T>> {
    const authorization = options.apiKey === undefined ? undefined : `Bearer ${options.apiKey}`;
    const { response, context } = await executeOperationWithStats(this.server, this.dataSource, { query, variables }, { keepSql: true, authorization });
    if (response.body.kind !== "single") throw new Error("Unexpected incremental response");
    const { data, errors } = response.body.singleResult;
    return { data: (data ?? null) as T | null, errors, statements: context.queryStats.statements, sql: context.queryStats.sql ?? [] };
  }

  /** Runs an operation that must succeed, and returns its data. */
  async data<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const result = await this.run<T>(query, variables);
    if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
    return result.data as T;
  }

  async stop(): Promise<void> {
    await this.server.stop();
  }
}
