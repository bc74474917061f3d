/**
 * Maps a Meilisearch search response onto the engine-neutral {@link SearchResult}. Pure; the tests
 * feed it responses shaped by the client's own `SearchResponse` type.
 */
import type { Hit, SearchResponse } from "meilisearch";
import {
  compareFacetBuckets,
  type SearchFacetBucket,
  type SearchHighlights,
  type SearchHit,
  type SearchRequest,
  type SearchResult,
} from "../search-backend";
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

function checkHit(hit: Hit<MeilisearchHitFields>): Hit<MeilisearchHitFields> {
  if (!Number.isSafeInteger(hit.innovationId) || typeof hit.name !== "string") {
    throw new MeilisearchResponseError(`A Meilisearch hit is not an innovation document: ${JSON.stringify(hit).slice(0, 200)}`);
  }
  return hit;
}

function toBuckets(distribution: Readonly<Record<string, number>> | undefined): SearchFacetBucket[] {
  return Object.entries(distribution ?? {})
    .map(([value, count]) => ({ value, count }))
    .sort(compareFacetBuckets);
}

/**
 * The result for `request` from Meilisearch's `response`. Scores are Meilisearch's ranking scores
 * (0–1), and 0 when browsing; `highlight` makes each hit's highlights from its text (highlights.ts);
 * `totalCount` is `totalHits` when Meilisearch counted exhaustively (page mode) and
 * `estimatedTotalHits` otherwise. Every requested facet is present, empty when nothing has a value for
 * it, with buckets in the contract's order.
 *
 * @throws MeilisearchResponseError when a hit is not one of our documents
 */
export function toSearchResult(
  response: MeilisearchSearchResponse,
  request: SearchRequest,
  highlight: (hit: MeilisearchHitFields) => SearchHighlights,
): SearchResult {
  const browsing = request.query.trim() === "";
  const facets: Partial<Record<SearchFacetName, readonly SearchFacetBucket[]>> = {};
  for (const name of request.facets) facets[name] = toBuckets(response.facetDistribution?.[SEARCH_FACETS[name]]);
  return {
    engine: "meilisearch",
    hits: response.hits.map(checkHit).map(
      (hit): SearchHit => ({ innovationId: hit.innovationId, score: browsing ? 0 : (hit._rankingScore ?? 0), highlights: highlight(hit) }),
    ),
    totalCount: response.totalHits ?? response.estimatedTotalHits ?? response.hits.length,
    facets,
  };
}
