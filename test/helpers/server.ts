import { GraphQLError, buildSchema, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import { inject } from "vitest";
import { loadConfig } from "../../src/config";
import { openDatabase, type Database } from "../../src/db/database";
import type { RequestContext } from "../../src/resolvers/context";
import { createApolloServer, type CatalogueApolloServer } from "../../src/server/apollo";
import { startHttpServer, type RunningHttpServer } from "../../src/server/http";
import type { QueryLimits } from "../../src/server/limits";
import { createMemoryLogger, type MemoryLogger } from "../../src/server/logger";

/** A GraphQL response as received over HTTP. */
export interface HttpGraphQLResult {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
    extensions?: Record<string, unknown>;
  };
}

/** An HTTP server on 127.0.0.1 running any schema over the database at `databaseUrl`. */
export interface TestServer {
  readonly http: RunningHttpServer;
  readonly apollo: CatalogueApolloServer;
  readonly database: Database;
  /** Everything the server logged. */
  readonly logger: MemoryLogger;
  /** POSTs a GraphQL request to /graphql. */
  graphql(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<HttpGraphQLResult>;
  /** GETs a path of the server. */
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  stop(): Promise<void>;
}

/** Options of {@link startTestServer}. */
export interface TestServerOptions {
  schema: GraphQLSchema;
  /** Defaults to the run's test database. */
  databaseUrl?: string;
  /** INOVASI_CONNECT_TIMEOUT_MS for the server's pool. Default 1000. */
  connectTimeoutMs?: number;
  exposeStats?: boolean;
  limits?: Partial<QueryLimits>;
  maxBodyBytes?: number;
}

/**
 * Starts a server the way start.ts does (config → openDatabase → createApolloServer →
 * startHttpServer), but on any schema and without migrating or seeding: the run's database is
 * already prepared by global-setup.ts.
 */
export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  const config = loadConfig({
    DATABASE_URL: options.databaseUrl ?? inject("databaseUrl"),
    INOVASI_CONNECT_TIMEOUT_MS: String(options.connectTimeoutMs ?? 1_000),
    LOG_LEVEL: "silent",
  });
  // The embedded test database is one PGlite session; one connection is also what production uses there.
  const database = await openDatabase(config, { poolSize: inject("databaseMode") === "embedded" ? 1 : 4 });
  const logger = createMemoryLogger();
  const apollo = createApolloServer(options.schema, { logger, exposeStats: options.exposeStats, limits: options.limits });
  const http = await startHttpServer({
    apollo,
    dataSource: database.dataSource,
    port: 0,
    host: "127.0.0.1",
    logger,
    maxBodyBytes: options.maxBodyBytes,
    shutdownGraceMs: 1_000,
  });
  return {
    http,
    apollo,
    database,
    logger,
    async graphql(query, variables, headers = {}) {
      const response = await fetch(http.graphqlUrl, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as HttpGraphQLResult["body"] };
    },
    get(path, headers = {}) {
      return fetch(`${http.url}${path}`, { headers });
    },
    async stop() {
      try {
        await http.stop();
      } finally {
        await database.close();
      }
    },
  };
}

const PROBE_SDL = /* GraphQL */ `
  type Query {
    "Runs SELECT 1 on the request's DataSource."
    dbPing: Int!
    "Runs pg_sleep on the request's DataSource, then answers 1."
    dbSleep(ms: Int!): Int!
    "Throws an internal error whose message must never reach the client."
    boom: String
    "Throws a NOT_FOUND business error."
    missing: String
    "Throws a BAD_USER_INPUT business error."
    invalid: String
    "A synthetic page of innovations; no database."
    innovations(first: Int, after: String): InnovationConnection!
  }
  type InnovationConnection {
    totalCount: Int!
    pageInfo: PageInfo!
    nodes: [Innovation!]!
  }
  type PageInfo {
    hasNextPage: Boolean!
    endCursor: String
  }
  type Innovation {
    id: ID!
    name: String!
    acronym: String
    expansion: String
    summary: String
    sector: String
    digital: Boolean
    launchYear: Int
    status: Status
    institution: Institution!
    region: Region!
    awards: [Award!]!
    replications(first: Int): InnovationConnection!
  }
  type Status {
    value: String!
    asOf: String
  }
  type Institution {
    id: ID!
    name: String!
    kind: String!
    region: Region
  }
  type Region {
    code: String!
    name: String!
    kind: String!
    parent: Region
  }
  type Award {
    tier: Tier!
    group: String
    decreeNumber: String
    edition: Edition!
  }
  type Tier {
    label: String!
  }
  type Edition {
    year: Int!
    theme: String
    competition: Competition!
  }
  type Competition {
    name: String!
    level: String!
  }
`;

/** A secret that the `boom` resolver puts in its error, so tests can check that it never leaks. */
export const PROBE_SECRET = "probe-secret-7f3a";

const region = { code: "33.74", name: "Kota Semarang", kind: "city", parent: { code: "33", name: "Jawa Tengah", kind: "province", parent: null } };

function innovation(i: number) {
  return {
    id: String(i),
    name: `Inovasi ${i}`,
    acronym: null,
    expansion: null,
    summary: "…",
    sector: "health",
    digital: true,
    launchYear: 2020,
    status: { value: "CONTINUING", asOf: "2024-01-01" },
    institution: { id: "1", name: "Pemerintah Kota Semarang", kind: "city_government", region },
    region,
    awards: [{ tier: { label: "Top 45" }, group: "Umum", decreeNumber: null, edition: { year: 2021, theme: null, competition: { name: "KIPP", level: "national" } } }],
    replications: () => page(0),
  };
}

function page(size: number) {
  return {
    totalCount: size,
    pageInfo: { hasNextPage: false, endCursor: null },
    nodes: Array.from({ length: size }, (_, i) => innovation(i + 1)),
  };
}

const probeResolvers: Record<string, GraphQLFieldResolver<unknown, RequestContext, Record<string, unknown>>> = {
  async dbPing(_root, _args, context) {
    const rows: { one: number }[] = await context.dataSource.query("SELECT 1 AS one");
    return rows[0].one;
  },
  async dbSleep(_root, args, context) {
    await context.dataSource.query("SELECT pg_sleep($1::float / 1000)", [args.ms]);
    return 1;
  },
  boom() {
    throw new Error(`resolver exploded: ${PROBE_SECRET}`);
  },
  missing() {
    throw new GraphQLError("No innovation with that id", { extensions: { code: "NOT_FOUND" } });
  },
  invalid() {
    throw new GraphQLError("`first` must be between 1 and 100", { extensions: { code: "BAD_USER_INPUT" } });
  },
  innovations(_root, args) {
    return page(Math.min(Number(args.first ?? 10), 100));
  },
};

/**
 * A small schema independent of the catalogue's: database probes, error probes, and a recursive
 * innovation graph shaped like the catalogue (for the query limits).
 */
export function buildProbeSchema(): GraphQLSchema {
  const schema = buildSchema(PROBE_SDL);
  const fields = schema.getQueryType()!.getFields();
  for (const [name, resolve] of Object.entries(probeResolvers)) fields[name].resolve = resolve;
  return schema;
}
