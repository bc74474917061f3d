/**
 * The filter and facet columns of the Postgres engine's documents. Pure functions, no I/O.
 *
 * Filters on sector, region, SDG, level, tier and status are lexemes of their own in `search_vector`
 * ("~sector:health", "~province:33", "~level:national"), so that a search narrows by text and by them
 * in one GIN condition: Postgres intersects the posting lists in the index and reads only the rows that
 * match. Reading a row costs far more than merging a posting list: at 100,000 innovations, "desa" with
 * a national-level, continuing-status filter read 81,000 rows to keep 30,000 while the filter was
 * checked on the rows, and takes a third less time since it is in the index (bench/search-bench.ts).
 * The "~" prefix keeps them apart from words: the analyser only ever produces a–z and 0–9, so no
 * query word (not even a prefix being typed) can match a filter lexeme.
 *
 * Year ranges stay a check on each matching row (a bit mask, see FACET_COLUMNS): a range of years
 * would be an OR of many long posting lists, which costs every search that uses it more than it saves.
 */
import { AWARD_TIERS, COMPETITION_LEVELS, INNOVATION_STATUSES, SECTORS, type Sector } from "../domain/enums";
import type { SearchFilter } from "./search-backend";
import { SECTOR_LABELS, type SearchDocument, type SearchFacetName } from "./search-fields";
import { foldWords } from "./text/normalise";

/**
 * The years an open year filter is expanded over: from the edition year constraint's 1990 to ten years
 * past the current one (an upper bound of 2100, as the constraint allows, would make every row compare
 * against eighty codes that no award has).
 */
export const FILTER_MIN_YEAR = 1990;
export function filterMaxYear(now: Date = new Date()): number {
  return now.getUTCFullYear() + 10;
}

const VALUE = /^[a-z0-9_.]+$/;

function lexeme(field: string, value: string | number): string {
  const text = String(value);
  // Values are enum codes, region codes and numbers, validated by the API; anything else is a bug.
  if (!VALUE.test(text)) throw new Error(`Refusing to build a filter lexeme from ${JSON.stringify(text)}`);
  return `~${field}:${text}`;
}

/**
 * The filter lexemes of a document, in a fixed order (sector, province, region, the SDGs, levels, tiers,
 * status): what `search_document.filter_terms` holds.
 */
export function documentFilterTerms(doc: SearchDocument): string[] {
  return [
    lexeme("sector", doc.sector),
    ...(doc.provinceCode ? [lexeme("province", doc.provinceCode)] : []),
    ...(doc.regionCode ? [lexeme("region", doc.regionCode)] : []),
    ...doc.sdgs.map((v) => lexeme("sdg", v)),
    ...doc.levels.map((v) => lexeme("level", v)),
    ...doc.tiers.map((v) => lexeme("tier", v)),
    ...(doc.status ? [lexeme("status", doc.status)] : []),
  ];
}

const quote = (l: string) => `'${l}'`;
const anyOf = (lexemes: readonly string[]) => (lexemes.length === 1 ? quote(lexemes[0]) : `(${lexemes.map(quote).join(" | ")})`);

/**
 * A filter but its years (sectors, region codes, SDGs, levels, tiers, statuses) as tsquery text, to be
 * cast with `::tsquery` (which reads lexemes verbatim), or null when the filter has none of them. Lists
 * are ORs, fields are ANDed; a province code matches the document's province, any other code its
 * region. An empty list matches nothing (a lexeme no document has).
 */
export function filterTsquery(filter: SearchFilter): string | null {
  const parts: string[] = [];
  const list = (lexemes: readonly string[] | undefined) => {
    if (lexemes !== undefined) parts.push(lexemes.length === 0 ? quote("~none") : anyOf(lexemes));
  };
  list(filter.sectors?.map((v) => lexeme("sector", v)));
  list(filter.regionCodes?.map((c) => (c.includes(".") ? lexeme("region", c) : lexeme("province", c))));
  list(filter.sdgs?.map((v) => lexeme("sdg", v)));
  list(filter.levels?.map((v) => lexeme("level", v)));
  list(filter.tiers?.map((v) => lexeme("tier", v)));
  list(filter.statuses?.map((v) => lexeme("status", v)));
  return parts.length > 0 ? parts.join(" & ") : null;
}

/**
 * The rest of a filter (its years) as lists of facet codes: a row matches when its facet codes overlap
 * every list. A year range is any award year within it; an open range ends ten years from now (see
 * filterMaxYear). An empty range matches nothing.
 */
