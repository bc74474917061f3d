/**
 * Name normalisation for entity resolution. Pure functions, no I/O.
 *
 * Sources print the same innovation, institution or competition in many ways: with and without an
 * expansion in brackets, in upper or lower case, with "Kab." for "Kabupaten", with stray punctuation.
 * The keys here erase those differences so that records can be matched; the spellings themselves are
 * kept elsewhere (names and aliases), never thrown away.
 */

/** Abbreviations expanded token by token inside keys, so "Kab. Grobogan" and "Kabupaten Grobogan" meet. */
const TOKEN_EXPANSIONS: Readonly<Record<string, string>> = {
  kab: "kabupaten",
  kabupatan: "kabupaten",
  pemkab: "pemerintah kabupaten",
  pemkot: "pemerintah kota",
  pemprov: "pemerintah provinsi",
  prov: "provinsi",
  propinsi: "provinsi",
  kodya: "kota",
  kotamadya: "kota",
};

/**
 * Folds text for comparison: Unicode compatibility form, diacritics removed, lower case, "&" read as
 * "dan", every run of other punctuation or whitespace turned into one space, trimmed.
 * Bracketed text is kept (compare `nameKey`).
 */
export function foldKey(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " dan ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** Removes every bracketed segment, "(…)" or "[…]", including nested ones. */
export function stripBrackets(text: string): string {
  let previous: string;
  let current = text;
  do {
    previous = current;
    current = current.replace(/\([^()]*\)|\[[^[\]]*\]/g, " ");
  } while (current !== previous);
  return current.replace(/\s+/g, " ").trim();
}

/**
 * The matching key of a name: bracketed expansions dropped, folded (see `foldKey`), and common
 * abbreviations expanded ("Kab." → "kabupaten", "Pemkot" → "pemerintah kota").
 * A name that is nothing but brackets keys on its bracket text rather than on nothing.
 *
 * @example nameKey("Rumah Kedelai Grobogan (RKG)") === nameKey("rumah kedelai  grobogan") // "rumah kedelai grobogan"
 */
export function nameKey(name: string): string {
  const stripped = foldKey(stripBrackets(name));
  const base = stripped.length > 0 ? stripped : foldKey(name);
  return base
    .split(" ")
    .filter((token) => token.length > 0)
    .map((token) => TOKEN_EXPANSIONS[token] ?? token)
    .join(" ");
}

/** An innovation name split into the acronym and what it stands for. */
export interface AcronymSplit {
  /** The short form, as printed (e.g. "SELFI", "RKG", "Tahu Panas"); null when none is recognised. */
  acronym: string | null;
  /** The long form, as printed (e.g. "Sekolah Filial - Layanan Pendidikan Anak Berbasis Inklusi"). */
  expansion: string | null;
}

function letters(text: string): string {
  return foldKey(text).replace(/ /g, "");
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => w.length > 0).length;
}

/**
 * True when `short` reads as an abbreviation of `long`: both start with the same letter and the
 * letters of `short` occur in `long` in order. This accepts initialisms ("RKG" ← "Rumah Kedelai
 * Grobogan") and the syllable acronyms Indonesian agencies favour ("Tahu Panas" ← "Tak Takut
 * Kehujanan dan Tak Takut Kepanasan"), and rejects translations ("Outreaching" for "Pelayanan
 * Penjangkauan").
 */
export function isAbbreviationOf(short: string, long: string): boolean {
  const s = letters(short);
  const l = letters(long);
  if (s.length < 2 || s.length >= l.length || s[0] !== l[0]) return false;
  let at = 0;
  for (const ch of l) {
    if (ch === s[at]) at += 1;
    if (at === s.length) return true;
  }
  return false;
}

