/**
 * Turns documents into index terms and queries into query plans, with the same normalisation on both
 * sides. Pure functions, no I/O: the one thing a query plan needs from the index (which words exist,
 * for typo correction) is passed in.
 *
 * Index side: every folded word is indexed together with its variants (roots without Indonesian
 * prefixes and suffixes, English singulars; see stemmer.ts).
 *
 * Query side: a query is a list of groups, all of which must match (except optional ones); a group is
 * a list of alternatives, any of which satisfies it; an alternative is a list of words, all of which
 * must occur. "keluhan semarang" becomes
 * `(keluhan|keluh|… | aduan | pengaduan | complaint | …) AND (semarang)`.
 */
import type { SearchLexicon } from "./lexicon";
import { foldWords } from "./normalise";
import { wordVariants } from "./stemmer";

/**
 * Index terms of a text: each folded word followed by its variants, in text order.
 *
 * @example indexTerms("Membangun Desa") // ["membangun", "bangun", "desa"]
 */
export function indexTerms(text: string | null | undefined): string[] {
  const out: string[] = [];
  for (const word of foldWords(text)) out.push(word, ...wordVariants(word));
  return out;
}

/** One word of an alternative: any of `lexemes`, or (when set) any word starting with `prefix`. */
export interface WordMatch {
  /** Folded words and variants, a–z and 0–9 only. */
  readonly lexemes: readonly string[];
  /** Set on the last word of the query: it may be a word still being typed. */
  readonly prefix: string | null;
}

/** One way to satisfy a group: every word must occur. */
export interface Alternative {
  readonly words: readonly WordMatch[];
  /** Reached only through a typo correction; ranks below exact alternatives. */
  readonly fuzzy: boolean;
}

/** One unit of meaning in a query: a word, or a phrase the lexicon knows ("sekolah filial", "jawa tengah"). */
export interface QueryGroup {
  /** The query words the group stands for. */
  readonly words: readonly string[];
  /** A generic word (see the lexicon's optional list) that results need not contain. */
  readonly optional: boolean;
  readonly alternatives: readonly Alternative[];
}

/** A parsed query, ready to be turned into an engine query. Empty `groups` means browse. */
export interface QueryPlan {
  readonly groups: readonly QueryGroup[];
}

/** Shortest word that may have one typo, and shortest that may have two (Meilisearch's defaults). */
export const ONE_TYPO_MIN_LENGTH = 5;
export const TWO_TYPOS_MIN_LENGTH = 9;
/** Shortest last word that is also matched as a prefix. */
export const MIN_PREFIX_LENGTH = 2;
/** Most alternatives per group; lexicon expansion beyond this is dropped. */
export const MAX_ALTERNATIVES = 24;

/** How many typos a word of this length may have. */
export function typoBudget(word: string): number {
  if (/^[0-9]+$/.test(word)) return 0;
  if (word.length >= TWO_TYPOS_MIN_LENGTH) return 2;
  if (word.length >= ONE_TYPO_MIN_LENGTH) return 1;
  return 0;
}

/** The query's words after stopwords are removed (all of them are kept when nothing else is left). */
export function queryWords(query: string, lexicon: SearchLexicon): string[] {
  const words = foldWords(query);
  const content = words.filter((w) => !lexicon.stopwords.has(w));
  return content.length > 0 ? content : words;
}

/**
 * Words of a query that the index must be asked about for typo correction: long enough to have a
 * typo budget and unknown to the lexicon. Whether the index knows them is the caller's question.
 */
export function wordsToCorrect(words: readonly string[], lexicon: SearchLexicon): string[] {
  return [...new Set(words.filter((w) => typoBudget(w) > 0 && !lexicon.knownWords.has(w)))];
}

/**
 * Words to look up in the index's vocabulary: those to correct (see wordsToCorrect), and the last
 * word when the lexicon does not know it, to learn whether it is complete or still being typed.
 */
