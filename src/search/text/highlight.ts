/**
 * Highlighting with the same word normalisation as the index, so that whatever matched is what gets
 * marked: "pembangunan" is marked for the query "membangun", "Hendi" for "hendy" (through its
 * correction), "complaint" for "pengaduan" (through the lexicon). Meilisearch hits are highlighted
 * here; Postgres hits by ts_headline (postgres-search-backend.ts), shaped by {@link postgresHighlight},
 * and here only for a text the request did not say it would read. Pure functions, no I/O.
 */
import { HIGHLIGHT_POST_TAG, HIGHLIGHT_PRE_TAG, type SearchHighlights } from "../search-backend";
import type { PlanTerms } from "./analyzer";
import { foldWords } from "./normalise";
import { wordVariants } from "./stemmer";

/** Words of context kept around the first match when a text is cropped. */
export const SNIPPET_WORDS = 30;
const ELLIPSIS = "…";

/**
 * Whether each word seen so far matches, per set of terms: a response highlights the same terms in
 * twenty texts, whose words repeat, and folding and stemming a word costs more than looking it up.
 */
const MATCHED = new WeakMap<PlanTerms, Map<string, boolean>>();

function matches(segment: string, terms: PlanTerms): boolean {
  let seen = MATCHED.get(terms);
  if (seen === undefined) MATCHED.set(terms, (seen = new Map()));
  let result = seen.get(segment);
  if (result === undefined) {
    result = foldWords(segment).some(
      (word) =>
        terms.lexemes.has(word) ||
        terms.prefixes.some((p) => word.startsWith(p)) ||
        wordVariants(word).some((v) => terms.lexemes.has(v)),
    );
    seen.set(segment, result);
  }
  return result;
}

/**
 * Highlights made only when read: the name in full, the summary and narrative cropped to
 * SNIPPET_WORDS words around the first match, each computed once, on first use. A search that is not
 * asked for the narrative's highlight does not pay for it.
 */
export function lazyHighlights(
  source: { readonly name: string | null; readonly summary: string | null; readonly narrative: string | null },
  terms: PlanTerms,
): SearchHighlights {
  const cache: { name?: string | null; summary?: string | null; narrative?: string | null } = {};
  return {
    get name() {
      return cache.name === undefined ? (cache.name = highlightText(source.name, terms)) : cache.name;
    },
    get summary() {
      return cache.summary === undefined ? (cache.summary = highlightText(source.summary, terms, SNIPPET_WORDS)) : cache.summary;
    },
    get narrative() {
      return cache.narrative === undefined ? (cache.narrative = highlightText(source.narrative, terms, SNIPPET_WORDS)) : cache.narrative;
    },
  };
}

/**
 * The text with every matching word wrapped in the highlight tags. When `crop` is set and the text is
 * longer than `crop` words, only a window of `crop` words is returned, starting a few words before the
 * first match (or at the start when nothing matches), with "…" where text was cut.
 * Returns null for null or blank text.
 */
export function highlightText(text: string | null | undefined, terms: PlanTerms, crop: number | null = null): string | null {
  if (text == null || text.trim() === "") return null;
  // Alternating runs: word characters, then everything else.
  const parts = text.match(/[\p{L}\p{N}\p{M}]+|[^\p{L}\p{N}\p{M}]+/gu) ?? [];
  const isWord = (part: string) => /[\p{L}\p{N}]/u.test(part);
  const wordIndexes = parts.map((p, i) => (isWord(p) ? i : -1)).filter((i) => i >= 0);
  const marked = parts.map((p) => (isWord(p) && matches(p, terms) ? `${HIGHLIGHT_PRE_TAG}${p}${HIGHLIGHT_POST_TAG}` : p));
  if (crop === null || wordIndexes.length <= crop) return marked.join("");

  const firstMatch = wordIndexes.findIndex((i) => marked[i] !== parts[i]);
  const startWord = Math.max(0, Math.min((firstMatch < 0 ? 0 : firstMatch) - 5, wordIndexes.length - crop));
  const endWord = Math.min(wordIndexes.length, startWord + crop);
  const from = startWord === 0 ? 0 : wordIndexes[startWord];
  const to = endWord === wordIndexes.length ? parts.length : wordIndexes[endWord - 1] + 1;
  return `${from > 0 ? ELLIPSIS : ""}${marked.slice(from, to).join("")}${to < parts.length ? ELLIPSIS : ""}`;
}

/**
 * A highlight Postgres made (`ts_headline`) of `text`, in the shape of {@link highlightText}'s: null
 * for null or blank text, and, when `cropped`, "…" where the excerpt leaves out text before or after
 * it. (ts_headline returns a run of the text's words with the marks added, and no sign of a cut.)
 */
export function postgresHighlight(text: string | null | undefined, marked: string | null | undefined, cropped: boolean): string | null {
  if (text == null || text.trim() === "" || marked == null) return null;
  if (!cropped) return marked;
  const plain = marked.split(HIGHLIGHT_PRE_TAG).join("").split(HIGHLIGHT_POST_TAG).join("");
  const at = text.indexOf(plain);
  if (at < 0) return marked;
  const before = text.slice(0, at).trim() !== "";
  const after = text.slice(at + plain.length).trim() !== "";
  return `${before ? ELLIPSIS : ""}${marked}${after ? ELLIPSIS : ""}`;
}