/**
 * Splits an innovation name of the form "A (B)" or "A (B) rest" into acronym and expansion, deciding by
 * shape which side is which: the side with fewer words (then fewer letters) is the candidate acronym,
 * and it is accepted only if it abbreviates the other side (see `isAbbreviationOf`).
 * Only the first bracket is considered. A name without a recognisable pair yields nulls.
 *
 * @example splitAcronym("SELFI (Sekolah Filial - Layanan Pendidikan Anak Berbasis Inklusi)")
 *   // { acronym: "SELFI", expansion: "Sekolah Filial - Layanan Pendidikan Anak Berbasis Inklusi" }
 * @example splitAcronym("Rumah Kedelai Grobogan (RKG)") // { acronym: "RKG", expansion: "Rumah Kedelai Grobogan" }
 */
export function splitAcronym(name: string): AcronymSplit {
  const none: AcronymSplit = { acronym: null, expansion: null };
  const match = /^(.*?)\(([^()]+)\)/.exec(name);
  if (!match) return none;
  const outside = match[1].replace(/[\s:–—-]+$/, "").trim();
  const inside = match[2].trim();
  if (outside.length === 0 || inside.length === 0) return none;
  const outsideIsShort =
    wordCount(outside) < wordCount(inside) ||
    (wordCount(outside) === wordCount(inside) && letters(outside).length < letters(inside).length);
  const [short, long] = outsideIsShort ? [outside, inside] : [inside, outside];
  if (!isAbbreviationOf(short, long)) return none;
  return { acronym: short, expansion: long };
}

/**
 * Picks the fullest spelling among variants of one name: the longest after trimming, the first seen
 * on a tie. Callers pass spellings in a fixed order so that the choice is deterministic.
 */
export function fullestSpelling(spellings: readonly string[]): string {
  if (spellings.length === 0) throw new Error("fullestSpelling needs at least one spelling");
  let best = spellings[0].trim();
  for (const s of spellings.slice(1)) {
    if (s.trim().length > best.length) best = s.trim();
  }
  return best;
}

/**
 * The other spellings of a name, to keep as aliases: every distinct spelling (by exact text) except
 * the chosen name, in first-seen order.
 */
export function otherSpellings(name: string, spellings: readonly string[]): string[] {
  const seen = new Set<string>([name.trim()]);
  const out: string[] = [];
  for (const s of spellings) {
    const t = s.trim();
    if (t.length === 0 || seen.has(t)) continue;
    seen.add(t);
    out.push(t);
  }
  return out;
}

/** An institution name split into the institution and the service unit named in brackets after it. */
export interface ServiceUnitSplit {
  institution: string;
  serviceUnit: string | null;
}

const UNIT_START = /^(?:puskesmas|uptd|upt|rsud|rs|sekolah|sd|sdn|smp|smpn|sma|sman|smk|kantor|unit|bagian|bidang|seksi|balai|instalasi)\b/;
const OWNER_START = /^(?:pemerintah|pemda|pemkab|pemkot|pemprov|dinas|badan|kementerian|biro)\b/;

/**
 * Separates a service unit printed in brackets after its institution: "Pemerintah Kota Salatiga
 * (Puskesmas Mangunsari)" → institution "Pemerintah Kota Salatiga", unit "Puskesmas Mangunsari".
 * The bracket is a unit only when it reads like one (Puskesmas, UPTD, RSUD, a school, "… Office");
 * an acronym ("(BNPB)") or an owner ("RSJ Menur (Pemerintah Provinsi Jawa Timur)") stays in the name.
 */
export function splitServiceUnit(name: string): ServiceUnitSplit {
  const match = /^(.*\S)\s*\(([^()]+)\)\s*$/.exec(name.trim());
  if (!match) return { institution: name.trim(), serviceUnit: null };
  const [, before, inside] = match;
  const key = foldKey(inside);
  const isUnit = !OWNER_START.test(key) && !isAbbreviationOf(inside, before) && (UNIT_START.test(key) || /\b(?:office|unit)\b/.test(key));
  return isUnit ? { institution: before.trim(), serviceUnit: inside.trim() } : { institution: name.trim(), serviceUnit: null };
}