export function wordsToLookUp(words: readonly string[], lexicon: SearchLexicon): string[] {
  const last = words[words.length - 1];
  const lookUp = wordsToCorrect(words, lexicon);
  if (last !== undefined && last.length >= MIN_PREFIX_LENGTH && !lexicon.knownWords.has(last) && !lookUp.includes(last)) lookUp.push(last);
  return lookUp;
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions), giving up above `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push(new Array<number>(b.length + 1).fill(0));
    rows[i][0] = i;
  }
  for (let j = 0; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
  }
  return rows[a.length][b.length];
}

/**
 * Typo corrections for a word from candidate index words (e.g. trigram neighbours): those within the
 * word's typo budget, closest first, at most `limit`. When some candidates are words of the lexicon
 * (the domain's vocabulary: "pengaduan"), only those are kept ("pengadaun" is corrected to
 * "pengaduan", not also to "pengadaan").
 */
export function selectCorrections(word: string, candidates: readonly string[], lexicon?: SearchLexicon, limit = 3): string[] {
  const budget = typoBudget(word);
  if (budget === 0) return [];
  const within = candidates
    .filter((c) => c !== word)
    .map((c) => ({ c, d: editDistance(word, c, budget) }))
    .filter((x) => x.d <= budget)
    .sort((x, y) => x.d - y.d || (x.c < y.c ? -1 : x.c > y.c ? 1 : 0));
  const known = lexicon ? within.filter((x) => lexicon.knownWords.has(x.c)) : [];
  return (known.length > 0 ? known : within).slice(0, limit).map((x) => x.c);
}

function sameWord(queryWord: string, memberWord: string): boolean {
  return queryWord === memberWord || wordVariants(memberWord).includes(queryWord) || wordVariants(queryWord).includes(memberWord);
}

/** Lexicon members that start at `words[i]`, with how many query words each covers. */
function membersAt(words: readonly string[], i: number, lexicon: SearchLexicon): { group: number; length: number }[] {
  const first = words[i];
  const keys = [first, ...wordVariants(first)];
  const found: { group: number; length: number }[] = [];
  for (const key of keys) {
    for (const member of lexicon.membersByFirstWord.get(key) ?? []) {
      const n = member.words.length;
      if (i + n > words.length) continue;
      if (!member.words.every((w, k) => sameWord(words[i + k], w))) continue;
      if (!found.some((f) => f.group === member.group && f.length === n)) found.push({ group: member.group, length: n });
    }
  }
  return found;
}

/**
 * A query word with its variants, but not the variants that are stopwords: "pengadaan" is also
 * pe-ng-ada-an, and its variant "ada" ("there is") would match half the catalogue, and rank it, for a
 * search about procurement. The index still holds such variants; a query never asks for them.
 */
function literal(word: string, prefix: boolean, lexicon: SearchLexicon): WordMatch {
  const variants = wordVariants(word).filter((v) => !lexicon.stopwords.has(v));
  return { lexemes: [word, ...variants], prefix: prefix && word.length >= MIN_PREFIX_LENGTH ? word : null };
}

function memberAlternatives(group: number, lexicon: SearchLexicon, fuzzy: boolean): Alternative[] {
  return lexicon.groups[group].map((words) => ({ fuzzy, words: words.map((w) => ({ lexemes: [w], prefix: null })) }));
}

function dedupe(alternatives: Alternative[]): Alternative[] {
  const seen = new Map<string, Alternative>();
  for (const alt of alternatives) {
    const key = alt.words.map((w) => `${w.lexemes.join("|")}*${w.prefix ?? ""}`).join("&");
    const existing = seen.get(key);
    if (!existing || (existing.fuzzy && !alt.fuzzy)) seen.set(key, alt);
  }
  return [...seen.values()].slice(0, MAX_ALTERNATIVES);
}

/**
 * Builds the query plan of a sanitised query.
 *
 * - Stopwords are dropped (unless the query has nothing else).
 * - Phrases the lexicon knows ("sekolah filial", "jawa tengah", "pelayanan terpadu satu pintu") become
 *   one group, longest match first, whose alternatives are the phrase itself and every member of its
 *   lexicon groups ("SELFI", "jateng", "PTSP"…).
 * - Every other word is a group of itself (with its variants), its lexicon members, and its typo
 *   corrections with their lexicon members (marked fuzzy).
 * - The last word may also be a prefix ("lapor he" finds "Hendi"), unless it is a complete word: one
 *   the lexicon knows, or one of `completeWords` (the index's words), so that "sehat" does not also
 *   find every "sehati".
 * - Groups made of optional words are optional, unless every group is.
 *
 * @param corrections typo corrections by query word (see selectCorrections); words absent are taken as correct
 * @param completeWords query words known to be whole words of the index (see wordsToLookUp)
 */
export function buildQueryPlan(
  query: string,
  lexicon: SearchLexicon,
  corrections: ReadonlyMap<string, readonly string[]> = new Map(),
  completeWords: ReadonlySet<string> = new Set(),
): QueryPlan {
  const words = queryWords(query, lexicon);
  const last = words[words.length - 1];
  const prefixLast = last !== undefined && !lexicon.knownWords.has(last) && !completeWords.has(last);
  const groups: QueryGroup[] = [];
  let i = 0;
  while (i < words.length) {
    const members = membersAt(words, i, lexicon);
    const longest = Math.max(1, ...members.map((m) => m.length));
    const covered = words.slice(i, i + longest);
    const endsQuery = prefixLast && i + longest === words.length;
    const alternatives: Alternative[] = [];
    if (longest > 1) {
      alternatives.push({ fuzzy: false, words: covered.map((w, k) => literal(w, endsQuery && k === covered.length - 1, lexicon)) });
    } else {
      const word = covered[0];
      alternatives.push({ fuzzy: false, words: [literal(word, endsQuery, lexicon)] });
      for (const correction of corrections.get(word) ?? []) {
        alternatives.push({ fuzzy: true, words: [literal(correction, false, lexicon)] });
        for (const m of membersAt([correction], 0, lexicon)) alternatives.push(...memberAlternatives(m.group, lexicon, true));
      }
    }
    for (const m of members.filter((x) => x.length === longest)) alternatives.push(...memberAlternatives(m.group, lexicon, false));
    groups.push({
      words: covered,
      optional: covered.every((w) => lexicon.optional.has(w)),
      alternatives: dedupe(alternatives),
    });
    i += longest;
  }
  if (groups.every((g) => g.optional)) return { groups: groups.map((g) => ({ ...g, optional: false })) };
  return { groups };
}

/** Every lexeme and prefix a plan can match, for highlighting. */
export interface PlanTerms {
  readonly lexemes: ReadonlySet<string>;
  readonly prefixes: readonly string[];
}

export function planTerms(plan: QueryPlan): PlanTerms {
  const lexemes = new Set<string>();
  const prefixes = new Set<string>();
  for (const group of plan.groups) {
    for (const alt of group.alternatives) {
      for (const w of alt.words) {
        for (const l of w.lexemes) lexemes.add(l);
        if (w.prefix) prefixes.add(w.prefix);
      }
    }
  }
  return { lexemes, prefixes: [...prefixes] };
}
