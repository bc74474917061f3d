import { describe, expect, it } from "vitest";
import { decodeFacetCode, documentFacetCodes, documentFilterTerms, FACET_COLUMNS, facetBucketValue, facetColumnValues, filterFacetCodes, filterFacetColumns, filterTsquery, sectorCodesNamedBy } from "../../src/search/postgres-document-columns";
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
    expect(documentFilterTerms(doc)).toEqual([
      "~sector:health", "~province:33", "~region:33.74", "~sdg:3", "~sdg:5",
      "~level:national", "~level:provincial", "~tier:top", "~tier:winner", "~status:continuing",
    ]);
  });

  it("turn the selective part of a filter into tsquery text: lists are ORs, fields ANDs, a province code its province", () => {
    expect(filterTsquery({})).toBeNull();
    expect(filterTsquery({ yearFrom: 2020 })).toBeNull();
    expect(filterTsquery({ statuses: ["stopped"], levels: ["national", "international"], tiers: ["top"], yearFrom: 2020 })).toBe(
      "('~level:national' | '~level:international') & '~tier:top' & '~status:stopped'",
    );
    expect(filterTsquery({ sectors: ["health", "education"], regionCodes: ["33", "35.78"], sdgs: [3] })).toBe(
      "('~sector:health' | '~sector:education') & ('~province:33' | '~region:35.78') & '~sdg:3'",
    );
    expect(filterTsquery({ sdgs: [] })).toBe("'~none'");
  });

  it("turn the years into facet code lists, which a row's codes must each overlap", () => {
    const codes = documentFacetCodes(doc);
    const lists = filterFacetCodes({ levels: ["national"], yearFrom: 2019, yearTo: 2021, statuses: ["continuing"] });
    expect(lists).toHaveLength(1);
    expect(lists[0].some((c) => codes.includes(c))).toBe(true);
    expect(filterFacetCodes({ yearFrom: 2020, yearTo: 2021 })[0].some((c) => codes.includes(c))).toBe(false);
    expect(filterFacetCodes({ yearFrom: 2022, yearTo: 2021 })).toEqual([[]]);
    expect(filterFacetCodes({ tiers: [] })).toEqual([]);
  });

  it("turn the years into tests on the year masks", () => {
    expect(filterFacetColumns({ levels: ["national"], yearFrom: 2019, yearTo: 2021, statuses: ["continuing", "stopped"] })).toEqual([
      [{ column: "facet_years", mask: ((1n << 29n) | (1n << 30n) | (1n << 31n)).toString() }],
    ]);
    // A range across the two year masks tests both; years past the last mask are left out.
    expect(filterFacetColumns({ yearFrom: 2052, yearTo: 2053 })).toEqual([
      [{ column: "facet_years", mask: (1n << 62n).toString() }, { column: "facet_years_late", mask: "1" }],
    ]);
    expect(filterFacetColumns({ yearFrom: 2030, yearTo: 2020 })).toEqual([[]]);
    expect(filterFacetColumns({})).toEqual([]);
  });

  it("read facet values back from a facet column's group: a value, or each bit of a mask", () => {
    const column = (name: string) => FACET_COLUMNS.find((c) => c.column === name)!;
    expect(facetColumnValues(column("facet_years"), "5")).toEqual([1990, 1992]);
    expect(facetColumnValues(column("facet_years"), (1n << 62n).toString())).toEqual([2052]);
    const spread = [0, 1, 30, 31, 32, 33, 45, 61, 62];
    expect(facetColumnValues(column("facet_years"), spread.reduce((m, b) => m | (1n << BigInt(b)), 0n).toString())).toEqual(spread.map((b) => 1990 + b));
    // Below 2^53 a mask is read as a Number, in two 32-bit halves.
    const below = [0, 1, 31, 32, 45, 52];
    expect(facetColumnValues(column("facet_years"), below.reduce((m, b) => m | (1n << BigInt(b)), 0n).toString())).toEqual(below.map((b) => 1990 + b));
    expect(facetColumnValues(column("facet_years_late"), "1")).toEqual([2053]);
    expect(facetColumnValues(column("facet_province"), 33)).toEqual([33]);
    expect(facetColumnValues(column("facet_status"), null)).toEqual([]);
    expect(facetColumnValues(column("facet_levels"), "0")).toEqual([]);
    expect(facetBucketValue("province", 33)).toBe("33");
    expect(facetBucketValue("level", 1)).toBe("national");
    expect(facetBucketValue("tier", 99)).toBeNull();
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
    // Within a filter's sectors only: no hit of the search can have another.
    const within = (allowed: string[], ...lexemes: string[]) => sectorCodesNamedBy(new Set(lexemes), allowed as never).map(decodeFacetCode);
    expect(within(["licensing", "education"], "complaints", "perizinan")).toEqual([{ facet: "sector", value: "licensing" }]);
    expect(within(["education"], "kesehatan")).toEqual([]);
  });

  it("refuse values that are not codes, rather than quote them", () => {
    expect(() => filterTsquery({ regionCodes: ["33' | '~sector:health"] })).toThrow(/Refusing to build a filter lexeme/);
  });
});
