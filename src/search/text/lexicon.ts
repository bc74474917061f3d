/**
 * The search lexicon: synonym groups, acronyms, stopwords and optional words. The lists are data in
 * seeds/search/ (see its README); this module reads and validates them and indexes them for lookup.
 * Both engines use the same lexicon: the Postgres engine expands queries with it, and the Meilisearch
 * settings are derived from it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { foldWords } from "./normalise";
import { wordVariants } from "./stemmer";

/** The repository's seeds/search directory. */
export const DEFAULT_LEXICON_DIR = fileURLToPath(new URL("../../../seeds/search", import.meta.url));

/** One member of a synonym group: the folded words of a word or phrase ("sekolah filial" → ["sekolah", "filial"]). */
export interface LexiconMember {
  /** Index of the group in {@link SearchLexicon.groups}. */
  readonly group: number;
  /** Folded words, stopwords removed (unless the member is nothing but stopwords). */
  readonly words: readonly string[];
}

export interface SearchLexicon {
  /**
   * Equivalence groups: synonym groups, and one group per acronym (the acronym and its expansions).
   * Each member is a list of folded words. Groups are not merged transitively: a word in two groups
   * is expanded with the members of both, and no further.
   */
  readonly groups: readonly (readonly (readonly string[])[])[];
  /** Words dropped from queries unless nothing else is left. */
  readonly stopwords: ReadonlySet<string>;
  /** Generic words a query does not need to match; matching them only ranks higher. */
  readonly optional: ReadonlySet<string>;
  /** Every folded word that appears in some group member: such words are never typo-corrected. */
  readonly knownWords: ReadonlySet<string>;
  /** Members by their first word, and by every variant of their first word (see wordVariants). Members are stored without stopwords and optional words. */
  readonly membersByFirstWord: ReadonlyMap<string, readonly LexiconMember[]>;
}

/** Raw contents of the lexicon files. */
export interface LexiconFiles {
  readonly synonyms: unknown;
  readonly acronyms: unknown;
  readonly stopwords: unknown;
}

/** The lexicon files are malformed; every problem is listed. */
export class LexiconError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The search lexicon in seeds/search has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "LexiconError";
  }
}

function stringList(value: unknown, where: string, problems: string[]): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string" || v.trim() === "")) {
    problems.push(`${where} must be a list of non-empty strings`);
    return [];
  }
  return value as string[];
}

/**
 * Validates and indexes the contents of the lexicon files.
 *
 * @throws LexiconError listing every malformed entry
 */
export function parseSearchLexicon(files: LexiconFiles): SearchLexicon {
  const problems: string[] = [];
  const rawGroups: { where: string; members: string[] }[] = [];

  const synonyms = files.synonyms as { groups?: unknown } | null;
  if (!synonyms || !Array.isArray(synonyms.groups)) {
    problems.push('synonyms.json must have "groups": a list of lists of words');
  } else {
    synonyms.groups.forEach((group, i) => {
      const members = stringList(group, `synonyms.json groups[${i}]`, problems);
      if (members.length === 1) problems.push(`synonyms.json groups[${i}] has one member; a group needs at least two`);
      if (members.length > 1) rawGroups.push({ where: `synonyms.json groups[${i}]`, members });
    });
  }

  const acronyms = files.acronyms as { acronyms?: unknown } | null;
  if (!acronyms || !Array.isArray(acronyms.acronyms)) {
    problems.push('acronyms.json must have "acronyms": a list of { "acronym", "expansions" }');
  } else {
    acronyms.acronyms.forEach((entry: { acronym?: unknown; expansions?: unknown }, i) => {
      const where = `acronyms.json acronyms[${i}]`;
      if (typeof entry?.acronym !== "string" || entry.acronym.trim() === "") {
        problems.push(`${where}.acronym must be a non-empty string`);
        return;
      }
      const expansions = stringList(entry.expansions, `${where}.expansions`, problems);
      if (expansions.length > 0) rawGroups.push({ where, members: [entry.acronym, ...expansions] });
    });
  }

  const stop = files.stopwords as { stopwords?: unknown; optional?: unknown } | null;
  const stopwords = new Set(stringList(stop?.stopwords, "stopwords.json stopwords", problems).flatMap((w) => foldWords(w)));
  const optional = new Set(stringList(stop?.optional, "stopwords.json optional", problems).flatMap((w) => foldWords(w)));

  const groups: string[][][] = [];
  for (const { where, members } of rawGroups) {
    const folded: string[][] = [];
    for (const member of members) {
      const words = foldWords(member);
      if (words.length === 0) {
        problems.push(`${where}: "${member}" has no letters or digits`);
        continue;
      }
      // Like a query, a member needs only its meaningful words: "kependudukan dan pencatatan sipil"
      // without "dan", "angka kematian ibu" as "kematian ibu" ("angka", rate, is optional). Optional
      // words stay when fewer than two words would be left: "pos pelayanan terpadu" is not just "pos".
      const content = words.filter((w) => !stopwords.has(w));
      const meaningful = content.filter((w) => !optional.has(w));
      const key = (meaningful.length >= 2 ? meaningful : content.length > 0 ? content : words).join(" ");
      if (!folded.some((f) => f.join(" ") === key)) folded.push(key.split(" "));
    }
    if (folded.length > 1) groups.push(folded);
  }
  if (problems.length > 0) throw new LexiconError(problems);

  const knownWords = new Set<string>();
  const membersByFirstWord = new Map<string, LexiconMember[]>();
  const addMember = (key: string, member: LexiconMember) => {
    const list = membersByFirstWord.get(key);
    if (!list) membersByFirstWord.set(key, [member]);
    else if (!list.some((m) => m.group === member.group && m.words.join(" ") === member.words.join(" "))) list.push(member);
  };
  groups.forEach((members, group) => {
    for (const words of members) {
      for (const w of words) knownWords.add(w);
      const member = { group, words };
      addMember(words[0], member);
      for (const variant of wordVariants(words[0])) addMember(variant, member);
    }
  });
  return { groups, stopwords, optional, knownWords, membersByFirstWord };
}

function readJson(dir: string, file: string): unknown {
  const full = path.join(dir, file);
  try {
    return JSON.parse(readFileSync(full, "utf8"));
  } catch (error) {
    throw new LexiconError([`${full} cannot be read as JSON: ${(error as Error).message}`]);
  }
}

const cache = new Map<string, SearchLexicon>();

/**
 * The lexicon in `dir` (default: the repository's seeds/search), read once per process and cached.
 *
 * @throws LexiconError when a file is missing or malformed
 */
export function loadSearchLexicon(dir: string = DEFAULT_LEXICON_DIR): SearchLexicon {
  let lexicon = cache.get(dir);
  if (!lexicon) {
    lexicon = parseSearchLexicon({
      synonyms: readJson(dir, "synonyms.json"),
      acronyms: readJson(dir, "acronyms.json"),
      stopwords: readJson(dir, "stopwords.json"),
    });
    cache.set(dir, lexicon);
  }
  return lexicon;
}
