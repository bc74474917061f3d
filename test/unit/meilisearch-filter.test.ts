import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AWARD_TIERS, COMPETITION_LEVELS, INNOVATION_STATUSES, SECTORS } from "../../src/domain/enums";
import type { SearchFilter } from "../../src/search/search-backend";
import { buildMeilisearchFilter, quoteFilterValue } from "../../src/search/meilisearch/filter";
import { parseMeilisearchFilter, type FilterNode, type FilterValue } from "../helpers/meilisearch-filter-parser";

const str = (value: string): FilterValue => ({ kind: "string", value });
const num = (value: number): FilterValue => ({ kind: "number", value });
const inNode = (attribute: string, values: readonly (string | number)[]): FilterNode => ({
  type: "in",
  attribute,
  values: values.map((v) => (typeof v === "number" ? num(v) : str(v))),
});

/** The tree a filter is meant to produce, written independently of the builder. */
function intendedTree(filter: SearchFilter): FilterNode | undefined {
  const clauses: FilterNode[] = [];
  if (filter.sectors) clauses.push(inNode("sector", filter.sectors));
  if (filter.regionCodes) {
    const provinces = filter.regionCodes.filter((c) => !c.includes("."));
    const others = filter.regionCodes.filter((c) => c.includes("."));
    const alternatives = [
      ...(provinces.length ? [inNode("provinceCode", provinces)] : []),
      ...(others.length ? [inNode("regionCode", others)] : []),
    ];
    clauses.push(alternatives.length === 1 ? alternatives[0] : { type: "or", items: alternatives });
  }
  if (filter.levels) clauses.push(inNode("levels", filter.levels));
  if (filter.tiers) clauses.push(inNode("tiers", filter.tiers));
  if (filter.yearFrom !== undefined && filter.yearTo !== undefined) {
    clauses.push({ type: "range", attribute: "years", from: num(filter.yearFrom), to: num(filter.yearTo) });
  } else if (filter.yearFrom !== undefined) {
    clauses.push({ type: "compare", attribute: "years", op: ">=", value: num(filter.yearFrom) });
  } else if (filter.yearTo !== undefined) {
    clauses.push({ type: "compare", attribute: "years", op: "<=", value: num(filter.yearTo) });
  }
  if (filter.sdgs) clauses.push(inNode("sdgs", filter.sdgs));
  if (filter.statuses) clauses.push(inNode("status", filter.statuses));
  if (clauses.length === 0) return undefined;
  return clauses.length === 1 ? clauses[0] : { type: "and", items: clauses };
}

/** Strings built to break a naive builder: quotes, backslashes, keywords, brackets, operators, emoji. */
const hostileFragment = fc.constantFrom(
  '"', "'", "\\", '\\"', "\\\\", "\\n", "\\u{41}", " AND ", " OR ", "NOT ", " TO ", " IN ", "[", "]", "(", ")", ",",
  "=", "!=", ">=", "<", " ", "\t", "\n", "🦀", "👩🏽‍⚕️", "🇮🇩", "33", ".", "74", "x", "sector", "health", "_geoRadius(1,2,3)",
  "EXISTS", "IS NULL", "\u0000", "\u200b",
);
const hostileString = fc.oneof(
  fc.array(hostileFragment, { minLength: 0, maxLength: 8 }).map((parts) => parts.join("")),
  fc.string({ unit: "grapheme", maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 12 }),
);
/** A closed-enum value, or (as if a caller bypassed the types) anything at all. */
const enumOrHostile = <T extends string>(values: readonly T[]) =>
  fc.oneof(fc.constantFrom(...values), hostileString.map((s) => s as T));
const list = <T>(item: fc.Arbitrary<T>) => fc.option(fc.array(item, { minLength: 1, maxLength: 4 }), { nil: undefined });
const year = fc.option(fc.integer({ min: -1_000_000, max: 1_000_000 }), { nil: undefined });

const searchFilter: fc.Arbitrary<SearchFilter> = fc.record({
  sectors: list(enumOrHostile(SECTORS)),
  regionCodes: list(fc.oneof(fc.constantFrom("33", "33.74", "31", "35.78"), hostileString)),
  levels: list(enumOrHostile(COMPETITION_LEVELS)),
  tiers: list(enumOrHostile(AWARD_TIERS)),
  yearFrom: year,
  yearTo: year,
  sdgs: list(fc.integer({ min: -100, max: 100 })),
  statuses: list(enumOrHostile(INNOVATION_STATUSES)),
});

