/**
 * The one definition of what a search document holds and how it is searched, filtered, sorted and
 * faceted. Both engines derive from it: the Postgres engine's table and SQL, the Meilisearch settings
 * (searchable, filterable and sortable attributes), and the GraphQL search inputs and facet enum.
 * Adding a filter, facet or sort starts here.
 */
import {
  AWARD_TIERS,
  COMPETITION_LEVELS,
  INNOVATION_STATUSES,
  SECTORS,
  type CompetitionLevel,
  type Sector,
} from "../domain/enums";

/**
 * An innovation as the search engines see it: one flat record, built by the pure projection in
 * search-document.ts from the innovation, its institution, its region and its awards.
 * Attribute names are camelCase and identical in both engines.
 */
export interface SearchDocument {
  /** `String(innovation.id)`: Meilisearch's primary key; stable for the life of the innovation. */
  readonly id: string;
  readonly innovationId: number;
  readonly slug: string;
  readonly name: string;
  readonly acronym: string | null;
  readonly acronymExpansion: string | null;
  readonly aliases: readonly string[];
  readonly summary: string | null;
  /** The narrative sections (problem, objectives, novelty, implementation, results, …) joined by blank lines. */
  readonly narrative: string | null;
  readonly institutionName: string;
  /** Names of the innovation's region and its province, e.g. ["Kota Semarang", "Jawa Tengah"]. */
  readonly regionNames: readonly string[];
  /**
   * The awards as words: each label with the competition's short name and year ("Top 45 KIPP 2019"),
   * each competition's full name, and what its level is called ({@link AWARD_LEVEL_LABELS}).
   */
  readonly awardLabels: readonly string[];
  /** What people call the sector, in Indonesian and English (see {@link SECTOR_LABELS}), so "health" finds it. */
  readonly sectorLabels: readonly string[];
  readonly sector: string;
  /** Province code ("33"); null when the innovation has no region (a ministry's national programme). */
  readonly provinceCode: string | null;
  /** The innovation's own region code: a province ("33") or a regency/city ("33.74"). */
  readonly regionCode: string | null;
  readonly levels: readonly string[];
  readonly tiers: readonly string[];
  readonly years: readonly number[];
  readonly sdgs: readonly number[];
  readonly status: string | null;
  /** AWARD_TIER_RANK of the best award (1 = outstanding); null without awards. */
  readonly bestTierRank: number | null;
  /** Year of the latest award; null without awards. */
  readonly latestYear: number | null;
}

export type SearchDocumentAttribute = keyof SearchDocument & string;

/**
 * Text attributes in ranking order: a match in an earlier group outranks one in a later group.
 * Postgres maps the groups onto tsvector weights A, B, C (and D for the rest); Meilisearch uses the
 * flattened order as `searchableAttributes`.
 */
export const SEARCH_TEXT_WEIGHTS = {
  A: ["name", "acronym", "acronymExpansion", "aliases"],
  B: ["summary", "institutionName", "regionNames"],
  C: ["narrative"],
  D: ["awardLabels", "sectorLabels"],
} as const satisfies Record<"A" | "B" | "C" | "D", readonly SearchDocumentAttribute[]>;

export const SEARCHABLE_ATTRIBUTES: readonly SearchDocumentAttribute[] = [
  ...SEARCH_TEXT_WEIGHTS.A,
  ...SEARCH_TEXT_WEIGHTS.B,
  ...SEARCH_TEXT_WEIGHTS.C,
  ...SEARCH_TEXT_WEIGHTS.D,
];

/** Attributes the highlights are taken from (`SearchHighlights`). */
export const HIGHLIGHT_ATTRIBUTES = ["name", "summary", "narrative"] as const satisfies readonly SearchDocumentAttribute[];

/**
 * How each `SearchFilter` field maps onto document attributes.
 * - `in`: the attribute (scalar or array) holds one of the given values;
 * - `range`: the attribute (number or number array) has ONE value within [from, to] (an innovation
 *   with awards in 2015 and 2023 does not match 2018–2020). In Meilisearch that is one condition,
 *   `years from TO to`, not `years >= from AND years <= to` (which two different values could satisfy).
 *   A missing bound is open: `yearFrom` alone means from that year on.
 * - `region`: a province code matches `provinceCode`, any other code matches `regionCode`.
 */
