/**
 * What the Meilisearch index holds and what it is asked: the shared projection plus analysed terms,
 * and queries rewritten to match them. Pure functions.
 *
 * Meilisearch has no Indonesian stemmer. Each document therefore also carries, per text weight group,
 * the same analysed terms the Postgres engine indexes (`documentTerms`: every folded word followed by
 * its variants, so "pembangunan" is also indexed as "bangunan" and "bangun"). A query word is sent as
 * its most reduced variant (see {@link meilisearchTerm}), which the documents hold for every inflected
 * form of the word: "membangun" is sent as "bangun" and finds "bangun", "pembangunan" and "dibangun".
 * The lexicon's synonyms are in the index settings (settings.ts), keyed by the same reduced forms.
 */
import { documentTerms } from "../postgres-search-index";
import type { SearchDocument } from "../search-fields";
import { queryWords } from "../text/analyzer";
import type { SearchLexicon } from "../text/lexicon";
import { wordVariants } from "../text/stemmer";

/** The analysed-terms attribute of each text weight group. */
export const TERM_ATTRIBUTES = { A: "termsA", B: "termsB", C: "termsC", D: "termsD" } as const;

type TermAttribute = (typeof TERM_ATTRIBUTES)[keyof typeof TERM_ATTRIBUTES];

/** A document in the Meilisearch index: the projection, plus analysed terms per weight group. */
export type MeilisearchDocument = SearchDocument & Readonly<Record<TermAttribute, string>>;

/**
 * The Meilisearch document of a projected innovation. `id` (the primary key) is the projection's.
 * Deterministic, like the projection: an unchanged innovation gives an equal document.
 */
export function toMeilisearchDocument(doc: SearchDocument): MeilisearchDocument {
  const terms = documentTerms(doc);
  return { ...doc, termsA: terms.A, termsB: terms.B, termsC: terms.C, termsD: terms.D };
}

/**
 * The form a folded word is searched under: its shortest variant (alphabetically first among equals),
 * or the word itself when it has none. Every inflected form of a root is indexed with the root among
 * its variants, so searching the root finds them all; "pengaduan", "aduan" and "mengadukan" all become
 * "adu". The choice is deterministic, so settings (synonym keys) and queries agree.
 */
export function meilisearchTerm(word: string): string {
  const variants = wordVariants(word);
  if (variants.length === 0) return word;
  return variants.reduce((best, v) => (v.length < best.length || (v.length === best.length && v < best) ? v : best));
}

/**
 * The `q` sent to Meilisearch for a sanitised query: its words folded, stopwords dropped (as the
 * Postgres engine drops them), each replaced by {@link meilisearchTerm}. Empty for an empty query
 * (browse). The last word stays last, so Meilisearch still matches it as a prefix while typing.
 */
export function meilisearchQueryText(query: string, lexicon: SearchLexicon): string {
  if (query.trim() === "") return "";
  return queryWords(query, lexicon).map(meilisearchTerm).join(" ");
}
