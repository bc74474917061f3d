/**
 * How the Meilisearch client's errors are read. Two kinds matter to callers:
 * - the engine cannot answer now (unreachable, timed out, overloaded, the key is refused, the index is
 *   missing): search falls back to Postgres ({@link SearchUnavailableError}) and the outbox retries;
 * - the engine refused the request itself (a malformed filter or setting): that is a bug on our side,
 *   reported as a {@link MeilisearchRejectedError} with Meilisearch's error code, never papered over.
 */
import {
  MeilisearchApiError,
  MeilisearchError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  MeilisearchTaskTimeOutError,
} from "meilisearch";
import { SearchUnavailableError } from "../search-backend";

/** Meilisearch answered, and refused the request (HTTP 4xx other than auth and missing index). */
export class MeilisearchRejectedError extends Error {
  constructor(
    /** Meilisearch's error code, e.g. `invalid_search_filter`; `unknown` when the body had none. */
    readonly code: string,
    readonly httpStatus: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "MeilisearchRejectedError";
  }
}

/** A Meilisearch task that finished as failed or canceled (documents, settings, swap). */
export class MeilisearchTaskFailedError extends Error {
  constructor(
    readonly taskUid: number,
    readonly status: string,
    /** Meilisearch's error code for the task, when it gave one. */
    readonly code: string | null,
    message: string,
  ) {
    super(message);
    this.name = "MeilisearchTaskFailedError";
  }
}

/** Error codes that mean "not usable now", although Meilisearch did answer. */
const UNAVAILABLE_CODES = new Set(["index_not_found", "invalid_api_key", "missing_authorization_header"]);

/** Why Meilisearch could not answer, or null when the error is not of that kind. */
export function unavailableReason(error: unknown): string | null {
  if (error instanceof MeilisearchRequestError) {
    const cause = error.cause;
    if (cause instanceof MeilisearchRequestTimeOutError) return `no answer within ${cause.cause.timeout} ms`;
    return `unreachable (${describeNetworkCause(cause)})`;
  }
  if (error instanceof MeilisearchTaskTimeOutError) {
    return `task ${error.cause.taskUid} not finished within ${error.cause.timeout} ms`;
  }
  if (error instanceof MeilisearchApiError) {
    const status = error.response.status;
    const code = error.cause?.code;
    if (status >= 500 || status === 429) return `HTTP ${status}${code ? ` ${code}` : ""}: ${error.message}`;
    if (status === 401 || status === 403 || (code !== undefined && UNAVAILABLE_CODES.has(code))) {
      return `${code ?? `HTTP ${status}`}: ${error.message}`;
    }
    return null;
  }
  // A body that is not JSON (a proxy's HTML error page) surfaces as a SyntaxError from the client.
  if (error instanceof SyntaxError) return `unreadable answer (${error.message})`;
  return null;
}

/** The innermost network error's code and message, e.g. "ECONNREFUSED 127.0.0.1:7700". */
function describeNetworkCause(cause: unknown): string {
  let current: unknown = cause;
  for (let depth = 0; depth < 5 && current instanceof Error && current.cause !== undefined; depth++) current = current.cause;
  if (current && typeof current === "object") {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof message === "string" && message !== "") return message;
    if (typeof code === "string") return code;
  }
  return cause instanceof Error ? cause.message : String(cause);
}

/**
 * The error a caller of the engine should see for `error`: {@link SearchUnavailableError} when
 * Meilisearch cannot answer, {@link MeilisearchRejectedError} when it refused the request, and
 * `error` itself for anything that did not come from Meilisearch.
 */
export function toMeilisearchFailure(error: unknown, host: string): Error {
  const reason = unavailableReason(error);
  if (reason !== null) return new SearchUnavailableError("meilisearch", `Meilisearch at ${host} is unavailable: ${reason}`, { cause: error });
  if (error instanceof MeilisearchApiError) {
    return new MeilisearchRejectedError(error.cause?.code ?? "unknown", error.response.status, `Meilisearch refused the request: ${error.message}`, {
      cause: error,
    });
  }
  if (error instanceof MeilisearchError) return new MeilisearchRejectedError("client", 0, error.message, { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}
