/**
 * A cache of anonymous read answers, kept correct by the catalogue version.
 *
 * Every transaction that changes a table the API reads raises `catalogue_version.version` (triggers,
 * migration 1763940000000), whoever writes: a publisher's mutation, `inovasi import`, the seed, the
 * search index, or SQL typed by hand. An anonymous query first reads the version (one statement, which
 * never waits for a writer), then looks its answer up under that version. An answer is stored under the
 * version read before it was computed; its data is at least that new, and once a change commits every
 * later request reads the new version and misses. So no answer is served after a change it predates
 * has committed. The first request that sees a new version drops every older answer.
 *
 * Not cached: mutations, requests with an `Authorization` header, debug requests (`x-inovasi-debug`,
 * which report their own SQL statements), answers with errors, and answers that used a search engine
 * other than Postgres (Meilisearch follows the catalogue through the outbox, after the commit, so its
 * answers are not tied to the version).
 */
import { createHash } from "node:crypto";
import type { ApolloServerPlugin } from "@apollo/server";
import type { FormattedExecutionResult } from "graphql";
import { LRUCache } from "lru-cache";
import type { DataSource } from "typeorm";
import type { RequestContext } from "../resolvers/context";
import { currentRequestScope } from "./request-scope";

/** Counters, for /health-style reporting and tests. */
export interface ResponseCacheStats {
  hits: number;
  misses: number;
  stores: number;
}

/** The answers, by catalogue version and request; bounded by the size of their JSON. */
export class ResponseCache {
  private readonly entries: LRUCache<string, FormattedExecutionResult>;
  private version: string | null = null;
  readonly stats: ResponseCacheStats = { hits: 0, misses: 0, stores: 0 };

  constructor(readonly maxBytes: number) {
    if (!Number.isInteger(maxBytes) || maxBytes < 1) throw new RangeError(`The response cache needs a positive size in bytes, got ${maxBytes}`);
    // JSON text is a fair measure of what an answer holds; twice its length as UTF-16 in memory.
    this.entries = new LRUCache({ maxSize: maxBytes, sizeCalculation: (value) => Math.max(1, 2 * JSON.stringify(value).length) });
  }

  /** The committed catalogue version, read now. */
  async currentVersion(dataSource: DataSource): Promise<string> {
    const rows: { version: string }[] = await dataSource.query(`SELECT version::text AS version FROM catalogue_version`);
    if (rows.length !== 1) throw new Error("catalogue_version must hold exactly one row; run the migrations");
    return rows[0].version;
  }

  /** The answer stored for this request at this version, if any. */
  get(version: string, key: string): FormattedExecutionResult | undefined {
    this.observe(version);
    const found = this.entries.get(key);
    if (found) this.stats.hits++;
    else this.stats.misses++;
    return found;
  }

  /** Stores an answer computed after reading `version`; ignored if a newer version has been seen since. */
  set(version: string, key: string, result: FormattedExecutionResult): void {
    if (BigInt(version) < BigInt(this.version ?? version)) return;
    this.observe(version);
    this.entries.set(key, result);
    this.stats.stores++;
  }

  private observe(version: string): void {
    if (this.version === version) return;
    if (this.version === null || BigInt(version) > BigInt(this.version)) {
      this.entries.clear();
      this.version = version;
    }
  }
}

/** The cache key of a request: its document (Apollo's hash of the query text), operation and variables. */
function keyOf(queryHash: string, operationName: string | null | undefined, variables: Record<string, unknown> | undefined): string {
  return createHash("sha256")
    .update(queryHash)
    .update("\0")
    .update(operationName ?? "")
    .update("\0")
    .update(JSON.stringify(variables ?? {}))
    .digest("base64url");
}

/** Answers anonymous queries from the cache, and stores their answers; sets `x-inovasi-cache: hit|miss`. */
export function responseCachePlugin(cache: ResponseCache): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let version: string | null = null;
      let key: string | null = null;
      let hit = false;
      return {
        async responseForOperation(request) {
          if (request.operation.operation !== "query" || !request.contextValue.anonymous || currentRequestScope()?.debug) return null;
          version = await cache.currentVersion(request.contextValue.dataSource);
          key = keyOf(request.queryHash ?? request.source ?? "", request.operationName, request.request.variables);
          const cached = cache.get(version, key);
          request.response.http.headers.set("x-inovasi-cache", cached ? "hit" : "miss");
          if (!cached) return null;
          hit = true;
          // A copy: other plugins may set `extensions` on the answer they are given.
          return { http: request.response.http, body: { kind: "single", singleResult: { ...cached } } };
        },
        async willSendResponse({ response, contextValue }) {
          if (hit || version === null || key === null || response.body.kind !== "single") return;
          const result = response.body.singleResult;
          if (result.errors && result.errors.length > 0) return;
          const search = contextValue.search.report();
          if (search && (search.engine !== "postgres" || search.fallbackFrom)) return;
          cache.set(version, key, { ...result });
        },
      };
    },
  };
}