export const SEARCH_FILTER_FIELDS = {
  sectors: { kind: "in", attribute: "sector", values: SECTORS },
  regionCodes: { kind: "region", attributes: ["provinceCode", "regionCode"] },
  levels: { kind: "in", attribute: "levels", values: COMPETITION_LEVELS },
  tiers: { kind: "in", attribute: "tiers", values: AWARD_TIERS },
  years: { kind: "range", attribute: "years", from: "yearFrom", to: "yearTo" },
  sdgs: { kind: "in", attribute: "sdgs", values: null },
  statuses: { kind: "in", attribute: "status", values: INNOVATION_STATUSES },
} as const;

/**
 * What each sector is called, in Indonesian and English: indexed with the document (text group D) so
 * that a query naming the sector finds innovations whose own text does not. The Postgres engine also
 * ranks an innovation whose sector a query names like one that names it in its summary.
 */
export const SECTOR_LABELS: Readonly<Record<Sector, readonly string[]>> = {
  health: ["kesehatan", "health"],
  education: ["pendidikan", "education"],
  agriculture: ["pertanian", "perikanan", "peternakan", "agriculture", "fisheries"],
  economy: ["ekonomi", "economy"],
  environment: ["lingkungan hidup", "environment"],
  governance: ["tata kelola pemerintahan", "governance"],
  social_protection: ["perlindungan sosial", "kesejahteraan sosial", "social protection", "welfare"],
  population_administration: ["administrasi kependudukan", "pencatatan sipil", "population administration", "civil registration"],
  public_order: ["ketertiban umum", "keamanan", "public order", "safety"],
  law_enforcement: ["penegakan hukum", "hukum", "law enforcement", "legal"],
  licensing: ["perizinan", "licensing", "permits"],
  complaints: ["pengaduan", "complaints"],
  transport: ["perhubungan", "transportasi", "transport"],
  other: [],
};

/**
 * What an award's competition level is called, indexed with the award labels so that "juara tingkat
 * nasional" finds national winners. Regency and city levels are left out: their competitions carry
 * the region in their names, and "kota"/"kabupaten" would otherwise match every local award.
 */
export const AWARD_LEVEL_LABELS: Readonly<Partial<Record<CompetitionLevel, string>>> = {
  international: "internasional international",
  national: "nasional national",
  provincial: "provinsi provincial",
};

/** Facets the API can count, each over one document attribute. */
export const SEARCH_FACETS = {
  sector: "sector",
  province: "provinceCode",
  level: "levels",
  tier: "tiers",
  year: "years",
  sdg: "sdgs",
  status: "status",
} as const satisfies Record<string, SearchDocumentAttribute>;

export type SearchFacetName = keyof typeof SEARCH_FACETS;
export const SEARCH_FACET_NAMES = Object.keys(SEARCH_FACETS) as SearchFacetName[];

/**
 * Sort fields. `relevance` is the engine's own ranking; the others sort by a document attribute, with
 * relevance and then `innovationId` breaking ties so pages are stable.
 */
export const SEARCH_SORTS = {
  relevance: null,
  year: "latestYear",
  awardRank: "bestTierRank",
} as const satisfies Record<string, SearchDocumentAttribute | null>;

export type SearchSortField = keyof typeof SEARCH_SORTS;

/** Every attribute a filter touches: Meilisearch's `filterableAttributes`. */
export const FILTERABLE_ATTRIBUTES: readonly SearchDocumentAttribute[] = [
  ...new Set<SearchDocumentAttribute>([
    ...Object.values(SEARCH_FILTER_FIELDS).flatMap((f): SearchDocumentAttribute[] =>
      "attribute" in f ? [f.attribute] : [...f.attributes],
    ),
    ...Object.values(SEARCH_FACETS),
  ]),
];

/** Meilisearch's `sortableAttributes`. */
export const SORTABLE_ATTRIBUTES: readonly SearchDocumentAttribute[] = Object.values(SEARCH_SORTS).filter(
  (a): a is Exclude<(typeof SEARCH_SORTS)[SearchSortField], null> => a !== null,
);