export function filterFacetCodes(filter: SearchFilter): number[][] {
  if (filter.yearFrom == null && filter.yearTo == null) return [];
  const from = Math.max(FILTER_MIN_YEAR, filter.yearFrom ?? FILTER_MIN_YEAR);
  const to = filter.yearTo ?? filterMaxYear();
  return [from <= to ? Array.from({ length: to - from + 1 }, (_, i) => facetCode("year", from + i)) : []];
}

/**
 * Facet values as integers, `facet number × 1,000,000 + value`, so that counting every facet of
 * thousands of hits is one pass over small integer arrays (`search_document.facet_codes`). A value is
 * its index in the vocabulary for sector, level, tier and status, and the number itself for
 * province (the code, "33" → 33), year and SDG.
 */
const FACET_NUMBER: Readonly<Record<SearchFacetName, number>> = { sector: 1, province: 2, level: 3, tier: 4, year: 5, sdg: 6, status: 7 };
const FACET_VOCABULARY: Readonly<Partial<Record<SearchFacetName, readonly string[]>>> = {
  sector: SECTORS,
  level: COMPETITION_LEVELS,
  tier: AWARD_TIERS,
  status: INNOVATION_STATUSES,
};
export const FACET_CODE_BASE = 1_000_000;

function facetCode(facet: SearchFacetName, value: string | number): number {
  const vocabulary = FACET_VOCABULARY[facet];
  const n = vocabulary ? vocabulary.indexOf(String(value)) : Number(value);
  if (!Number.isInteger(n) || n < 0 || n >= FACET_CODE_BASE) throw new Error(`No facet code for ${facet} ${JSON.stringify(value)}`);
  return FACET_NUMBER[facet] * FACET_CODE_BASE + n;
}

/** The facet codes of a document, in a fixed order (sector, province, levels, tiers, years, SDGs, status). */
export function documentFacetCodes(doc: SearchDocument): number[] {
  return [
    facetCode("sector", doc.sector),
    ...(doc.provinceCode ? [facetCode("province", doc.provinceCode)] : []),
    ...doc.levels.map((v) => facetCode("level", v)),
    ...doc.tiers.map((v) => facetCode("tier", v)),
    ...doc.years.map((v) => facetCode("year", v)),
    ...doc.sdgs.map((v) => facetCode("sdg", v)),
    ...(doc.status ? [facetCode("status", doc.status)] : []),
  ];
}

/**
 * The facet columns of `search_document`, generated by Postgres from `facet_codes` (migration
 * 1763930000000): a value column holds the facet's number for the single-valued facets (sector,
 * province, status), a mask column one bit per value from `base` (value = base + bit) for the
 * multi-valued ones. A search counts facets by grouping the matched rows on them (GROUPING SETS).
 */
export interface FacetColumn {
  readonly facet: SearchFacetName;
  readonly column: string;
  /** Null for a value column; the value of bit 0 for a mask column (which holds 63 values). */
  readonly base: number | null;
}
export const FACET_COLUMNS: readonly FacetColumn[] = [
  { facet: "sector", column: "facet_sector", base: null },
  { facet: "province", column: "facet_province", base: null },
  { facet: "level", column: "facet_levels", base: 0 },
  { facet: "tier", column: "facet_tiers", base: 0 },
  { facet: "year", column: "facet_years", base: FILTER_MIN_YEAR },
  { facet: "year", column: "facet_years_late", base: FILTER_MIN_YEAR + 63 },
  { facet: "sdg", column: "facet_sdgs", base: 0 },
  { facet: "status", column: "facet_status", base: null },
];

/** The generation expression of a facet column (as the migration wrote it; the migrations test compares). */
export function facetColumnExpression(column: FacetColumn): string {
  const n = FACET_NUMBER[column.facet];
  return column.base === null ? `search_facet_value(facet_codes, ${n})` : `search_facet_mask(facet_codes, ${n}, ${column.base})`;
}

/**
 * The facet values one group of a facet column stands for: its value, or each bit of its mask (a
 * bigint, read as text). Null (an innovation without that value) stands for none.
 */
