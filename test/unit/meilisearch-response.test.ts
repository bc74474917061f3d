import type { SearchResponse } from "meilisearch";
import { describe, expect, it } from "vitest";
import type { SearchRequest } from "../../src/search/search-backend";
import { loadSearchLexicon } from "../../src/search/text/lexicon";
import { meilisearchHighlighter } from "../../src/search/meilisearch/highlights";
import {
  MeilisearchResponseError,
  toSearchResult,
  type MeilisearchHitFields,
} from "../../src/search/meilisearch/search-result";

const lexicon = loadSearchLexicon();

const request = (overrides: Partial<SearchRequest> = {}): SearchRequest => ({
  query: "lapor hendy",
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
      _rankingScore: 0.9412,
    },
    {
      innovationId: 4,
      name: "SP4N LAPOR! Kalimantan Selatan",
      summary: "",
      narrative: "Warga melapor lewat aplikasi.",
      _rankingScore: 0.61,
    },
  ],
  query: "lapor hendy",
  processingTimeMs: 1,
  hitsPerPage: 2,
  page: 1,
  totalPages: 3,
  totalHits: 5,
  facetDistribution: {
    sector: { governance: 1, complaints: 4 },
    years: { "2021": 2, "2020": 2, "2014": 1, "2019": 2 },
    provinceCode: {},
  },
  facetStats: { years: { min: 2014, max: 2021 } },
};

const highlighterFor = (req: SearchRequest, hits: readonly MeilisearchHitFields[]) => meilisearchHighlighter(req.query, lexicon, hits);

describe("toSearchResult", () => {
  it("maps hits to ids, scores and highlights made from the hit's own text", () => {
    const req = request();
    const result = toSearchResult(pageResponse, req, highlighterFor(req, pageResponse.hits));
    expect(result.engine).toBe("meilisearch");
    expect(result.hits).toEqual([
      {
        innovationId: 17,
        score: 0.9412,
        // "hendy" is one typo from "Hendi"; "pengaduan" is in the same lexicon group as "lapor".
        highlights: { name: "<mark>Lapor</mark> <mark>Hendi</mark>", summary: "Kanal <mark>pengaduan</mark> warga Kota Semarang.", narrative: null },
      },
      {
        innovationId: 4,
        score: 0.61,
        highlights: { name: "SP4N <mark>LAPOR</mark>! Kalimantan Selatan", summary: null, narrative: "Warga <mark>melapor</mark> lewat aplikasi." },
      },
    ]);
  });

  it("uses the exhaustive count in page mode and the estimate otherwise", () => {
    const none = () => ({ name: null, summary: null, narrative: null });
    expect(toSearchResult(pageResponse, request(), none).totalCount).toBe(5);
    const offsetResponse: SearchResponse<MeilisearchHitFields, { limit: number; offset: number }> = {
      hits: [],
      query: "lapor",
      processingTimeMs: 0,
      limit: 10,
      offset: 15,
      estimatedTotalHits: 12,
    };
    expect(toSearchResult(offsetResponse, request(), none).totalCount).toBe(12);
  });

  it("orders facet buckets by count, then value (numbers as numbers), and returns every requested facet", () => {
    const req = request({ facets: ["sector", "year", "province", "sdg"] });
    const result = toSearchResult({ ...pageResponse, facetDistribution: { ...pageResponse.facetDistribution, sdgs: { "10": 1, "9": 1 } } }, req, highlighterFor(req, []));
    expect(result.facets).toEqual({
      sector: [
        { value: "complaints", count: 4 },
        { value: "governance", count: 1 },
      ],
      year: [
        { value: "2019", count: 2 },
        { value: "2020", count: 2 },
        { value: "2021", count: 2 },
        { value: "2014", count: 1 },
      ],
      province: [],
      sdg: [
        { value: "9", count: 1 },
        { value: "10", count: 1 },
      ],
    });
    expect(toSearchResult(pageResponse, request({ facets: [] }), highlighterFor(req, [])).facets).toEqual({});
  });

  it("scores 0 when browsing, and highlights nothing", () => {
    const req = request({ query: "" });
    const hits = [{ innovationId: 3, name: "Sekolah Filial", summary: " ", narrative: "Kelas jauh.", _rankingScore: 1 }];
    expect(toSearchResult({ hits, totalHits: 1 }, req, highlighterFor(req, hits)).hits).toEqual([
      { innovationId: 3, score: 0, highlights: { name: "Sekolah Filial", summary: null, narrative: "Kelas jauh." } },
    ]);
  });

  it("refuses a hit that is not an innovation document (a wrong or foreign index)", () => {
    const foreign = { hits: [{ id: "x", title: "Movie" } as unknown as MeilisearchHitFields], totalHits: 1 };
    expect(() => toSearchResult(foreign, request(), highlighterFor(request(), []))).toThrow(MeilisearchResponseError);
  });
});
