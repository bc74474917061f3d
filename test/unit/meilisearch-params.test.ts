import { describe, expect, it } from "vitest";
import type { SearchRequest } from "../../src/search/search-backend";
import { SEARCH_FACET_NAMES } from "../../src/search/search-fields";
import { buildSearchParams } from "../../src/search/meilisearch/search-params";

const request = (overrides: Partial<SearchRequest> = {}): SearchRequest => ({
  query: "lapor hendi",
  filter: {},
  sort: { field: "relevance", direction: "desc" },
  limit: 20,
  offset: 0,
  facets: [],
  ...overrides,
});

describe("buildSearchParams", () => {
  it("asks for the key, the text highlights are made from, and ranking scores", () => {
    expect(buildSearchParams(request(), "lapor hendi")).toEqual({
      q: "lapor hendi",
      hitsPerPage: 20,
      page: 1,
      attributesToRetrieve: ["innovationId", "name", "summary", "narrative"],
      showRankingScore: true,
      matchingStrategy: "frequency",
    });
  });

  it("sends the query text it is given, which may differ from the user's words", () => {
    expect(buildSearchParams(request({ query: "Membangun" }), "membangun bangun").q).toBe("membangun bangun");
  });

  it("sorts by the sort field's document attribute, and not at all for relevance", () => {
    expect(buildSearchParams(request({ sort: { field: "year", direction: "desc" } }), "").sort).toEqual(["latestYear:desc"]);
    expect(buildSearchParams(request({ sort: { field: "awardRank", direction: "asc" } }), "").sort).toEqual(["bestTierRank:asc"]);
    expect(buildSearchParams(request({ sort: { field: "relevance", direction: "desc" } }), "").sort).toBeUndefined();
  });

  it("asks for each facet by its document attribute", () => {
    expect(buildSearchParams(request({ facets: SEARCH_FACET_NAMES }), "").facets).toEqual([
      "sector",
      "provinceCode",
      "levels",
      "tiers",
      "years",
      "sdgs",
      "status",
    ]);
    expect(buildSearchParams(request({ facets: [] }), "")).not.toHaveProperty("facets");
  });

  it("includes the filter string only when the filter narrows", () => {
    expect(buildSearchParams(request(), "")).not.toHaveProperty("filter");
    expect(buildSearchParams(request({ filter: { sectors: ["health"], yearFrom: 2020 } }), "").filter).toBe(
      `sector IN ["health"] AND years >= 2020`,
    );
  });

  it("pages exhaustively on page boundaries and by offset otherwise", () => {
    const third = buildSearchParams(request({ limit: 25, offset: 50 }), "");
    expect(third).toMatchObject({ hitsPerPage: 25, page: 3 });
    expect(third).not.toHaveProperty("offset");
    const odd = buildSearchParams(request({ limit: 10, offset: 15 }), "");
    expect(odd).toMatchObject({ limit: 10, offset: 15 });
    expect(odd).not.toHaveProperty("page");
  });
});
