import { randomUUID } from "node:crypto";
import {
  ApolloServer,
  type ApolloServerPlugin,
  type GraphQLRequest,
  type GraphQLResponse,
  type HTTPGraphQLRequest,
  type HTTPGraphQLResponse,
} from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import type { GraphQLSchema } from "graphql";
import type { DataSource } from "typeorm";
import { withQueryStats, type QueryStats } from "../db/query-stats";
import { createRequestContext, type RequestContext } from "../resolvers/context";
import { searchReportPlugin } from "../search/search-service";
import { createFormatError } from "./errors";
import { DEFAULT_QUERY_LIMITS, queryLimitOptions, type QueryLimits } from "./limits";
import { createLogger, type Logger } from "./logger";
import { currentRequestScope, runInRequestScope } from "./request-scope";
import { responseCachePlugin, type ResponseCache } from "./response-cache";

/** The Apollo server of the catalogue. Its context is always a fresh {@link RequestContext}. */
export type CatalogueApolloServer = ApolloServer<RequestContext>;

/** Options of {@link createApolloServer}. */
export interface CreateApolloServerOptions {
  /** Where masked errors and Apollo's own messages are logged. Defaults to stderr at info level. */
  logger?: Logger;
  /** Add `extensions.sqlStatements` to every response, not only to requests with `x-inovasi-debug: 1`. */
  exposeStats?: boolean;
  /** Overrides of {@link DEFAULT_QUERY_LIMITS}. */
  limits?: Partial<QueryLimits>;
  /**
   * Answers anonymous queries from this cache while the catalogue version is unchanged (see
   * response-cache.ts). Not used together with `exposeStats`, whose answers report their own statements.
   */
  responseCache?: ResponseCache;
}

/**
 * Creates (but does not start) the Apollo server for any schema: the catalogue's, or a small one in a
 * test. Query shape is bounded (see limits.ts), internal errors are masked (see errors.ts), stack
 * traces never leave the server, and introspection stays on because the catalogue is public.
 *
 * Execute requests through {@link executeHttpGraphQLRequest} or {@link executeOperationWithStats}:
 * they build the per-request context and count the SQL statements of the request.
 */
export function createApolloServer(schema: GraphQLSchema, options: CreateApolloServerOptions = {}): CatalogueApolloServer {
  const logger = options.logger ?? createLogger("info");
  const limits = queryLimitOptions({ ...DEFAULT_QUERY_LIMITS, ...options.limits });
  return new ApolloServer<RequestContext>({
    schema,
    logger,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // Signals are handled by the process owner (start.ts / the CLI), which must also close the database.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    formatError: createFormatError(logger),
    // Compact JSON: Apollo's default indents every response, which makes large lists half as big again
    // and costs the time to write them.
    stringifyResult: (value) => JSON.stringify(value),
    plugins: [
      ...(limits.plugins as ApolloServerPlugin<RequestContext>[]),
      statementCountPlugin(options.exposeStats ?? false),
      ...(options.responseCache && !options.exposeStats ? [responseCachePlugin(options.responseCache)] : []),
      searchReportPlugin(),
      // The catalogue sets no cache hints; Apollo's default cache-control plugin would still wrap every
      // field resolver to collect them, which cost about a tenth of a list query's time (bench/RESULTS.md).
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
}

/** Reports the request's SQL statement count in `extensions.sqlStatements` when asked to. */
function statementCountPlugin(always: boolean): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (!always && !currentRequestScope()?.debug) return;
          if (response.body.kind !== "single") return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, sqlStatements: contextValue.queryStats.statements };
        },
      };
    },
  };
}

/** Per-request settings chosen by the transport. */
export interface RequestOptions {
  /** Defaults to a random UUID. */
  requestId?: string;
  /** Include debugging extensions in the response (the `x-inovasi-debug: 1` header). */
  debug?: boolean;
  /** Keep the text of every SQL statement in `context.queryStats.sql` (tests). */
  keepSql?: boolean;
  /** The request's `Authorization` header (`Bearer <API key>`), for mutations; HTTP requests carry their own. */
  authorization?: string | null;
}

function newStats(keepSql: boolean | undefined): QueryStats {
  return keepSql ? { statements: 0, sql: [] } : { statements: 0 };
}

/**
 * Answers one HTTP GraphQL request: runs Apollo inside the request scope and a fresh statement
 * counter (both async-context based, which is why this wraps the whole call rather than living in a
 * plugin), with a fresh {@link RequestContext}.
 */
export function executeHttpGraphQLRequest(
  server: CatalogueApolloServer,
  dataSource: DataSource,
  httpGraphQLRequest: HTTPGraphQLRequest,
  options: RequestOptions = {},
): Promise<HTTPGraphQLResponse> {
  const requestId = options.requestId ?? randomUUID();
  const queryStats = newStats(options.keepSql);
  return runInRequestScope({ requestId, debug: options.debug ?? false }, () =>
    withQueryStats(queryStats, () =>
      server.executeHTTPGraphQLRequest({
        httpGraphQLRequest,
        context: async () =>
          createRequestContext(dataSource, {
            requestId,
            queryStats,
            authorization: options.authorization ?? httpGraphQLRequest.headers.get("authorization"),
          }),
      }),
    ),
  );
}

/** What {@link executeOperationWithStats} returns: Apollo's response and the context it ran with. */
export interface OperationOutcome {
  readonly response: GraphQLResponse;
  /** The request's context; `context.queryStats.statements` is the number of SQL statements it issued. */
  readonly context: RequestContext;
}

/**
 * Runs one operation through `server.executeOperation` the way an HTTP request runs: a fresh
 * context, the request scope (for masked error ids) and SQL statement counting. For tests.
 */
export async function executeOperationWithStats(
  server: CatalogueApolloServer,
  dataSource: DataSource,
  request: GraphQLRequest,
  options: RequestOptions = {},
): Promise<OperationOutcome> {
  const requestId = options.requestId ?? randomUUID();
  const context = createRequestContext(dataSource, {
    requestId,
    queryStats: newStats(options.keepSql),
    authorization: options.authorization,
  });
  const response = await runInRequestScope({ requestId, debug: options.debug ?? false }, () =>
    withQueryStats(context.queryStats, () => server.executeOperation(request, { contextValue: context })),
  );
  return { response, context };
}
