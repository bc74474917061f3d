import { describe, expect, it } from "vitest";
import { buildQueryPlan, editDistance, indexTerms, planTerms, queryWords, selectCorrections, wordsToCorrect, wordsToLookUp } from "../../src/search/text/analyzer";
import { highlightText, lazyHighlights, postgresHighlight, SNIPPET_WORDS } from "../../src/search/text/highlight";
import { LexiconError, loadSearchLexicon, parseSearchLexicon } from "../../src/search/text/lexicon";
import { foldWords, sanitiseQuery } from "../../src/search/text/normalise";
import { wordVariants } from "../../src/search/text/stemmer";
import { allOf, ALL, EXACT, highlightTerms } from "../../src/search/postgres-tsquery";

const lexicon = loadSearchLexicon();

/** Whether two words share a form: what makes them match in either engine. */
const meet = (a: string, b: string) => {
  const fa = new Set([a, ...wordVariants(a)]);
  return [b, ...wordVariants(b)].some((f) => fa.has(f));
};

describe("the Indonesian stemmer", () => {
  it.each([
    ["membangun", "bangun"],
    ["pembangunan", "bangun"],
    ["pengaduan", "aduan"],
    ["pengaduan", "adu"],
    ["kesehatan", "sehat"],
    ["perizinan", "izin"],
    ["pelayanan", "layanan"],
    ["pendidikan", "didik"],
    ["kependudukan", "penduduk"],
    ["pertanian", "tani"],
    ["petani", "tani"],
    ["melayani", "layan"],
    ["terpadu", "padu"],
    ["menyapu", "sapu"],
    ["mengirim", "kirim"],
    ["kelahiran", "lahir"],
    ["complaints", "complaint"],
  ])("gives %s the variant %s", (word, root) => {
    expect(wordVariants(word)).toContain(root);
  });

  it.each([
    ["membangun", "pembangunan"],
    ["aduan", "pengaduan"],
    ["pengaduan", "mengadukan"],
    ["layanan", "pelayanan"],
    ["sehat", "kesehatan"],
    ["izin", "perizinan"],
    ["lapor", "pelaporan"],
  ])("lets %s and %s meet", (a, b) => {
    expect(meet(a, b)).toBe(true);
  });

  it("leaves short words, numbers and names without a prefix alone", () => {
    expect(wordVariants("ikan")).toEqual([]);
    expect(wordVariants("sp4n")).toEqual([]);
    expect(wordVariants("hendi")).toEqual([]);
    expect(wordVariants("semarang")).toEqual([]);
    expect(meet("hendi", "hend")).toBe(false);
  });
});

describe("query sanitising", () => {
  it("keeps letters and digits and drops everything an engine could read as syntax", () => {
    expect(sanitiseQuery(`a & | ! :* ( "lapor' -hendi) OR 1=1; --`)).toBe("a lapor hendi OR 1 1");
    expect(sanitiseQuery("lapor\u0000\u0007\u202e hendi 🙂🇮🇩")).toBe("lapor hendi");
    expect(sanitiseQuery("\uD800 lone surrogate")).toBe("lone surrogate");
    expect(sanitiseQuery("   ")).toBe("");
    expect(sanitiseQuery("ｌａｐｏｒ")).toBe("lapor");
  });

  it("caps the number of words", () => {
    expect(sanitiseQuery(Array.from({ length: 100 }, (_, i) => `w${i}`).join(" ")).split(" ")).toHaveLength(24);
  });

  it("folds diacritics and punctuation when indexing", () => {
    expect(foldWords("SP4N-LAPOR! Kalimantan Selatan, Café")).toEqual(["sp4n", "lapor", "kalimantan", "selatan", "cafe"]);
    expect(indexTerms("Membangun Desa")).toEqual(["membangun", "bangun", "desa"]);
  });
});

