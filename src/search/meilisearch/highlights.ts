/**
 * Highlights for Meilisearch hits, made by the analyser's highlighter (text/highlight.ts): inflected
 * forms, lexicon synonyms and typo corrections are marked as the index matched them. (The Postgres
 * engine has Postgres mark its hits with ts_headline and its Indonesian stemmer from the same query
 * terms; on the judged queries the two mark the same words in 527 of 530 names and summaries.)
 * Meilisearch's own `_formatted` is not used: it would mark the rewritten query terms (see
 * documents.ts), not the words the user's query matched.
 *
 * Meilisearch does not say which words it typo-corrected. They are found the way the Postgres engine
 * finds them, only among the words of the hits on the page instead of the whole vocabulary: a query
 * word within its typo budget of a word in the hits ("hendy" → "hendi") is highlighted as that word.
 */
import type { SearchHighlights } from "../search-backend";
import { buildQueryPlan, planTerms, selectCorrections, wordsToCorrect, queryWords } from "../text/analyzer";
import { lazyHighlights } from "../text/highlight";
import type { SearchLexicon } from "../text/lexicon";
import { foldWords } from "../text/normalise";

/** The text of a hit that highlights are cut from. */
export interface HighlightSource {
  readonly name: string;
  readonly summary: string | null;
  readonly narrative: string | null;
}

/**
 * A function giving each hit of one response its highlights for `query`: the name in full, the
 * summary and narrative cropped to SNIPPET_WORDS words around the first match. Pure.
 */
export function meilisearchHighlighter(
  query: string,
  lexicon: SearchLexicon,
  hits: readonly HighlightSource[],
): (hit: HighlightSource) => SearchHighlights {
  const vocabulary = new Set<string>();
  for (const hit of hits) for (const text of [hit.name, hit.summary, hit.narrative]) for (const w of foldWords(text)) vocabulary.add(w);
  const candidates = [...vocabulary];
  const corrections = new Map<string, string[]>();
  for (const word of wordsToCorrect(queryWords(query, lexicon), lexicon)) {
    if (vocabulary.has(word)) continue;
    const found = selectCorrections(word, candidates);
    if (found.length > 0) corrections.set(word, found);
  }
  const terms = planTerms(buildQueryPlan(query, lexicon, corrections));
  return (hit) => lazyHighlights(hit, terms);
}
