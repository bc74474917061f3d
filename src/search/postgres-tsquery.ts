/**
 * Turns a {@link QueryPlan} into Postgres tsquery text. User text never reaches tsquery syntax: the
 * plan holds only lexemes the analyser produced (a–z and 0–9, checked again here), which are quoted
 * and combined with operators chosen by this module. The text is passed to `to_tsquery('simple', $n)`
 * as a parameter, so the index side (to_tsvector('simple', …)) and the query side split words alike.
 */
import { planTerms, type Alternative, type QueryGroup, type QueryPlan, type WordMatch } from "./text/analyzer";

/** Which alternatives a tsquery includes. */
export interface TsqueryMode {
  /** Include typo corrections (fuzzy alternatives). */
  readonly fuzzy: boolean;
  /** Include the last word's prefix match. */
  readonly prefix: boolean;
  /**
   * Put before every lexeme: "^" asks for the tagged copies of the name and summary words in
   * search_vector (see search_tagged in migration 1763950000000). Tagged text is cast to tsquery
   * as it is, never given to to_tsquery, whose parser would drop the tag.
   */
  readonly tag?: "^";
}

export const ALL: TsqueryMode = { fuzzy: true, prefix: true };
export const EXACT: TsqueryMode = { fuzzy: false, prefix: false };
/** Every alternative, as a match in the name or summary (the tagged words). */
export const IN_NAME_OR_SUMMARY: TsqueryMode = { fuzzy: true, prefix: true, tag: "^" };

const LEXEME = /^[a-z0-9]+$/;

function quote(lexeme: string, tag = ""): string {
  // The analyser only ever produces a–z and 0–9; anything else is a bug, not input to escape.
  if (!LEXEME.test(lexeme)) throw new Error(`Refusing to build a tsquery from a non-lexeme: ${JSON.stringify(lexeme)}`);
  return `'${tag}${lexeme}'`;
}

function wordQuery(word: WordMatch, mode: TsqueryMode): string {
  const prefix = mode.prefix ? word.prefix : null;
  // A prefix covers the word itself.
  const parts = word.lexemes.filter((l) => l !== prefix).map((l) => quote(l, mode.tag));
  if (prefix) parts.push(`${quote(prefix, mode.tag)}:*`);
  return parts.length === 1 ? parts[0] : `(${parts.join(" | ")})`;
}

function alternativeQuery(alt: Alternative, mode: TsqueryMode): string {
  const words = alt.words.map((w) => wordQuery(w, mode));
  return words.length === 1 ? words[0] : `(${words.join(" & ")})`;
}

/**
 * tsquery text of one group: any of its alternatives (in `mode`), flat and without repeats. A word's
 * forms and the lexicon's members overlap ("kesehatan" is both the word and a synonym of "sehat"), and
 * the index evaluates the query once per candidate row: a repeated lexeme only costs time.
 */
export function groupTsquery(group: QueryGroup, mode: TsqueryMode): string {
  const parts = new Set<string>();
  for (const alt of group.alternatives) {
    if (!mode.fuzzy && alt.fuzzy) continue;
    if (alt.words.length === 1) {
      const prefix = mode.prefix ? alt.words[0].prefix : null;
      for (const l of alt.words[0].lexemes) if (l !== prefix) parts.add(quote(l, mode.tag));
      if (prefix) parts.add(`${quote(prefix, mode.tag)}:*`);
    } else {
      parts.add(alternativeQuery(alt, mode));
    }
  }
  const all = [...parts];
  return all.length === 1 ? all[0] : `(${all.join(" | ")})`;
}

/** tsquery text requiring every given group (AND); "" for none. */
export function allOf(groups: readonly QueryGroup[], mode: TsqueryMode): string {
  return groups.map((g) => groupTsquery(g, mode)).join(" & ");
}

/** tsquery text requiring any of the given groups (OR); "" for none. */
export function anyOf(groups: readonly QueryGroup[], mode: TsqueryMode): string {
  return groups.map((g) => groupTsquery(g, mode)).join(" | ");
}

/** The groups a result must match. */
export function requiredGroups(plan: QueryPlan): QueryGroup[] {
  return plan.groups.filter((g) => !g.optional);
}

/**
 * What `ts_headline` marks for a plan: every lexeme of it (its words, their forms, synonyms and typo
 * corrections), with the English plurals the analyser reads as singular, and the prefixes of words
 * still being typed. Null when there are none. Every word is a–z and 0–9 (checked here).
 */
export function highlightTerms(plan: QueryPlan): { readonly words: readonly string[]; readonly prefixes: readonly string[] } | null {
  const terms = planTerms(plan);
  for (const word of [...terms.lexemes, ...terms.prefixes]) quote(word);
  if (terms.lexemes.size === 0 && terms.prefixes.length === 0) return null;
  // Postgres's Indonesian stemmer leaves English plurals alone, where the analyser reads "complaints"
  // as "complaint" (stemmer.ts, englishSingular): the plurals are asked for too.
  const words = new Set(terms.lexemes);
  for (const l of terms.lexemes) {
    if (l.length < 4 || /[0-9]/.test(l)) continue;
    words.add(`${l}s`);
    if (l.endsWith("y")) words.add(`${l.slice(0, -1)}ies`);
  }
  return { words: [...words], prefixes: terms.prefixes };
}
