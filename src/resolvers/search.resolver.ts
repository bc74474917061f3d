import { createHash } from "node:crypto";
import { GraphQLError, Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";
import { Arg, Ctx, Info, Int, Query, Resolver } from "type-graphql";
import { encodeCursor, decodeCursor, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, toConnection, type Page } from "../schema/connection";
import { OrderDirection } from "../schema/enums";
import { Innovation } from "../schema/innovation.type";
import { SearchFilterInput } from "../schema/search-filter.input";
import { SearchOrder, SearchOrderField } from "../schema/search-order.input";
import { ProvinceFacetBucket, SearchFacets, SearchHit, SearchHitConnection, type SearchEngine } from "../schema/search.type";
import { MAX_SEARCH_WINDOW, SEARCH_HIGHLIGHT_FIELDS, SearchUnavailableError, type SearchFilter, type SearchRequest, type SearchResult } from "../search/search-backend";
import { SEARCH_FACET_NAMES, type SearchFacetName } from "../search/search-fields";
import { MAX_QUERY_LENGTH, sanitiseQuery } from "../search/text/normalise";
import type { RequestContext } from "./context";
import { badUserInput } from "./errors";

/** Most values accepted in one filter list. */
const MAX_FILTER_VALUES = 50;
const REGION_CODE = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

/** Checks the filter and turns it into the engines' SearchFilter; every problem names its field. */
function toSearchFilter(filter: SearchFilterInput | null | undefined): SearchFilter {
  if (!filter) return {};
  for (const [name, value] of Object.entries(filter)) {
    if (Array.isArray(value) && value.length > MAX_FILTER_VALUES) {
      throw badUserInput(`"filter.${name}" may list at most ${MAX_FILTER_VALUES} values, got ${value.length}.`, `filter.${name}`);
    }
  }
  const bad = filter.regionCodes?.find((c) => !REGION_CODE.test(c));
  if (bad !== undefined) {
    throw badUserInput(`"filter.regionCodes" has ${JSON.stringify(bad)}, which is not a Kemendagri code such as "33" or "33.74".`, "filter.regionCodes");
  }
  for (const name of ["yearFrom", "yearTo"] as const) {
    const year = filter[name];
    if (year != null && (year < MIN_YEAR || year > MAX_YEAR)) {
      throw badUserInput(`"filter.${name}" must be a year from ${MIN_YEAR} to ${MAX_YEAR}, got ${year}.`, `filter.${name}`);
    }
  }
  if (filter.yearFrom != null && filter.yearTo != null && filter.yearFrom > filter.yearTo) {
    throw badUserInput(`"filter.yearFrom" (${filter.yearFrom}) is after "filter.yearTo" (${filter.yearTo}).`, "filter.yearFrom");
  }
  const badSdg = filter.sdgs?.find((s) => s < 1 || s > 17);
  if (badSdg !== undefined) throw badUserInput(`"filter.sdgs" has ${badSdg}; SDGs are numbered 1 to 17.`, "filter.sdgs");
  const list = <T>(value: T[] | null | undefined) => (value == null ? undefined : value);
  return {
    sectors: list(filter.sectors),
    regionCodes: list(filter.regionCodes),
    levels: list(filter.levels),
    tiers: list(filter.tiers),
    yearFrom: filter.yearFrom ?? undefined,
    yearTo: filter.yearTo ?? undefined,
    sdgs: list(filter.sdgs),
    statuses: list(filter.statuses),
  };
}

/** Calls `visit` for each field selected in `set`, looking through fragments. */
function fieldsOf(info: GraphQLResolveInfo, set: SelectionSetNode | undefined, visit: (field: FieldNode) => void): void {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) visit(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) fieldsOf(info, selection.selectionSet, visit);
    else fieldsOf(info, info.fragments[selection.name.value]?.selectionSet, visit);
  }
}

/**
 * The names of the fields the operation selects at `path` below the search field: ["facets"] gives
 * the facets it asks for.
 */
