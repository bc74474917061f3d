/**
 * The Meilisearch engine behind the search API. Used when MEILI_HOST and MEILI_API_KEY are set
 * (registered in search-service.ts), with the Postgres engine as its fallback.
 *
 * Everything it sends and reads is built by pure functions in ./meilisearch: the query text
 * (documents.ts), the filter (filter.ts), the request (search-params.ts), the mapping of the answer
 * (search-result.ts) and its highlights (highlights.ts). The index itself is kept in step by the
 * search outbox (outbox-worker.ts) and rebuilt by `inovasi reindex`.
 */
import type { Meilisearch } from "meilisearch";
import type { MeiliConfig } from "../config";
import { meilisearchQueryText } from "./meilisearch/documents";
import { toMeilisearchFailure } from "./meilisearch/errors";
import { meilisearchHighlighter } from "./meilisearch/highlights";
import { createMeilisearchClient } from "./meilisearch/meilisearch-index";
import { buildSearchParams } from "./meilisearch/search-params";
import { toSearchResult, type MeilisearchHitFields } from "./meilisearch/search-result";
import { SearchUnavailableError, type SearchBackend, type SearchRequest, type SearchResult } from "./search-backend";
import { loadSearchLexicon, type SearchLexicon } from "./text/lexicon";

/**
 * After Meilisearch fails to answer, searches go straight to the fallback for this long instead of
 * each waiting for a connection or a timeout first; then Meilisearch is tried again.
 */
export const UNAVAILABLE_COOLDOWN_MS = 5_000;

/** Searches the Meilisearch index named by the configuration. */
export class MeilisearchSearchBackend implements SearchBackend {
  readonly engine = "meilisearch" as const;
  private readonly client: Meilisearch;
  private readonly lexicon: SearchLexicon;
  private readonly now: () => number;
  private unavailable: { until: number; error: SearchUnavailableError } | null = null;

  constructor(
    private readonly config: MeiliConfig,
    options: { client?: Meilisearch; lexicon?: SearchLexicon; now?: () => number } = {},
  ) {
    this.client = options.client ?? createMeilisearchClient(config);
    this.lexicon = options.lexicon ?? loadSearchLexicon();
    this.now = options.now ?? Date.now;
  }

  /**
   * @throws SearchUnavailableError when Meilisearch cannot answer (the caller falls back)
   * @throws MeilisearchRejectedError when Meilisearch refuses the request (a bug here)
   */
  async search(request: SearchRequest): Promise<SearchResult> {
    const cooling = this.unavailable;
    if (cooling && this.now() < cooling.until) throw cooling.error;
    const params = buildSearchParams(request, meilisearchQueryText(request.query, this.lexicon));
    let response;
    try {
      response = await this.client.index(this.config.index).search<MeilisearchHitFields>(params.q, params);
    } catch (error) {
      const failure = toMeilisearchFailure(error, this.config.host);
      if (failure instanceof SearchUnavailableError) this.unavailable = { until: this.now() + UNAVAILABLE_COOLDOWN_MS, error: failure };
      throw failure;
    }
    this.unavailable = null;
    return toSearchResult(response, request, meilisearchHighlighter(request.query, this.lexicon, response.hits));
  }
}
