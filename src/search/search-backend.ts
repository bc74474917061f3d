/**
 * The search contract. Every engine (Postgres full-text + pg_trgm, Meilisearch) implements
 * {@link SearchBackend} and is held to the same behaviour by one contract suite (test/contract).
 *
 * A backend answers with innovation ids, scores, highlights and facet counts only. Resolvers hydrate the
 * innovations through the per-request DataLoaders, so a backend never shapes API objects.
 *
 * Requests reach a backend already validated: the GraphQL layer turns user input into a
 * {@link SearchRequest} and rejects bad input with BAD_USER_INPUT before any engine sees it.
 */
import type { AwardTier, CompetitionLevel, InnovationStatus, Sector } from "../domain/enums";
import type { SearchFacetName, SearchSortField } from "./search-fields";

/** Which engine answered a search. */
export type SearchEngineName = "postgres" | "meilisearch";

/**
 * Typed filters a search can narrow by. Every given field must hold (AND); values inside one list are
 * alternatives (OR). Unlike `InnovationFilter`, the award fields (levels, tiers, years) are matched
 * independently against the innovation's set of awards, because a search document flattens its awards.
 * See `SEARCH_FILTER_FIELDS` in search-fields.ts for how each maps onto a document attribute.
 */
export interface SearchFilter {
  readonly sectors?: readonly Sector[];
  /**
   * Kemendagri codes. A province code ("33") matches every innovation in the province; a regency or city
   * code ("33.74") matches that regency or city only.
   */
  readonly regionCodes?: readonly string[];
  readonly levels?: readonly CompetitionLevel[];
  readonly tiers?: readonly AwardTier[];
  /** Inclusive; matches when any award year falls in the range. */
  readonly yearFrom?: number;
  readonly yearTo?: number;
  /** 1–17. */
  readonly sdgs?: readonly number[];
  readonly statuses?: readonly InnovationStatus[];
}

export interface SearchSort {
  readonly field: SearchSortField;
  readonly direction: "asc" | "desc";
}

export interface SearchRequest {
  /**
   * The user's words, trimmed, with control characters removed and length-capped by the API layer.
   * An empty string browses: every innovation matching the filter, in the requested order.
   */
  readonly query: string;
  readonly filter: SearchFilter;
  /** RELEVANCE on an empty query falls back to the engine's stable browse order (best award, then id). */
  readonly sort: SearchSort;
  /** 1–100. */
  readonly limit: number;
  /** 0-based position of the first hit; cursors encode it. `offset + limit` ≤ {@link MAX_SEARCH_WINDOW}. */
  readonly offset: number;
  /** Facets to count for the current query and filter; empty for none. */
  readonly facets: readonly SearchFacetName[];
  /**
   * The highlights the caller will read; all when omitted. An engine may make only these: the others
   * may be null.
   */
  readonly highlights?: readonly SearchHighlightField[];
  /**
   * A hint: called with the page's innovation ids, best first, as soon as the engine knows them and
   * before it has finished counting (the Postgres engine reads the page and the counts at once), so
   * that the API can start loading the innovations. It may be called for a page the engine then
   * replaces (a relaxed search); it must not throw. Engines may never call it.
   */
  readonly onPage?: (innovationIds: readonly number[]) => void;
}

/**
 * Highlighted snippets. Matched words are wrapped in {@link HIGHLIGHT_PRE_TAG} … {@link HIGHLIGHT_POST_TAG};
 * all other text is returned as plain text (the API escapes nothing further: clients treat it as text
 * with markers). A field is null when the innovation has no text there.
 */
export interface SearchHighlights {
  readonly name: string | null;
  readonly summary: string | null;
  readonly narrative: string | null;
}

/** The texts a hit has highlights of. */
export const SEARCH_HIGHLIGHT_FIELDS = ["name", "summary", "narrative"] as const;
export type SearchHighlightField = (typeof SEARCH_HIGHLIGHT_FIELDS)[number];

export const HIGHLIGHT_PRE_TAG = "<mark>";
export const HIGHLIGHT_POST_TAG = "</mark>";

export interface SearchHit {
  /** `innovation.id` (the database key, not the global ID). */
  readonly innovationId: number;
  /**
   * Relevance, higher is better. Comparable only within one response of one engine; 0 when browsing
   * with an empty query.
   */
  readonly score: number;
  readonly highlights: SearchHighlights;
}

/** One facet value and how many innovations match the query and filter with it. */
export interface SearchFacetBucket {
  /** The document value as a string: a sector code, a province code, a level, a tier, a year, an SDG, a status. */
  readonly value: string;
  readonly count: number;
}

/** Bucket values in natural order ("2" before "10"); one collator, not one per comparison. */
const BUCKET_VALUE_ORDER = new Intl.Collator("en", { numeric: true });

/**
 * The order of facet buckets every engine returns: count descending, then value ascending with
 * numbers compared as numbers ("2" before "10").
 */
export function compareFacetBuckets(a: SearchFacetBucket, b: SearchFacetBucket): number {
  return b.count - a.count || BUCKET_VALUE_ORDER.compare(a.value, b.value);
}

/**
 * Deepest position a search can page to: hits after the first 1,000 are not returned (Meilisearch's
 * default `maxTotalHits`, and a sane bound on OFFSET for Postgres). `totalCount` is not capped by it.
 */
export const MAX_SEARCH_WINDOW = 1000;

export interface SearchResult {
  readonly engine: SearchEngineName;
  readonly hits: readonly SearchHit[];
  /** Innovations matching the query and filter (all pages). Engines may cap exhaustive counting; see each. */
  readonly totalCount: number;
  /** One entry per requested facet, buckets ordered by {@link compareFacetBuckets}. */
  readonly facets: Readonly<Partial<Record<SearchFacetName, readonly SearchFacetBucket[]>>>;
}

/** A search engine behind the API. */
export interface SearchBackend {
  readonly engine: SearchEngineName;
  search(request: SearchRequest): Promise<SearchResult>;
}

/**
 * Thrown by a backend that cannot answer (engine down, timeout, misconfigured index). The search service
 * catches it to fall back to Postgres; when no fallback is possible the API reports SEARCH_UNAVAILABLE.
 */
export class SearchUnavailableError extends Error {
  constructor(
    readonly engine: SearchEngineName,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "SearchUnavailableError";
  }
}