function selectedAt(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  const names = new Set<string>();
  const below = (set: SelectionSetNode | undefined, rest: readonly string[]): void =>
    fieldsOf(info, set, (child) => {
      if (rest.length === 0) names.add(child.name.value);
      else if (child.name.value === rest[0]) below(child.selectionSet, rest.slice(1));
    });
  for (const node of info.fieldNodes) below(node.selectionSet, path);
  return names;
}

/** As selectedAt, below each hit (edges.node and nodes): ["highlights"] gives the highlights it reads. */
function selectedInHits(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  return new Set([...selectedAt(info, ["edges", "node", ...path]), ...selectedAt(info, ["nodes", ...path])]);
}

/** The facets a client selected under `facets`. Unselected facets are not computed. */
function selectedFacets(info: GraphQLResolveInfo): SearchFacetName[] {
  const selected = selectedAt(info, ["facets"]);
  return SEARCH_FACET_NAMES.filter((facet) => selected.has(facet));
}

/** Shapes the engine's facet buckets as the API's typed buckets. */
function toFacets(result: SearchResult): SearchFacets {
  const buckets = (name: SearchFacetName) => result.facets[name] ?? [];
  return Object.assign(new SearchFacets(), {
    sector: buckets("sector").map((b) => ({ sector: b.value, count: b.count })),
    // An instance, not a plain object: the bucket resolves its region through the loaders.
    province: buckets("province").map((b) => Object.assign(new ProvinceFacetBucket(), { code: b.value, count: b.count })),
    level: buckets("level").map((b) => ({ level: b.value, count: b.count })),
    tier: buckets("tier").map((b) => ({ tier: b.value, count: b.count })),
    year: buckets("year").map((b) => ({ year: Number(b.value), count: b.count })),
    sdg: buckets("sdg").map((b) => ({ sdg: Number(b.value), count: b.count })),
    status: buckets("status").map((b) => ({ status: b.value, count: b.count })),
  });
}