describe("the reference parser agrees with Meilisearch's own filter-parser tests", () => {
  // Cases from meilisearch/crates/filter-parser/src/value.rs (test_value): input → value read.
  const cases: [string, string][] = [
    [`"channel"`, "channel"],
    [`'cha)nnel'`, "cha)nnel"],
    [`'cha"nnel'`, 'cha"nnel'],
    [`"cha'nnel"`, "cha'nnel"],
    [`" some spaces "`, " some spaces "],
    [String.raw`"\\"`, "\\"],
    [String.raw`"\\\\\\"`, "\\\\\\"],
    [String.raw`"aa\\aa"`, String.raw`aa\aa`],
    [String.raw`"Hello \"world\""`, 'Hello "world"'],
    [String.raw`"Hello \\\"world\\\""`, String.raw`Hello \"world\"`],
    [String.raw`"I'm \"super\" tamo"`, `I'm "super" tamo`],
    [String.raw`"\"\""`, `""`],
    [String.raw`'Hello \'world\''`, "Hello 'world'"],
    [String.raw`'Hello \\\'world\\\''`, String.raw`Hello \'world\'`],
    [String.raw`'I\'m "super" tamo'`, `I'm "super" tamo`],
  ];
  it.each(cases)("reads %s as the value %j", (quoted, expected) => {
    expect(parseMeilisearchFilter(`a = ${quoted}`)).toEqual({ type: "compare", attribute: "a", op: "=", value: str(expected) });
  });

  it("parses precedence, NOT, IN, TO and parentheses", () => {
    expect(parseMeilisearchFilter(`a = 1 OR b IN ["x", y] AND NOT (c 1 TO 2 OR d != "z")`)).toEqual({
      type: "or",
      items: [
        { type: "compare", attribute: "a", op: "=", value: num(1) },
        {
          type: "and",
          items: [
            inNode("b", ["x", "y"]),
            {
              type: "not",
              item: {
                type: "or",
                items: [
                  { type: "range", attribute: "c", from: num(1), to: num(2) },
                  { type: "compare", attribute: "d", op: "!=", value: str("z") },
                ],
              },
            },
          ],
        },
      ],
    });
  });

  it("rejects what it does not understand, so a broken filter cannot pass as a different one", () => {
    for (const bad of [`a = "unclosed`, `a = x AND`, `a IN [1,`, `a = "x" b`, `(a = 1`, `a = "\\q"`, `AND = 1`]) {
      expect(() => parseMeilisearchFilter(bad), bad).toThrow();
    }
  });
});

describe("quoteFilterValue", () => {
  it("double-quotes strings, escaping only backslashes and double quotes", () => {
    expect(quoteFilterValue("health")).toBe(`"health"`);
    expect(quoteFilterValue(`a"b\\c'd`)).toBe(String.raw`"a\"b\\c'd"`);
    expect(quoteFilterValue("🦀 AND x")).toBe(`"🦀 AND x"`);
  });

  it("writes integers bare and refuses other numbers", () => {
    expect(quoteFilterValue(2019)).toBe("2019");
    expect(quoteFilterValue(-3)).toBe("-3");
    expect(() => quoteFilterValue(1.5)).toThrow(RangeError);
    expect(() => quoteFilterValue(Number.NaN)).toThrow(RangeError);
    expect(() => quoteFilterValue(2 ** 60)).toThrow(RangeError);
  });
});

describe("buildMeilisearchFilter", () => {
  it("narrows nothing for an empty filter", () => {
    expect(buildMeilisearchFilter({})).toBeUndefined();
  });

  it("ANDs the fields and ORs the values of one field", () => {
    expect(
      buildMeilisearchFilter({
        sectors: ["complaints", "health"],
        regionCodes: ["33", "35.78", "31"],
        levels: ["national"],
        tiers: ["outstanding", "top"],
        yearFrom: 2019,
        yearTo: 2021,
        sdgs: [3, 16],
        statuses: ["continuing"],
      }),
    ).toBe(
      `sector IN ["complaints", "health"] AND (provinceCode IN ["33", "31"] OR regionCode IN ["35.78"]) AND ` +
        `levels IN ["national"] AND tiers IN ["outstanding", "top"] AND years 2019 TO 2021 AND sdgs IN [3, 16] AND ` +
        `status IN ["continuing"]`,
    );
  });

  it("matches a province by its province code and a regency or city by its own code", () => {
    expect(buildMeilisearchFilter({ regionCodes: ["33"] })).toBe(`provinceCode IN ["33"]`);
    expect(buildMeilisearchFilter({ regionCodes: ["33.74"] })).toBe(`regionCode IN ["33.74"]`);
  });

  it("keeps a year range open on either side", () => {
    expect(buildMeilisearchFilter({ yearFrom: 2020 })).toBe("years >= 2020");
    expect(buildMeilisearchFilter({ yearTo: 2020 })).toBe("years <= 2020");
    expect(buildMeilisearchFilter({ yearFrom: 2020, yearTo: 2020 })).toBe("years 2020 TO 2020");
  });

  it("refuses empty lists and non-integer numbers, which the API never lets through", () => {
    expect(() => buildMeilisearchFilter({ sectors: [] })).toThrow(/filter.sectors is an empty list/);
    expect(() => buildMeilisearchFilter({ regionCodes: [] })).toThrow(/filter.regionCodes is an empty list/);
    expect(() => buildMeilisearchFilter({ yearFrom: 2020.5 })).toThrow(RangeError);
    expect(() => buildMeilisearchFilter({ sdgs: [Number.POSITIVE_INFINITY] })).toThrow(RangeError);
  });

  it("quotes a hostile region code so that it stays one value", () => {
    const code = `33" OR sector = "health`;
    const filter = buildMeilisearchFilter({ regionCodes: [code], statuses: ["stopped"] });
    expect(filter).toBe(String.raw`provinceCode IN ["33\" OR sector = \"health"] AND status IN ["stopped"]`);
    expect(parseMeilisearchFilter(filter!)).toEqual({
      type: "and",
      items: [inNode("provinceCode", [code]), inNode("status", ["stopped"])],
    });
  });

  it("never lets a value change what the filter means (property)", () => {
    fc.assert(
      fc.property(searchFilter, (filter) => {
        const built = buildMeilisearchFilter(filter);
        const intended = intendedTree(filter);
        if (intended === undefined) {
          expect(built).toBeUndefined();
        } else {
          expect(built).toBeDefined();
          expect(parseMeilisearchFilter(built!)).toEqual(intended);
        }
      }),
      { numRuns: 2_000 },
    );
  });
});
