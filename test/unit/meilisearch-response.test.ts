import type { SearchResponse } from "meilisearch";
import { describe, expect, it } from "vitest";
import type { SearchRequest } from "../../src/search/search-backend";
import {
  MeilisearchResponseError,
  toSearchResult,
  type MeilisearchHitFields,
} from "../../src/search/meilisearch/search-result";

const request = (overrides: Partial<SearchRequest> = {}): SearchRequest => ({
  query: "lapor",
  filter: {},
  sort: { field: "relevance", direction: "desc" },
  limit: 2,
  offset: 0,
  facets: ["sector", "year", "province"],
  ...overrides,
});

/** A page-mode response as the client types it (`hitsPerPage`/`page` sent). */
const pageResponse: SearchResponse<MeilisearchHitFields, { hitsPerPage: number; page: number }> = {
  hits: [
    {
      innovationId: 17,
      name: "Lapor Hendi",
      summary: "Kanal pengaduan warga Kota Semarang.",
      narrative: null,
      _formatted: {
        innovationId: 17,
        name: "<mark>Lapor</mark> Hendi",
        summary: "Kanal pengaduan warga Kota Semarang.",
        narrative: null,
      },
      _rankingScore: 0.9412,
    },
    {
      innovationId: 4,
      name: "SP4N LAPOR! Kalimantan Selatan",
      summary: "",
      narrative: "Warga <b>melapor</b> lewat aplikasi.",
      _formatted: { innovationId: 4, name: "SP4N <mark>LAPOR</mark>! Kalimantan Selatan", summary: "", narrative: "…warga <mark>melapor</mark> lewat…" },
      _rankingScore: 0.61,
    },
  ],
  query: "lapor",
  processingTimeMs: 1,
  hitsPerPage: 2,
  page: 1,
  totalPages: 3,
  totalHits: 5,
  facetDistribution: {
    sector: { governance: 1, complaints: 4 },
    years: { "2021": 2, "2020": 2, "2014": 1 },
    provinceCode: {},
  },
  facetStats: { years: { min: 2014, max: 2021 } },
};

describe("toSearchResult", () => {
  it("maps hits to ids, scores and highlights, keeping the engine's tags and plain text", () => {
    const result = toSearchResult(pageResponse, request());
    expect(result.engine).toBe("meilisearch");
    expect(result.hits).toEqual([
      {
        innovationId: 17,
        score: 0.9412,
        highlights: { name: "<mark>Lapor</mark> Hendi", summary: "Kanal pengaduan warga Kota Semarang.", narrative: null },
      },
      {
        innovationId: 4,
        score: 0.61,
        highlights: { name: "SP4N <mark>LAPOR</mark>! Kalimantan Selatan", summary: null, narrative: "…warga <mark>melapor</mark> lewat…" },
      },
    ]);
  });

  it("uses the exhaustive count in page mode and the estimate otherwise", () => {
    expect(toSearchResult(pageResponse, request()).totalCount).toBe(5);
    const offsetResponse: SearchResponse<MeilisearchHitFields, { limit: number; offset: number }> = {
      hits: [],
      query: "lapor",
      processingTimeMs: 0,
      limit: 10,
      offset: 15,
      estimatedTotalHits: 12,
    };
    expect(toSearchResult(offsetResponse, request()).totalCount).toBe(12);
  });

  it("orders facet buckets by count, then value, and returns every requested facet", () => {
    const result = toSearchResult(pageResponse, request({ facets: ["sector", "year", "province", "sdg"] }));
    expect(result.facets).toEqual({
      sector: [
        { value: "complaints", count: 4 },
        { value: "governance", count: 1 },
      ],
      year: [
        { value: "2020", count: 2 },
        { value: "2021", count: 2 },
        { value: "2014", count: 1 },
      ],
      province: [],
      sdg: [],
    });
    expect(toSearchResult(pageResponse, request({ facets: [] })).facets).toEqual({});
  });

  it("scores 0 when browsing, and falls back to the raw text without _formatted", () => {
    const browse = toSearchResult(
      { hits: [{ innovationId: 3, name: "Sekolah Filial", summary: " ", narrative: "Kelas jauh.", _rankingScore: 1 }], totalHits: 1 },
      request({ query: "" }),
    );
    expect(browse.hits).toEqual([{ innovationId: 3, score: 0, highlights: { name: "Sekolah Filial", summary: null, narrative: "Kelas jauh." } }]);
  });

  it("refuses a hit without an integer innovationId (a wrong or foreign index)", () => {
    const foreign = { hits: [{ id: "x", title: "Movie" } as unknown as MeilisearchHitFields], totalHits: 1 };
    expect(() => toSearchResult(foreign, request())).toThrow(MeilisearchResponseError);
  });
});
