import net from "node:net";
import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchError,
  MeilisearchRequestError,
  MeilisearchTaskTimeOutError,
} from "meilisearch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SearchUnavailableError } from "../../src/search/search-backend";
import { MeilisearchRejectedError, toMeilisearchFailure, unavailableReason } from "../../src/search/meilisearch/errors";
import { closedPort } from "../helpers/closed-port";


/** The client's own error for an HTTP answer with this status and body. */
function apiError(status: number, body?: { code: string; message: string }): MeilisearchApiError {
  return new MeilisearchApiError(
    new Response(null, { status, statusText: status >= 500 ? "Service Unavailable" : "Bad Request" }),
    body && { ...body, type: status >= 500 ? "internal" : "invalid_request", link: `https://docs.meilisearch.com/errors#${body.code}` },
  );
}

describe("Meilisearch errors", () => {
  let silent: net.Server;
  let silentPort: number;
  const sockets = new Set<net.Socket>();
  beforeAll(async () => {
    // Accepts connections and never answers: a hung server, to reach the client's request timeout.
    silent = net.createServer((socket) => sockets.add(socket)).listen(0, "127.0.0.1");
    await new Promise((resolve) => silent.once("listening", resolve));
    silentPort = (silent.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it("reads a refused connection to a real closed port as unavailable", async () => {
    const port = await closedPort();
    const host = `http://127.0.0.1:${port}`;
    const error = await new Meilisearch({ host, apiKey: "key", timeout: 1_000 }).index("innovations").search("x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MeilisearchRequestError);
    const failure = toMeilisearchFailure(error, host);
    expect(failure).toBeInstanceOf(SearchUnavailableError);
    expect((failure as SearchUnavailableError).engine).toBe("meilisearch");
    expect(failure.message).toBe(`Meilisearch at ${host} is unavailable: unreachable (connect ECONNREFUSED 127.0.0.1:${port})`);
    expect(failure.cause).toBe(error);
  });

  it("reads a server that does not answer in time as unavailable", async () => {
    const host = `http://127.0.0.1:${silentPort}`;
    const error = await new Meilisearch({ host, apiKey: "key", timeout: 200 }).index("innovations").search("x").catch((e: unknown) => e);
    const failure = toMeilisearchFailure(error, host);
    expect(failure).toBeInstanceOf(SearchUnavailableError);
    expect(failure.message).toBe(`Meilisearch at ${host} is unavailable: no answer within 200 ms`);
  });

  it("reads overload, server errors, refused keys and a missing index as unavailable", () => {
    expect(unavailableReason(apiError(503))).toBe("HTTP 503: 503: Service Unavailable");
    expect(unavailableReason(apiError(500, { code: "internal", message: "boom" }))).toBe("HTTP 500 internal: boom");
    expect(unavailableReason(apiError(429))).toMatch(/^HTTP 429/);
    expect(unavailableReason(apiError(403, { code: "invalid_api_key", message: "The provided API key is invalid." }))).toBe(
      "invalid_api_key: The provided API key is invalid.",
    );
    expect(unavailableReason(apiError(401, { code: "missing_authorization_header", message: "No key" }))).toMatch(/^missing_authorization_header/);
    expect(unavailableReason(apiError(404, { code: "index_not_found", message: "Index `innovations` not found." }))).toMatch(/^index_not_found/);
    expect(unavailableReason(new MeilisearchTaskTimeOutError(42, 5_000))).toBe("task 42 not finished within 5000 ms");
    expect(unavailableReason(new SyntaxError("Unexpected token <"))).toBe("unreadable answer (Unexpected token <)");
  });

  it("reads a refused request as a typed rejection carrying Meilisearch's code", () => {
    const error = apiError(400, { code: "invalid_search_filter", message: "Attribute `x` is not filterable." });
    expect(unavailableReason(error)).toBeNull();
    const failure = toMeilisearchFailure(error, "http://meili:7700");
    expect(failure).toBeInstanceOf(MeilisearchRejectedError);
    expect(failure).toMatchObject({ code: "invalid_search_filter", httpStatus: 400, message: "Meilisearch refused the request: Attribute `x` is not filterable." });
    expect(toMeilisearchFailure(new MeilisearchError("The provided host is not valid"), "x")).toMatchObject({ name: "MeilisearchRejectedError", code: "client" });
  });

  it("passes through errors that did not come from Meilisearch", () => {
    const bug = new TypeError("cannot read properties of undefined");
    expect(toMeilisearchFailure(bug, "x")).toBe(bug);
    expect(toMeilisearchFailure("text", "x")).toEqual(new Error("text"));
  });
});