describe("query plans", () => {
  it("drops stopwords, unless nothing else is left", () => {
    expect(queryWords("inovasi untuk pengaduan di kota semarang", lexicon)).toEqual(["inovasi", "pengaduan", "kota", "semarang"]);
    expect(queryWords("dan yang", lexicon)).toEqual(["dan", "yang"]);
  });

  it("makes generic words optional", () => {
    const plan = buildQueryPlan("aplikasi pengaduan kota semarang", lexicon);
    expect(plan.groups.map((g) => [g.words.join(" "), g.optional])).toEqual([
      ["aplikasi", true],
      ["pengaduan", false],
      ["kota", true],
      ["semarang", false],
    ]);
    expect(buildQueryPlan("aplikasi kota", lexicon).groups.every((g) => !g.optional)).toBe(true);
  });

  it("never asks for a variant that is a stopword", () => {
    // pe-ng-ada-an: the stemmer offers "ada" ("there is"), which would match half the catalogue.
    expect(wordVariants("pengadaan")).toContain("ada");
    const lexemes = [...planTerms(buildQueryPlan("pengadaan", lexicon)).lexemes];
    expect(lexemes).toEqual(expect.arrayContaining(["pengadaan", "adaan"]));
    expect(lexemes).not.toContain("ada");
    // The same for a typo's correction.
    const corrected = buildQueryPlan("pengadaun", lexicon, new Map([["pengadaun", ["pengadaan"]]]));
    expect([...planTerms(corrected).lexemes]).toContain("pengadaan");
    expect([...planTerms(corrected).lexemes]).not.toContain("ada");
  });

  it("expands synonyms and acronyms both ways, phrases first", () => {
    const lexemes = (q: string) => [...planTerms(buildQueryPlan(q, lexicon)).lexemes];
    expect(lexemes("keluhan")).toEqual(expect.arrayContaining(["aduan", "pengaduan", "complaint"]));
    expect(lexemes("complaint")).toEqual(expect.arrayContaining(["keluhan", "pengaduan"]));
    expect(lexemes("ptsp")).toEqual(expect.arrayContaining(["satu", "pintu", "single", "window"]));
    // Generic words (pelayanan, terpadu) are optional, in the query and in lexicon phrases alike.
    const ptsp = buildQueryPlan("pelayanan terpadu satu pintu", lexicon);
    expect(ptsp.groups.map((g) => [g.words.join(" "), g.optional])).toEqual([
      ["pelayanan", true],
      ["terpadu", true],
      ["satu pintu", false],
    ]);
    expect(lexemes("pelayanan terpadu satu pintu")).toContain("ptsp");
    expect(lexemes("angka kematian ibu")).toEqual(expect.arrayContaining(["aki", "maternal", "mortality"]));
    expect(lexemes("jawa tengah")).toEqual(expect.arrayContaining(["jateng", "central", "java"]));
  });

  it("matches the last word as a prefix, and nothing but lexemes reaches tsquery text", () => {
    const plan = buildQueryPlan("lapor he", lexicon);
    expect(allOf(plan.groups, ALL)).toContain("'he':*");
    expect(allOf(plan.groups, EXACT)).not.toContain(":*");
    const hostile = buildQueryPlan(sanitiseQuery(`x' | !y :* (z) & 'w`), lexicon);
    expect(allOf(hostile.groups, ALL)).toMatch(/^[a-z0-9'|&():* ]+$/);
  });

  it("asks for each lexeme of a group once", () => {
    // "kesehatan" is the word, a form of "sehat", and a member of the health synonyms.
    const text = allOf(buildQueryPlan("kesehatan", lexicon).groups, ALL);
    const lexemes = text.match(/'[a-z0-9]+'/g) ?? [];
    expect(lexemes).toEqual(expect.arrayContaining(["'kesehatan'", "'sehat'", "'health'"]));
    expect(new Set(lexemes).size).toBe(lexemes.length);
    // Phrases keep their words together.
    expect(allOf(buildQueryPlan("posyandu rem", lexicon).groups, ALL)).toContain("('pos' & 'pelayanan' & 'terpadu')");
  });

  it("matches the last word as a prefix only while it may still be typed", () => {
    expect(allOf(buildQueryPlan("sehat", lexicon).groups, ALL)).not.toContain(":*");
    expect(allOf(buildQueryPlan("posyandu rem", lexicon).groups, ALL)).toContain("'rem':*");
    expect(allOf(buildQueryPlan("posyandu remaja", lexicon, new Map(), new Set(["remaja"])).groups, ALL)).not.toContain(":*");
    expect(wordsToLookUp(["posyandu", "rem"], lexicon)).toEqual(["rem"]);
    expect(wordsToLookUp(["hendy", "lapor"], lexicon)).toEqual(["hendy"]);
    expect(wordsToLookUp(["kesehatan"], lexicon)).toEqual([]);
  });

  it("adds typo corrections as fuzzy alternatives, kept out of exact matching", () => {
    const plan = buildQueryPlan("lapor hendy", lexicon, new Map([["hendy", ["hendi"]]]));
    expect(allOf(plan.groups, ALL)).toContain("'hendi'");
    expect(allOf(plan.groups, EXACT)).not.toContain("'hendi'");
  });
});

describe("typo correction", () => {
  it("allows one typo from 5 letters and two from 9, counting a swap as one", () => {
    expect(selectCorrections("hendy", ["hendi", "hendrar", "hend"])).toEqual(["hend", "hendi"]);
    expect(selectCorrections("lpaor", ["lapor"])).toEqual(["lapor"]);
    expect(selectCorrections("sehat", ["sehati"])).toEqual(["sehati"]);
    expect(selectCorrections("kesehtan", ["kesehatan"])).toEqual(["kesehatan"]);
    expect(selectCorrections("pengaduna", ["pengaduan"])).toEqual(["pengaduan"]);
    expect(selectCorrections("pngduan", ["pengaduan"])).toEqual([]);
    expect(selectCorrections("ikan", ["iken"])).toEqual([]);
    expect(editDistance("kitten", "sitting", 5)).toBe(3);
  });

  it("asks the index only about long words the lexicon does not know", () => {
    expect(wordsToCorrect(["lapor", "hendy", "ikan", "keluhan", "2020"], lexicon)).toEqual(["hendy"]);
  });
});

describe("highlighting", () => {
  const terms = planTerms(buildQueryPlan("membangun aduan", lexicon));

  it("marks the words that matched, in any of their forms, and nothing else", () => {
    expect(highlightText("Pembangunan pos Pengaduan (PPP)", terms)).toBe("<mark>Pembangunan</mark> pos <mark>Pengaduan</mark> (PPP)");
    expect(highlightText("", terms)).toBeNull();
    expect(highlightText(null, terms)).toBeNull();
  });

  it("crops long text around the first match", () => {
    const text = `${"kata ".repeat(50)}complaint ${"lain ".repeat(50)}`.trim();
    const cropped = highlightText(text, terms, 10) as string;
    expect(cropped.startsWith("…")).toBe(true);
    expect(cropped.endsWith("…")).toBe(true);
    expect(cropped).toContain("<mark>complaint</mark>");
    expect(cropped.split(/\s+/)).toHaveLength(10);
  });

  it("shapes ts_headline's excerpts like highlightText's: null for no text, … where text was cut", () => {
    const text = "Satu dua tiga empat lima enam tujuh";
    expect(postgresHighlight(text, "tiga <mark>empat</mark> lima", true)).toBe("…tiga <mark>empat</mark> lima…");
    expect(postgresHighlight(text, "Satu <mark>dua</mark> tiga", true)).toBe("Satu <mark>dua</mark> tiga…");
    expect(postgresHighlight(text, "Satu dua tiga empat lima enam <mark>tujuh</mark>", true)).toBe("Satu dua tiga empat lima enam <mark>tujuh</mark>");
    expect(postgresHighlight(text, "tiga <mark>empat</mark> lima", false)).toBe("tiga <mark>empat</mark> lima");
    expect(postgresHighlight("  ", "", true)).toBeNull();
    expect(postgresHighlight(null, null, true)).toBeNull();
  });

  it("asks ts_headline for every lexeme, the English plurals the analyser reads as singular, and the prefixes", () => {
    const terms = highlightTerms(buildQueryPlan("keluhan warga pen", lexicon))!;
    expect(terms.words).toEqual(expect.arrayContaining(["keluhan", "complaint", "complaints", "warga"]));
    expect(terms.prefixes).toEqual(["pen"]);
    expect(highlightTerms(buildQueryPlan("", lexicon))).toBeNull();
  });

  it("makes a hit's highlights when they are read, once, the same as highlightText", () => {
    const narrative = `${"kata ".repeat(60)}pengaduan ${"lain ".repeat(60)}`.trim();
    const source = { name: "Pembangunan pos", summary: null, narrative };
    const highlights = lazyHighlights(source, terms);
    // Nothing is made until read: a change to the source before the first read shows.
    source.name = "Aduan warga";
    expect(highlights.name).toBe("<mark>Aduan</mark> warga");
    source.name = "Pembangunan pos";
    expect(highlights.name).toBe("<mark>Aduan</mark> warga");
    expect(highlights.summary).toBeNull();
    expect(highlights.narrative).toBe(highlightText(narrative, terms, SNIPPET_WORDS));
    expect(JSON.parse(JSON.stringify(highlights))).toEqual({ name: "<mark>Aduan</mark> warga", summary: null, narrative: highlights.narrative });
  });
});

describe("the lexicon files", () => {
  it("are valid, and every problem in a bad file is listed", () => {
    expect(lexicon.groups.length).toBeGreaterThan(100);
    expect(() => parseSearchLexicon({ synonyms: { groups: [["one"], "x"] }, acronyms: {}, stopwords: { stopwords: [1] } })).toThrow(LexiconError);
    try {
      parseSearchLexicon({ synonyms: { groups: [["one"], "x"] }, acronyms: {}, stopwords: { stopwords: [1] } });
    } catch (error) {
      expect((error as LexiconError).problems).toHaveLength(5);
    }
  });
});
