/**
 * Text normalisation shared by indexing and querying. Pure functions, no I/O.
 *
 * Two levels:
 * - {@link sanitiseQuery} turns what a user typed into plain words (the API layer applies it before any
 *   engine sees the query, so both engines receive the same words and no engine syntax);
 * - {@link foldWords} turns any text into the folded words the engines index and search:
 *   lower-case a–z and digits, diacritics removed.
 */

/** Longest query accepted, in characters (code points) of what the user sent. */
export const MAX_QUERY_LENGTH = 500;

/** Words of a query beyond this many are ignored: nobody types more, and each word costs a tsquery branch. */
export const MAX_QUERY_WORDS = 24;

/** Longest word kept; longer runs of letters are not words (base64, hashes) and would bloat the index. */
export const MAX_WORD_LENGTH = 40;

/**
 * Plain words from a user's query: Unicode-normalised (NFKC), with control and format characters,
 * unpaired surrogates, emoji, symbols, quotes and every operator character (`& | ! : * ( ) " ' -`)
 * replaced by spaces, whitespace collapsed, at most {@link MAX_QUERY_WORDS} words. What remains is
 * letters, digits, combining marks and single spaces; it may be empty (then the search browses).
 *
 * Quotes and `-` are dropped rather than honoured as phrase or exclusion operators, so that an
 * unbalanced quote can never change what a query means and both engines read it the same way.
 * Length is not capped here: the API refuses queries over {@link MAX_QUERY_LENGTH} with a clear error.
 */
export function sanitiseQuery(raw: string): string {
  const cleaned = raw
    // Unpaired surrogates cannot be encoded as UTF-8; Postgres would refuse the parameter.
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, " ")
    .normalize("NFKC")
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, " ")
    .trim();
  if (cleaned.length === 0) return "";
  return cleaned.split(" ").slice(0, MAX_QUERY_WORDS).join(" ");
}

/** Folds one run of text to lower-case ASCII letters and digits, other characters becoming spaces. */
export function foldText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * The folded words of a text, in order. Words longer than {@link MAX_WORD_LENGTH} are dropped.
 *
 * @example foldWords("SP4N-LAPOR! Kalimantan Selatan") // ["sp4n", "lapor", "kalimantan", "selatan"]
 */
export function foldWords(text: string | null | undefined): string[] {
  if (!text) return [];
  const folded = foldText(text);
  if (folded.length === 0) return [];
  return folded.split(" ").filter((w) => w.length > 0 && w.length <= MAX_WORD_LENGTH);
}
