import { describe, expect, it } from "vitest";
import { decodeFacetCode, documentFacetCodes, documentFilterTerms, filterFacetCodes, filterTsquery, sectorCodesNamedBy } from "../../src/search/postgres-document-columns";
import { toSearchDocument } from "../../src/search/search-document";

const doc = toSearchDocument({
  innovation: {
    id: 1, slug: "x", name: "X", acronym: null, acronymExpansion: null, aliases: [], summary: null, narrative: [],
    sector: "health", sdgs: [3, 5], status: "continuing", regionCode: "33.74",
  },
  institutionName: "Pemerintah Kota Semarang",
  region: { code: "33.74", name: "Kota Semarang" },
  province: { code: "33", name: "Jawa Tengah" },
  awards: [
    { label: "Top 45", tier: "top", year: 2019, level: "national", competitionName: "KIPP", competitionShortName: "KIPP" },
    { label: "Juara 1", tier: "winner", year: 2017, level: "provincial", competitionName: "KIPP Jateng", competitionShortName: null },
  ],
});

describe("filter lexemes", () => {
  it("name a document's selective filter values, in a fixed order", () => {
    expect(documentFilterTerms(doc)).toEqual(["~sector:health", "~province:33", "~region:33.74", "~sdg:3", "~sdg:5"]);
  });

  it("turn the selective part of a filter into tsquery text: lists are ORs, fields ANDs, a province code its province", () => {
    expect(filterTsquery({})).toBeNull();
    expect(filterTsquery({ statuses: ["stopped"], yearFrom: 2020 })).toBeNull();
    expect(filterTsquery({ sectors: ["health", "education"], regionCodes: ["33", "35.78"], sdgs: [3] })).toBe(
      "('~sector:health' | '~sector:education') & ('~province:33' | '~region:35.78') & '~sdg:3'",
    );
    expect(filterTsquery({ sdgs: [] })).toBe("'~none'");
  });

  it("turn the rest into facet code lists, which a row's codes must each overlap", () => {
    const codes = documentFacetCodes(doc);
    const lists = filterFacetCodes({ levels: ["national"], yearFrom: 2019, yearTo: 2021, statuses: ["continuing"] });
    expect(lists).toHaveLength(3);
    expect(lists.every((list) => list.some((c) => codes.includes(c)))).toBe(true);
    expect(filterFacetCodes({ yearFrom: 2020, yearTo: 2021 })[0].some((c) => codes.includes(c))).toBe(false);
    expect(filterFacetCodes({ tiers: [] })).toEqual([[]]);
  });

  it("encode facet values as integers and decode them back", () => {
    expect(documentFacetCodes(doc).map(decodeFacetCode)).toEqual([
      { facet: "sector", value: "health" },
      { facet: "province", value: "33" },
      { facet: "level", value: "national" },
      { facet: "level", value: "provincial" },
      { facet: "tier", value: "top" },
      { facet: "tier", value: "winner" },
      { facet: "year", value: "2017" },
      { facet: "year", value: "2019" },
      { facet: "sdg", value: "3" },
      { facet: "sdg", value: "5" },
      { facet: "status", value: "continuing" },
    ]);
    expect(decodeFacetCode(9_000_001)).toBeNull();
  });

  it("know which sectors a query group names, by whole labels", () => {
    const named = (...lexemes: string[]) => sectorCodesNamedBy(new Set(lexemes)).map(decodeFacetCode);
    expect(named("kesehatan", "sehat")).toEqual([{ facet: "sector", value: "health" }]);
    expect(named("complaints", "perizinan")).toEqual([{ facet: "sector", value: "licensing" }, { facet: "sector", value: "complaints" }]);
    expect(named("lingkungan")).toEqual([]);
    expect(named("lingkungan", "hidup")).toEqual([{ facet: "sector", value: "environment" }]);
  });

  it("refuse values that are not codes, rather than quote them", () => {
    expect(() => filterTsquery({ regionCodes: ["33' | '~sector:health"] })).toThrow(/Refusing to build a filter lexeme/);
  });
});