@Resolver(() => SearchHitConnection)
export class SearchResolver {
  @Query(() => SearchHitConnection, {
    description:
      "Searches innovations the way people type: in Indonesian or English, with typos (\"lapor hendy\"), as they type (\"lapor he\"), " +
      "by acronym or expansion (\"SELFI\", \"sekolah filial\"), by synonym and word form (\"aduan\" finds \"pengaduan\" and \"keluhan\"), " +
      "and by region name (\"semarang\"). Returns hits best first with highlighted snippets, the total, facet counts for the " +
      "query and filter, and the engine that answered. An empty query browses everything the filter allows.",
  })
  async search(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg("query", () => String, {
      nullable: true,
      description: `What to look for, up to ${MAX_QUERY_LENGTH} characters. Quotes, operators and symbols are ignored. Empty or omitted: browse.`,
    })
    query?: string | null,
    @Arg("filter", () => SearchFilterInput, { nullable: true, description: "What to narrow the hits to." }) filter?: SearchFilterInput | null,
    @Arg("orderBy", () => SearchOrder, { nullable: true, description: "Sort order; by relevance when omitted." }) orderBy?: SearchOrder | null,
    @Arg("first", () => Int, { nullable: true, description: `How many hits (1–${MAX_PAGE_SIZE}; ${DEFAULT_PAGE_SIZE} when omitted).` })
    first?: number | null,
    @Arg("after", () => String, { nullable: true, description: "Start after this cursor (from pageInfo.endCursor or an edge's cursor)." })
    after?: string | null,
  ): Promise<SearchHitConnection> {
    const raw = query ?? "";
    const length = [...raw].length;
    if (length > MAX_QUERY_LENGTH) {
      throw badUserInput(`"query" must be at most ${MAX_QUERY_LENGTH} characters, got ${length}.`, "query");
    }
    if (first != null && (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE)) {
      throw badUserInput(`"first" must be between 1 and ${MAX_PAGE_SIZE}, got ${first}.`, "first");
    }
    const field = orderBy?.field ?? SearchOrderField.RELEVANCE;
    const direction = orderBy?.direction ?? (field === SearchOrderField.AWARD_RANK ? OrderDirection.ASC : OrderDirection.DESC);
    if (field === SearchOrderField.RELEVANCE && direction === OrderDirection.ASC) {
      throw badUserInput('"orderBy": RELEVANCE can only be sorted DESC (best first).', "orderBy.direction");
    }
    const searchFilter = toSearchFilter(filter);
    const text = sanitiseQuery(raw);
    const limit = first ?? DEFAULT_PAGE_SIZE;

    // Cursors are positions; the kind binds them to this query, filter and order so that a cursor
    // from another search is refused instead of silently skipping into the wrong list.
    const fingerprint = createHash("sha256").update(JSON.stringify([text, searchFilter, field, direction])).digest("base64url").slice(0, 12);
    const cursorKind = `search:${fingerprint}`;
    let offset = 0;
    if (after != null) {
      const [position] = decodeCursor(after, cursorKind, "after");
      if (typeof position !== "number" || !Number.isInteger(position) || position < 0) {
        throw badUserInput('"after" is not a valid cursor. Use a cursor from pageInfo or an edge of the same search.', "after");
      }
      offset = position + 1;
    }
    if (offset + limit > MAX_SEARCH_WINDOW) {
      throw badUserInput(
        `Search pages reach the first ${MAX_SEARCH_WINDOW} hits only (this page would end at ${offset + limit}). Narrow the query or the filter.`,
        after != null ? "after" : "first",
      );
    }

    const highlightsRead = selectedInHits(info, ["highlights"]);
    const innovationFields = selectedInHits(info, ["innovation"]);
    const withRelations = ["institution", "region", "province"].some((field) => innovationFields.has(field));
    let prefetched: Promise<unknown> | null = null;
    const request: SearchRequest = {
      query: text,
      filter: searchFilter,
      sort: { field, direction: direction === OrderDirection.ASC ? "asc" : "desc" },
      limit,
      offset,
      facets: selectedFacets(info),
      highlights: SEARCH_HIGHLIGHT_FIELDS.filter((field) => highlightsRead.has(field)),
      // Load the page's innovations while the engine is still counting: with their institutions and
      // regions in the same statement when the operation shows any of them (the statement primes those
      // loaders). Errors surface below, where the innovations are asked for again.
      onPage: (ids) => {
        prefetched = (withRelations ? ctx.loaders.innovationWithRelationsById : ctx.loaders.innovationById).loadMany(ids).catch(() => undefined);
      },
    };
    let result: SearchResult;
    try {
      result = await ctx.search.search(request);
    } catch (error) {
      if (!(error instanceof SearchUnavailableError)) throw error;
      throw new GraphQLError(`Search is unavailable: ${error.message}. Try again later.`, { extensions: { code: "SEARCH_UNAVAILABLE" } });
    }

    // Hydrate through the request's loaders (one statement for the page). A hit whose innovation is
    // gone (an external index not yet caught up) is dropped rather than answered with a null.
    // After the prefetch, so that this finds the innovations it primed instead of asking again.
    if (prefetched) await prefetched;
    const entities = await ctx.loaders.innovationById.loadMany(result.hits.map((h) => h.innovationId));
    const hits: SearchHit[] = [];
    const cursors: string[] = [];
    result.hits.forEach((hit, i) => {
      const entity = entities[i];
      if (!entity || entity instanceof Error) return;
      hits.push(Object.assign(new SearchHit(), { innovation: Innovation.from(entity), score: hit.score, highlights: hit.highlights }));
      cursors.push(encodeCursor(cursorKind, [offset + i]));
    });
    const page: Page<SearchHit> = {
      items: hits,
      cursors,
      hasNextPage: offset + result.hits.length < Math.min(result.totalCount, MAX_SEARCH_WINDOW),
      hasPreviousPage: offset > 0,
      count: async () => result.totalCount,
    };
    const connection = toConnection(SearchHitConnection, page);
    connection.facets = toFacets(result);
    connection.engine = result.engine as SearchEngine;
    return connection;
  }
}
