/**
 * The Meilisearch search request for a {@link SearchRequest}: pure, so every parameter is unit-tested
 * without a server.
 */
import type { SearchParams } from "meilisearch";
import type { SearchRequest } from "../search-backend";
import { HIGHLIGHT_ATTRIBUTES, SEARCH_FACETS, SEARCH_SORTS, type SearchDocumentAttribute } from "../search-fields";
import { buildMeilisearchFilter } from "./filter";

/**
 * Attributes a hit carries back: the key, and the text highlights are made from (highlights.ts makes
 * them, so Meilisearch's own highlighting and cropping are not asked for).
 */
export const RETRIEVED_ATTRIBUTES: readonly SearchDocumentAttribute[] = ["innovationId", ...HIGHLIGHT_ATTRIBUTES];

/**
 * Builds the request body for `index.search`. `q` is the query text as the index should see it
 * (see `meilisearchQueryText` in documents.ts); an empty `q` browses.
 *
 * - Sorting by a field puts `attribute:direction` in `sort`. The index's ranking rules put `sort` first,
 *   then relevance, then the custom rules `bestTierRank:asc` and `innovationId:asc`, so equal values are
 *   ordered by relevance and then id, as the contract asks; RELEVANCE sends no `sort`, and on an empty
 *   query the custom rules give the stable browse order (best award, then id).
 * - Pages are asked for by `page`/`hitsPerPage` when the offset falls on a page boundary (every cursor
 *   of constant page size does), which makes Meilisearch count hits exhaustively (`totalHits`);
 *   otherwise by `offset`/`limit`, where it only estimates (`estimatedTotalHits`).
 */
export function buildSearchParams(request: SearchRequest, q: string): SearchParams & { q: string } {
  const filter = buildMeilisearchFilter(request.filter);
  const sortAttribute = SEARCH_SORTS[request.sort.field];
  const onPageBoundary = request.offset % request.limit === 0;
  return {
    q,
    ...(filter !== undefined ? { filter } : {}),
    ...(sortAttribute !== null ? { sort: [`${sortAttribute}:${request.sort.direction}`] } : {}),
    ...(request.facets.length > 0 ? { facets: request.facets.map((name) => SEARCH_FACETS[name]) } : {}),
    ...(onPageBoundary
      ? { hitsPerPage: request.limit, page: request.offset / request.limit + 1 }
      : { limit: request.limit, offset: request.offset }),
    attributesToRetrieve: [...RETRIEVED_ATTRIBUTES],
    showRankingScore: true,
    // Long descriptive queries drop their most common words first rather than their last ones.
    matchingStrategy: "frequency",
  };
}
