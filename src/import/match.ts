/**
 * Entity resolution for imports: does an incoming innovation name the same innovation as one the
 * catalogue holds? Pure: the database supplies the candidates (same region, with their pg_trgm
 * similarity), this module decides. The thresholds are explicit so that the rule can be read and
 * argued with; test/unit/import-match.test.ts holds them.
 *
 * The rule: an incoming innovation and a held one are the same when they are in the same region, run
 * by the same institution (or one is the other's parent: a dinas and its pemda), and their names agree
 * — exactly once normalised (case, punctuation, "Kab." for "Kabupaten", a bracketed expansion, the
 * acronym or its expansion, a known alias), or up to a small typo. A certain match is merged; a
 * resemblance that falls short of certain is listed for review and not merged.
 */
import { nameKey, splitAcronym } from "../domain/normalise";

/**
 * pg_trgm similarity (0–1) from which two names differing by more than normalisation may be the
 * same innovation *for certain*, together with the edit limits below. A one-letter typo in a short
 * two-word name ("lapor hendy" / "lapor hendi") scores about 0.71; unrelated names of a region's
 * innovations score under 0.4.
 */
export const CERTAIN_SIMILARITY = 0.7;

/**
 * pg_trgm similarity from which a held innovation in the same region is worth a person's look: a
 * shared root with different words ("e lapor" / "lapor", 0.75 but 2 edits) or a longer name with a
 * word changed ("gerakan kembali bersekolah" / "gerakan kembali sekolah", 0.76). Below it, names
 * share little more than common words ("inovasi", "pelayanan").
 */
export const REVIEW_SIMILARITY = 0.45;

/** At most this many single-letter edits make a typo… */
export const MAX_TYPO_EDITS = 2;

/** …and at most this share of the longer name's letters, so a short name cannot turn into another word. */
export const MAX_TYPO_SHARE = 0.2;

/** A held innovation that may be the incoming one (same region), as the database found it. */
export interface MatchCandidate {
  id: number;
  name: string;
  /** Normalised forms of its name: name key, aliases' keys, acronym and expansion keys. */
  forms: readonly string[];
  /** Highest pg_trgm similarity between the incoming name key and the candidate's forms. */
  similarity: number;
  /** Whether its institution is the incoming row's institution, or the parent or a child of it. */
  institutionRelated: boolean;
}

/** What to do with an incoming innovation. */
export type MatchDecision =
  | { kind: "certain"; candidate: MatchCandidate; how: "name" | "typo" }
  | { kind: "uncertain"; candidate: MatchCandidate; reason: string }
  | { kind: "none" };

/**
 * The normalised forms a name can be matched by: its key (brackets dropped, "Kab." expanded…), and,
 * for "A (B)" names, the acronym and the expansion on their own ("SELFI (Sekolah Filial)" is also
 * "selfi" and "sekolah filial").
 */
export function nameForms(name: string, extra: readonly (string | null | undefined)[] = []): string[] {
  const forms = new Set<string>();
  const add = (text: string | null | undefined) => {
    if (!text) return;
    const key = nameKey(text);
    if (key.length > 0) forms.add(key);
  };
  add(name);
  const split = splitAcronym(name);
  add(split.acronym);
  add(split.expansion);
  for (const text of extra) add(text);
  return [...forms];
}

/** Levenshtein distance, stopping early once it exceeds `limit` (returns limit + 1 then). */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      best = Math.min(best, current[j]);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length];
}

/** The digits of a name, in order: "SIPADU 2.0" and "SIPADU" differ, so they are never one for certain. */
function digitsOf(text: string): string {
  return text.replace(/\D+/g, " ").trim();
}

/** Whether `a` and `b` differ only by a small typo (see MAX_TYPO_EDITS, MAX_TYPO_SHARE). */
export function isSmallTypo(a: string, b: string): boolean {
  if (a === b || digitsOf(a) !== digitsOf(b)) return false;
  const limit = Math.min(MAX_TYPO_EDITS, Math.floor(Math.max(a.length, b.length) * MAX_TYPO_SHARE));
  return limit > 0 && editDistance(a, b, limit) <= limit;
}

/**
 * Decides whether the incoming innovation (its name forms, see nameForms) is one of the candidates.
 * Certain: the names agree (exactly, or up to a small typo with trigram similarity at least
 * CERTAIN_SIMILARITY) and the institutions are related — and exactly one candidate is certain.
 * Uncertain: several certain candidates, or one that agrees by name but under an unrelated
 * institution, or similarity at least REVIEW_SIMILARITY. Otherwise none.
 */
export function decideMatch(incomingForms: readonly string[], candidates: readonly MatchCandidate[]): MatchDecision {
  const incoming = new Set(incomingForms);
  const certain: { candidate: MatchCandidate; how: "name" | "typo" }[] = [];
  let doubtful: { candidate: MatchCandidate; reason: string } | null = null;
  const consider = (candidate: MatchCandidate, reason: string) => {
    if (!doubtful || candidate.similarity > doubtful.candidate.similarity) doubtful = { candidate, reason };
  };
  for (const candidate of candidates) {
    const exact = candidate.forms.some((f) => incoming.has(f));
    const typo =
      !exact &&
      candidate.similarity >= CERTAIN_SIMILARITY &&
      candidate.forms.some((f) => incomingForms.some((i) => isSmallTypo(i, f)));
    if ((exact || typo) && candidate.institutionRelated) {
      certain.push({ candidate, how: exact ? "name" : "typo" });
    } else if (exact || typo) {
      consider(candidate, "same name in the same region, but run by an unrelated institution");
    } else if (candidate.similarity >= REVIEW_SIMILARITY) {
      consider(candidate, `similar name in the same region (trigram similarity ${candidate.similarity.toFixed(2)})`);
    }
  }
  if (certain.length === 1) return { kind: "certain", ...certain[0] };
  if (certain.length > 1) {
    const best = certain.reduce((a, b) => (b.candidate.similarity > a.candidate.similarity ? b : a));
    return { kind: "uncertain", candidate: best.candidate, reason: `matches ${certain.length} held innovations equally (${certain.map((c) => `#${c.candidate.id} ${c.candidate.name}`).join(", ")})` };
  }
  const found = doubtful as { candidate: MatchCandidate; reason: string } | null;
  return found ? { kind: "uncertain", ...found } : { kind: "none" };
}

/**
 * An SQL expression approximating nameKey for a column, for finding candidates in the database: lower
 * case, bracketed text and punctuation removed. The exact comparison is made afterwards with nameForms.
 */
export function sqlNameKey(column: string): string {
  return `btrim(regexp_replace(regexp_replace(lower(${column}), '\\([^)]*\\)|\\[[^]]*\\]', ' ', 'g'), '[^a-z0-9]+', ' ', 'g'))`;
}
