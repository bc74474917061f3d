/**
 * A light Indonesian stemmer. Postgres ships no Indonesian snowball stemmer and Meilisearch does no
 * Indonesian stemming, so this runs in TypeScript and is applied identically when indexing and when
 * querying, on PGlite and on the server.
 *
 * It has no dictionary, so it cannot know whether "pengaduan" is peng-aduan or peng-kaduan. Instead of
 * guessing one root it returns every plausible one ({@link wordVariants}). Both sides of a match go
 * through the same function, so a word and its inflected forms always share a variant:
 * "membangun" and "pembangunan" both yield "bangun"; "pengaduan", "aduan" and "mengadukan" meet at
 * "adu"/"aduan". The price is a few meaningless variants ("kaduan"), which only ever match the same
 * meaningless variant of another word.
 */

const VOWELS = /[aeiou]/;
const MIN_ROOT = 3;

/** A candidate root, and whether a prefix was removed to get it (confixes such as me-…-kan need one). */
interface Deprefixed {
  readonly root: string;
  readonly prefixed: boolean;
}

function plausibleRoot(root: string): boolean {
  return root.length >= MIN_ROOT && VOWELS.test(root) && /^[a-z]+$/.test(root);
}

/**
 * Roots after removing one derivational prefix, with the sound changes Indonesian makes at the joint:
 * meny-/peny- + vowel ← s (menyapu → sapu); meng-/peng- + vowel ← k or nothing (mengirim → kirim,
 * pengaduan → aduan); mem-/pem- + vowel ← p or m (memukul → pukul, memasak → masak); men-/pen- +
 * vowel ← t or n (menanam → tanam).
 */
function stripPrefix(word: string): string[] {
  const out: string[] = [];
  const rest = (n: number) => word.slice(n);
  const startsVowel = (s: string) => /^[aeiou]/.test(s);
  const m = /^(me|pe)(ny|ng|m|n)?/.exec(word);
  if (m) {
    const nasal = m[2];
    const r = rest(m[0].length);
    if (nasal === "ny") {
      if (startsVowel(r)) out.push(`s${r}`);
    } else if (nasal === "ng") {
      if (startsVowel(r)) out.push(r, `k${r}`);
      else if (/^[ghk]/.test(r)) out.push(r);
    } else if (nasal === "m") {
      if (/^[bpfv]/.test(r)) out.push(r);
      else if (startsVowel(r)) out.push(`p${r}`, `m${r}`);
    } else if (nasal === "n") {
      if (/^[cdjtsz]/.test(r)) out.push(r);
      else if (startsVowel(r)) out.push(`t${r}`, `n${r}`);
    } else {
      const after = rest(2);
      // me-/pe- before l, m, n, r, w, y (melapor → lapor, pelayanan → layanan), and pe- before other
      // consonants in nouns of agent (petani → tani, pekerja → kerja).
      if (/^[lmnrwy]/.test(after) || (m[1] === "pe" && /^[^aeiou]/.test(after))) out.push(after);
    }
    // per-/ber-/ter- style: pe + r + root (perizinan → izinan, perkebunan → kebunan).
    if (m[1] === "pe" && word.startsWith("per")) out.push(rest(3));
  }
  const simple = /^(ber|ter|di|ke)/.exec(word);
  if (simple) {
    out.push(rest(simple[0].length));
    // be-/te- before a root whose first syllable ends in "er" (bekerja → kerja).
  } else if (/^(be|te)[^aeiou]er/.test(word)) {
    out.push(rest(2));
  }
  return out.filter(plausibleRoot);
}

/** Up to two layers of prefixes: kependudukan → pendudukan → dudukan; diperbaiki → perbaiki → baiki. */
function deprefix(word: string): Deprefixed[] {
  const out: Deprefixed[] = [{ root: word, prefixed: false }];
  for (const first of stripPrefix(word)) {
    out.push({ root: first, prefixed: true });
    for (const second of stripPrefix(first)) out.push({ root: second, prefixed: true });
  }
  return out;
}

/** Roots after removing a derivational suffix: -an always, -kan and -i only inside a confix (me-…-kan, di-…-i). */
function stripSuffix(candidate: Deprefixed): string[] {
  const { root, prefixed } = candidate;
  const out: string[] = [];
  if (prefixed && root.endsWith("kan")) out.push(root.slice(0, -3));
  if (root.endsWith("an")) out.push(root.slice(0, -2));
  if (prefixed && root.endsWith("i") && !root.endsWith("ii")) out.push(root.slice(0, -1));
  return out.filter(plausibleRoot);
}

/** English plurals, because half the catalogue's summaries are in English: "complaints" → "complaint". */
function englishSingular(word: string): string[] {
  if (word.length < 5 || /(ss|us|is)$/.test(word)) return [];
  if (word.endsWith("ies")) return [`${word.slice(0, -3)}y`];
  if (word.endsWith("s")) return [word.slice(0, -1)];
  return [];
}

/** Most variants kept per word, so that one long word cannot blow up a query. */
export const MAX_VARIANTS = 8;

/**
 * The other forms a folded word (lower-case a–z and digits) is indexed and searched under: its
 * plausible roots without prefixes, suffixes, the possessive -nya and English plural -s. The word
 * itself is not included. Words with digits, and words of 4 letters or fewer, have no variants.
 *
 * @example wordVariants("membangun") // ["bangun"]
 * @example wordVariants("pengaduan").includes("aduan") && wordVariants("aduan").includes("adu")
 */
export function wordVariants(word: string): string[] {
  if (word.length <= 4 || !/^[a-z]+$/.test(word)) return [];
  const bases = [word];
  if (word.endsWith("nya") && plausibleRoot(word.slice(0, -3)) && word.length >= 7) bases.push(word.slice(0, -3));
  const out = new Set<string>();
  for (const base of bases) {
    if (base !== word) out.add(base);
    for (const candidate of deprefix(base)) {
      if (candidate.prefixed) out.add(candidate.root);
      for (const root of stripSuffix(candidate)) out.add(root);
    }
  }
  for (const singular of englishSingular(word)) out.add(singular);
  out.delete(word);
  return [...out].slice(0, MAX_VARIANTS);
}
