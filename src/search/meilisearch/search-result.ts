/**
 * Maps a Meilisearch search response onto the engine-neutral {@link SearchResult}. Pure; the tests
 * feed it responses shaped by the client's own `SearchResponse` type.
 */
import type { Hit, SearchResponse } from "meilisearch";
import type { SearchFacetBucket, SearchHighlights, SearchHit, SearchRequest, SearchResult } from "../search-backend";
import { SEARCH_FACETS, type SearchFacetName } from "../search-fields";

/** What a hit carries back (see `RETRIEVED_ATTRIBUTES`). */
export interface MeilisearchHitFields {
  readonly innovationId: number;
  readonly name: string;
  readonly summary: string | null;
  readonly narrative: string | null;
}

/** The part of a response the mapping reads; both pagination shapes are accepted. */
export type MeilisearchSearchResponse = Pick<
  SearchResponse<MeilisearchHitFields>,
  "hits" | "facetDistribution" | "totalHits" | "estimatedTotalHits"
>;

/** A response that does not have the shape the index was built for (wrong index, or a version change). */
export class MeilisearchResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MeilisearchResponseError";
  }
}

function snippet(formatted: unknown, raw: unknown): string | null {
  const text = typeof formatted === "string" ? formatted : typeof raw === "string" ? raw : null;
  return text !== null && text.trim() !== "" ? text : null;
}

function toHit(hit: Hit<MeilisearchHitFields>, browsing: boolean): SearchHit {
  if (!Number.isSafeInteger(hit.innovationId)) {
    throw new MeilisearchResponseError(`A Meilisearch hit has no integer innovationId: ${JSON.stringify(hit).slice(0, 200)}`);
  }
  const formatted = hit._formatted ?? {};
  const highlights: SearchHighlights = {
    name: snippet(formatted.name, hit.name),
    summary: snippet(formatted.summary, hit.summary),
    narrative: snippet(formatted.narrative, hit.narrative),
  };
  return { innovationId: hit.innovationId, score: browsing ? 0 : (hit._rankingScore ?? 0), highlights };
}

/** Buckets by count desc, then value asc, as the contract orders them. */
function toBuckets(distribution: Readonly<Record<string, number>> | undefined): SearchFacetBucket[] {
  return Object.entries(distribution ?? {})
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

/**
 * The result for `request` from Meilisearch's `response`. Scores are Meilisearch's ranking scores
 * (0–1), and 0 when browsing; `totalCount` is `totalHits` when Meilisearch counted exhaustively (page
 * mode) and `estimatedTotalHits` otherwise. Every requested facet is present, empty when nothing has
 * a value for it.
 */
export function toSearchResult(response: MeilisearchSearchResponse, request: SearchRequest): SearchResult {
  const browsing = request.query.trim() === "";
  const facets: Partial<Record<SearchFacetName, readonly SearchFacetBucket[]>> = {};
  for (const name of request.facets) facets[name] = toBuckets(response.facetDistribution?.[SEARCH_FACETS[name]]);
  return {
    engine: "meilisearch",
    hits: response.hits.map((hit) => toHit(hit, browsing)),
    totalCount: response.totalHits ?? response.estimatedTotalHits ?? response.hits.length,
    facets,
  };
}
