/**
 * Picks the search engine and falls back when it cannot answer. One {@link SearchService} serves a
 * whole server: Meilisearch when configured (MEILI_HOST, MEILI_API_KEY), with the Postgres engine as
 * the fallback; the Postgres engine alone otherwise. Every request gets a {@link SearchSession} that
 * records which engine answered, for the response's `extensions.search`.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import type { DataSource } from "typeorm";
import type { Config } from "../config";
import { MeilisearchSearchBackend } from "./meilisearch-search-backend";
import { PostgresSearchBackend } from "./postgres-search-backend";
import { SearchUnavailableError, type SearchBackend, type SearchEngineName, type SearchRequest, type SearchResult } from "./search-backend";

/**
 * Builds an external engine's backend from the configuration, or returns null when that engine is not
 * configured. Engines are tried in the order of {@link EXTERNAL_ENGINES}; the first configured one is
 * primary, with the Postgres engine as its fallback.
 */
export type ExternalEngineFactory = (config: Config) => SearchBackend | null;

/**
 * External engines. The Meilisearch engine registers itself here with one entry:
 * `(config) => (config.meili ? new MeilisearchSearchBackend(config.meili) : null)`.
 */
export const EXTERNAL_ENGINES: readonly ExternalEngineFactory[] = [
  (config) => (config.meili ? new MeilisearchSearchBackend(config.meili) : null),
];

/** How a search was answered: by which engine, and whether it had to fall back. */
export interface SearchReport {
  readonly engine: SearchEngineName;
  /** The engine that failed, when the answer came from the fallback. */
  readonly fallbackFrom?: SearchEngineName;
  /** Why the fallback was needed. */
  readonly reason?: string;
}

/** The primary engine, and the Postgres fallback when the primary is another engine. */
export class SearchService {
  constructor(
    readonly primary: SearchBackend,
    readonly fallback: SearchBackend | null = null,
    private readonly onFallback: (report: SearchReport, error: SearchUnavailableError) => void = () => {},
  ) {}

  /**
   * Searches the primary engine; when it throws {@link SearchUnavailableError} and there is a
   * fallback, searches the fallback and reports it. Any other error propagates (a bug, or the
   * catalogue database being down, which the server reports as such).
   */
  async search(request: SearchRequest): Promise<{ result: SearchResult; report: SearchReport }> {
    try {
      const result = await this.primary.search(request);
      return { result, report: { engine: result.engine } };
    } catch (error) {
      if (!(error instanceof SearchUnavailableError) || !this.fallback) throw error;
      const result = await this.fallback.search(request);
      const report: SearchReport = { engine: result.engine, fallbackFrom: this.primary.engine, reason: error.message };
      this.onFallback(report, error);
      return { result, report };
    }
  }

  /** A per-request view of the service that remembers how each search was answered. */
  session(): SearchSession {
    return new SearchSession(this);
  }
}

/** The search service as one request sees it. */
export class SearchSession {
  private readonly made: SearchReport[] = [];

  constructor(private readonly service: SearchService) {}

  async search(request: SearchRequest): Promise<SearchResult> {
    const { result, report } = await this.service.search(request);
    this.made.push(report);
    return result;
  }

  /** What goes into the response's `extensions.search`: the engine that answered and, if any search fell back, from what and why. Null when the request made no search. */
  report(): SearchReport | null {
    if (this.made.length === 0) return null;
    return this.made.find((r) => r.fallbackFrom) ?? this.made[this.made.length - 1];
  }
}

/**
 * The search service for a server: the first configured external engine with the Postgres engine
 * as fallback, or the Postgres engine alone.
 */
export function createSearchService(
  config: Config,
  dataSource: DataSource,
  onFallback?: (report: SearchReport, error: SearchUnavailableError) => void,
): SearchService {
  const postgres = new PostgresSearchBackend(dataSource);
  for (const factory of EXTERNAL_ENGINES) {
    const engine = factory(config);
    if (engine) return new SearchService(engine, postgres, onFallback);
  }
  return new SearchService(postgres);
}

const services = new WeakMap<DataSource, SearchService>();

/** Makes `service` the search service of every request on `dataSource` (called once per server by start.ts). */
export function installSearchService(dataSource: DataSource, service: SearchService): void {
  services.set(dataSource, service);
}

/** The search service installed for `dataSource`, or a Postgres-only one created on first use. */
export function searchServiceFor(dataSource: DataSource): SearchService {
  let service = services.get(dataSource);
  if (!service) {
    service = new SearchService(new PostgresSearchBackend(dataSource));
    services.set(dataSource, service);
  }
  return service;
}

/**
 * Adds `extensions.search` (see {@link SearchSession.report}) to the response of every request that
 * searched, so a client can see which engine answered and whether search fell back.
 */
export function searchReportPlugin<Context extends { readonly search: SearchSession }>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const report = contextValue.search.report();
          if (!report || response.body.kind !== "single") return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, search: report };
        },
      };
    },
  };
}
