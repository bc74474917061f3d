import { ApolloServer } from "@apollo/server";
import type { GraphQLFormattedError, GraphQLSchema } from "graphql";
import type { DataSource } from "typeorm";
import { withQueryStats, type QueryStats } from "../../src/db/query-stats";
import { createRequestContext, type RequestContext } from "../../src/resolvers/context";
import { buildCatalogueSchema } from "../../src/schema/build-schema";

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

/** A test client: runs real operations through Apollo's executeOperation against the test database. */
export class TestClient {
  private constructor(
    private readonly server: ApolloServer<RequestContext>,
    private readonly dataSource: DataSource,
  ) {}

  static async create(dataSource: DataSource): Promise<TestClient> {
    const server = new ApolloServer<RequestContext>({ schema: await catalogueSchema(), includeStacktraceInErrorResponses: false });
    await server.start();
    return new TestClient(server, dataSource);
  }

  async run<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>> {
    const stats: QueryStats = { statements: 0, sql: [] };
    const response = await withQueryStats(stats, () =>
      this.server.executeOperation(
        { query, variables },
        { contextValue: createRequestContext(this.dataSource, { queryStats: stats }) },
      ),
    );
    if (response.body.kind !== "single") throw new Error("Unexpected incremental response");
    const { data, errors } = response.body.singleResult;
    return { data: (data ?? null) as T | null, errors, statements: stats.statements, sql: stats.sql ?? [] };
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