export function facetColumnValues(column: FacetColumn, value: string | number | null): number[] {
  if (value === null) return [];
  if (column.base === null) return [Number(value)];
  const values: number[] = [];
  // Number arithmetic on 32-bit halves, one step per set bit, and BigInt only to split a mask above
  // 2^53: a search with 50,000 hits has thousands of distinct year masks, and a BigInt shift per bit
  // cost milliseconds.
  const text = String(value);
  let low: number;
  let high: number;
  if (text.length <= 15) {
    const n = Number(text);
    low = n % 0x100000000;
    high = Math.floor(n / 0x100000000);
  } else {
    const mask = BigInt(text);
    low = Number(mask & 0xffffffffn);
    high = Number(mask >> 32n);
  }
  for (const [half, offset] of [
    [low, 0],
    [high, 32],
  ] as const) {
    for (let bits = half >>> 0; bits !== 0; bits = (bits & (bits - 1)) >>> 0) values.push(column.base + offset + 31 - Math.clz32(bits & -bits));
  }
  return values;
}

/** One test on a mask column: the row's mask shares a bit with `mask`. */
export interface FacetColumnTest {
  readonly column: string;
  /** A bigint, as decimal text. */
  readonly mask: string;
}

/**
 * The rest of a filter (its years, see filterFacetCodes) as tests on the year masks: a row matches
 * when, for every list, one of the list's tests holds. An empty list matches nothing.
 */
export function filterFacetColumns(filter: SearchFilter): FacetColumnTest[][] {
  return filterFacetCodes(filter).map((codes) => {
    const masks = new Map<FacetColumn, bigint>();
    for (const code of codes) {
      const number = Math.floor(code / FACET_CODE_BASE);
      const n = code % FACET_CODE_BASE;
      const column = FACET_COLUMNS.find((c) => FACET_NUMBER[c.facet] === number && c.base !== null && n >= c.base && n < c.base + 63);
      if (!column) continue; // a year past the last mask: no innovation can have it
      masks.set(column, (masks.get(column) ?? 0n) | (1n << BigInt(n - (column.base as number))));
    }
    return [...masks].map(([c, m]) => ({ column: c.column, mask: m.toString() }));
  });
}

/** The bucket value (as SearchFacetBucket.value) of a facet's number; null when it is not in the vocabulary. */
export function facetBucketValue(facet: SearchFacetName, n: number): string | null {
  let values = BUCKET_VALUES.get(facet);
  if (values === undefined) BUCKET_VALUES.set(facet, (values = new Map()));
  let value = values.get(n);
  if (value === undefined) values.set(n, (value = decodeFacetCode(FACET_NUMBER[facet] * FACET_CODE_BASE + n)?.value ?? null));
  return value;
}

/** facetBucketValue's answers, per facet: a search decodes the same few values thousands of times. */
const BUCKET_VALUES = new Map<SearchFacetName, Map<number, string | null>>();

/** The facet and bucket value (as SearchFacetBucket.value) of a code; null for an unknown code. */
export function decodeFacetCode(code: number): { facet: SearchFacetName; value: string } | null {
  const number = Math.floor(code / FACET_CODE_BASE);
  const n = code % FACET_CODE_BASE;
  const facet = (Object.keys(FACET_NUMBER) as SearchFacetName[]).find((f) => FACET_NUMBER[f] === number);
  if (!facet) return null;
  const vocabulary = FACET_VOCABULARY[facet];
  if (vocabulary) return n < vocabulary.length ? { facet, value: vocabulary[n] } : null;
  return { facet, value: facet === "province" ? String(n).padStart(2, "0") : String(n) };
}

/** The folded words of each of a sector's labels ("lingkungan hidup" → ["lingkungan", "hidup"]). */
const SECTOR_LABEL_WORDS: readonly { sector: Sector; words: readonly string[] }[] = SECTORS.flatMap((sector) =>
  SECTOR_LABELS[sector].map((label) => ({ sector, words: foldWords(label) })),
);

/**
 * The facet codes of the sectors a query group names: those with a label all of whose words are among
 * the group's lexemes ("kesehatan", "health" name the health sector; "lingkungan" alone names none).
 * With `allowed` (a filter's sectors), only those of them: no hit of the search can have another.
 */
export function sectorCodesNamedBy(lexemes: ReadonlySet<string>, allowed?: readonly string[]): number[] {
  const sectors = new Set(SECTOR_LABEL_WORDS.filter((l) => l.words.length > 0 && l.words.every((w) => lexemes.has(w))).map((l) => l.sector));
  return [...sectors].filter((s) => allowed === undefined || allowed.includes(s)).map((s) => facetCode("sector", s));
}
