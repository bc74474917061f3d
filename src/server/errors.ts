import { randomUUID } from "node:crypto";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { Logger } from "./logger";
import { currentRequestScope } from "./request-scope";

/**
 * The `extensions.code` values a client may see. Errors carrying one of the public codes reach the
 * client as thrown; every other error is masked as `INTERNAL_SERVER_ERROR` or, when the database
 * could not be reached, `DATABASE_UNAVAILABLE`.
 *
 * - `BAD_USER_INPUT`, `NOT_FOUND`, `FORBIDDEN`: business errors thrown by resolvers; `FORBIDDEN` also
 *   when a publisher writes outside its scope (src/publishing/scope.ts).
 * - `UNAUTHENTICATED`: a mutation without a valid API key (missing, malformed, unknown or revoked).
 * - `GRAPHQL_PARSE_FAILED`: the document does not parse, including documents over the token limit.
 * - `GRAPHQL_VALIDATION_FAILED`: the document is invalid against the schema, including every query
 *   rejected by the depth, alias, directive and cost limits (see limits.ts); HTTP 400.
 * - `BAD_REQUEST`, `OPERATION_RESOLUTION_FAILURE`, `PERSISTED_QUERY_*`: malformed HTTP requests (Apollo).
 * - `PAYLOAD_TOO_LARGE`: the request body is over the size limit; HTTP 413 (http.ts).
 * - `SEARCH_UNAVAILABLE`: the search engine could not answer.
 * - `DATABASE_UNAVAILABLE`: the catalogue database could not be reached; retrying later may help.
 * - `INTERNAL_SERVER_ERROR`: anything else; the message names the request id to find in the logs.
 */
export const ErrorCode = {
  BAD_USER_INPUT: "BAD_USER_INPUT",
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  GRAPHQL_PARSE_FAILED: "GRAPHQL_PARSE_FAILED",
  GRAPHQL_VALIDATION_FAILED: "GRAPHQL_VALIDATION_FAILED",
  BAD_REQUEST: "BAD_REQUEST",
  OPERATION_RESOLUTION_FAILURE: "OPERATION_RESOLUTION_FAILURE",
  PERSISTED_QUERY_NOT_FOUND: "PERSISTED_QUERY_NOT_FOUND",
  PERSISTED_QUERY_NOT_SUPPORTED: "PERSISTED_QUERY_NOT_SUPPORTED",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  SEARCH_UNAVAILABLE: "SEARCH_UNAVAILABLE",
  DATABASE_UNAVAILABLE: "DATABASE_UNAVAILABLE",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;

/** One of the {@link ErrorCode} values. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes whose errors are meant for the client and are passed through unchanged. */
export const PUBLIC_ERROR_CODES: ReadonlySet<string> = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.NOT_FOUND,
  ErrorCode.FORBIDDEN,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.GRAPHQL_PARSE_FAILED,
  ErrorCode.GRAPHQL_VALIDATION_FAILED,
  ErrorCode.BAD_REQUEST,
  ErrorCode.OPERATION_RESOLUTION_FAILURE,
  ErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
  ErrorCode.PAYLOAD_TOO_LARGE,
  ErrorCode.SEARCH_UNAVAILABLE,
  ErrorCode.DATABASE_UNAVAILABLE,
]);

// Socket-level failures reported by node:net while reaching the database.
const NETWORK_ERROR_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

// SQLSTATEs meaning "the server cannot serve you now": admin/crash shutdown, starting up, too many
// connections. Class 08 (connection exception) is matched by prefix.
const UNAVAILABLE_SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);

// Messages of node-postgres and pg-pool, which raise plain Errors without a code for these cases.
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /client has encountered a connection error/i,
  /client was closed and is not queryable/i,
  /cannot use a pool after calling end/i,
  /query read timeout/i,
];

// TypeORM raises these when the DataSource is not (or no longer) connected.
const UNAVAILABLE_ERROR_NAMES = new Set(["ConnectionIsNotSetError", "CannotExecuteNotConnectedError"]);

/** Every error in the chain below `error`: GraphQL `originalError`, `cause`, TypeORM `driverError`, AggregateError members. */
function* errorChain(error: unknown, seen = new Set<unknown>()): Generator<Record<string, unknown>> {
  if (typeof error !== "object" || error === null || seen.has(error)) return;
  seen.add(error);
  const record = error as Record<string, unknown>;
  yield record;
  yield* errorChain(record.originalError, seen);
  yield* errorChain(record.cause, seen);
  yield* errorChain(record.driverError, seen);
  if (Array.isArray(record.errors)) for (const member of record.errors) yield* errorChain(member, seen);
}

/**
 * Whether `error` (or anything it wraps) says the database could not be reached or dropped the
 * connection, as opposed to a failing statement. Such failures are transient: the pool reconnects.
 */
export function isDatabaseUnavailableError(error: unknown): boolean {
  for (const link of errorChain(error)) {
    const code = typeof link.code === "string" ? link.code : "";
    if (NETWORK_ERROR_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
    if (typeof link.name === "string" && UNAVAILABLE_ERROR_NAMES.has(link.name)) return true;
    const message = typeof link.message === "string" ? link.message : "";
    if (UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
  }
  return false;
}

/** The message and code a client sees for an error that must not reveal its internals. */
export function maskedError(error: unknown, requestId: string): { message: string; code: ErrorCode } {
  return isDatabaseUnavailableError(error)
    ? {
        message: `The catalogue database is unavailable; try again shortly (request ${requestId})`,
        code: ErrorCode.DATABASE_UNAVAILABLE,
      }
    : { message: `Internal server error (request ${requestId})`, code: ErrorCode.INTERNAL_SERVER_ERROR };
}

/** The innermost error worth logging: the resolver's own error rather than GraphQL's wrapper. */
function rootCause(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return current;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * Builds Apollo's `formatError`. Errors with a public code pass through. Any other error is replaced
 * by a masked one that quotes the request id (from the request scope), and the original is logged
 * with that id: in full for internal errors, in one line for database outages, which are expected
 * to come in bursts.
 */
export function createFormatError(logger: Logger): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    const code = formatted.extensions?.code;
    if (typeof code === "string" && PUBLIC_ERROR_CODES.has(code)) return formatted;
    const requestId = currentRequestScope()?.requestId ?? randomUUID();
    const masked = maskedError(error, requestId);
    const where = formatted.path ? ` at ${formatted.path.join(".")}` : "";
    const cause = rootCause(error);
    if (masked.code === ErrorCode.DATABASE_UNAVAILABLE) {
      logger.error(`request ${requestId}: database unavailable${where}: ${cause instanceof Error ? cause.message : String(cause)}`);
    } else {
      logger.error(`request ${requestId}: internal error${where}: ${describe(cause)}`);
    }
    return {
      message: masked.message,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: masked.code, requestId },
    };
  };
}
