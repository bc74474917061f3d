/**
 * The Meilisearch index settings, derived from the search definitions (search-fields.ts) and the
 * lexicon data (seeds/search). Pure: the same definitions and lexicon always give the same settings,
 * which are applied and awaited whenever an index is created (meilisearch-index.ts).
 */
import type { Settings } from "meilisearch";
import { FILTERABLE_ATTRIBUTES, SEARCH_TEXT_WEIGHTS, SORTABLE_ATTRIBUTES } from "../search-fields";
import { ONE_TYPO_MIN_LENGTH, TWO_TYPOS_MIN_LENGTH } from "../text/analyzer";
import type { SearchLexicon } from "../text/lexicon";
import { meilisearchTerm, TERM_ATTRIBUTES } from "./documents";

/**
 * Searchable attributes in ranking order: each weight group of SEARCH_TEXT_WEIGHTS, followed by its
 * analysed terms. A match in the name (or its terms) outranks one in the summary, which outranks one
 * in the narrative.
 */
export function searchableAttributes(): string[] {
  return (Object.keys(SEARCH_TEXT_WEIGHTS) as (keyof typeof SEARCH_TEXT_WEIGHTS)[]).flatMap((weight) => [
    ...SEARCH_TEXT_WEIGHTS[weight],
    TERM_ATTRIBUTES[weight],
  ]);
}

/**
 * Ranking rules. `sort` comes first so that an explicit order (year, award rank) is the order, with
 * relevance breaking ties; without a sort it does nothing. Then Meilisearch's relevance rules
 * (`attribute` applies the searchable order above), then better awards before otherwise equal hits,
 * then the innovation id, which makes every order total and pages stable (and is the browse order of
 * an empty query: best award, then id).
 */
export const RANKING_RULES = [
  "sort",
  "words",
  "typo",
  "proximity",
  "attribute",
  "exactness",
  "bestTierRank:asc",
  "innovationId:asc",
] as const;

/**
 * Synonyms from the lexicon's groups (synonym groups and acronyms with their expansions). Every member
 * of a group finds every other, in both its folded form and its searched form (`meilisearchTerm` of
 * each word, which is what queries are rewritten to), so "keluhan" (sent as "keluh") finds "aduan" and
 * "complaint", and "sekolah filial" finds "selfi". A word in several groups gets the union.
 */
export function meilisearchSynonyms(lexicon: SearchLexicon): Record<string, string[]> {
  const synonyms = new Map<string, Set<string>>();
  for (const group of lexicon.groups) {
    const forms = new Set<string>();
    for (const words of group) {
      forms.add(words.join(" "));
      forms.add(words.map(meilisearchTerm).join(" "));
    }
    for (const form of forms) {
      const others = synonyms.get(form) ?? new Set<string>();
      for (const other of forms) if (other !== form) others.add(other);
      synonyms.set(form, others);
    }
  }
  return Object.fromEntries(
    [...synonyms.entries()]
      .filter(([, others]) => others.size > 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([form, others]) => [form, [...others].sort()]),
  );
}

/**
 * Most hits Meilisearch counts (`totalHits` is capped at it), so `totalCount` is exact up to this many.
 * Paging is bounded separately and much lower (MAX_SEARCH_WINDOW): the API refuses deeper pages.
 */
export const MAX_TOTAL_HITS = 1_000_000;

/** Every setting of the index. */
export function buildMeilisearchSettings(lexicon: SearchLexicon): Settings {
  return {
    searchableAttributes: searchableAttributes(),
    filterableAttributes: [...FILTERABLE_ATTRIBUTES],
    sortableAttributes: [...SORTABLE_ATTRIBUTES],
    rankingRules: [...RANKING_RULES],
    synonyms: meilisearchSynonyms(lexicon),
    stopWords: [...lexicon.stopwords].sort(),
    // The Postgres engine's typo budget (analyzer.ts), and the same exception: lexicon words, in their
    // folded and their searched forms, are never corrected into something else.
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: ONE_TYPO_MIN_LENGTH, twoTypos: TWO_TYPOS_MIN_LENGTH },
      disableOnNumbers: true,
      disableOnWords: [...new Set([...lexicon.knownWords].flatMap((w) => [w, meilisearchTerm(w)]))].sort(),
    },
    faceting: { maxValuesPerFacet: 100 },
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
  };
}
