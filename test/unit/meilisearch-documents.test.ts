import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toSearchDocument, type SearchSource } from "../../src/search/search-document";
import { loadSearchLexicon } from "../../src/search/text/lexicon";
import { wordVariants } from "../../src/search/text/stemmer";
import {
  meilisearchQueryText,
  meilisearchTerm,
  TERM_ATTRIBUTES,
  toMeilisearchDocument,
} from "../../src/search/meilisearch/documents";

const lexicon = loadSearchLexicon();

function source(overrides: Partial<SearchSource["innovation"]> = {}): SearchSource {
  return {
    innovation: {
      id: 17,
      slug: "lapor-hendi",
      name: "Lapor Hendi",
      acronym: null,
      acronymExpansion: null,
      aliases: [],
      summary: "Kanal pengaduan warga untuk membangun kota.",
      narrative: ["Warga mengadukan masalah.", null, "Pembangunan layanan."],
      sector: "complaints",
      sdgs: [16],
      status: "continuing",
      regionCode: "33.74",
      ...overrides,
    },
    institutionName: "Pemerintah Kota Semarang",
    region: { code: "33.74", name: "Kota Semarang" },
    province: { code: "33", name: "Jawa Tengah" },
    awards: [
      { label: "Top 15", tier: "top", year: 2020, level: "national", competitionName: "Kompetisi Pengelolaan Pengaduan", competitionShortName: null },
    ],
  };
}

describe("toMeilisearchDocument", () => {
  it("is the shared projection plus the analysed terms of each text weight group", () => {
    const projected = toSearchDocument(source());
    const doc = toMeilisearchDocument(projected);
    expect(doc).toMatchObject(projected);
    expect(Object.keys(doc).sort()).toEqual([...Object.keys(projected), ...Object.values(TERM_ATTRIBUTES)].sort());
    expect(doc.termsA).toBe("lapor hendi");
    // Group B: summary, institution, region names; each word followed by its variants.
    expect(doc.termsB.split(" ")).toEqual(expect.arrayContaining(["pengaduan", "adu", "aduan", "membangun", "bangun", "semarang", "jawa", "tengah"]));
    expect(doc.termsC.split(" ")).toEqual(expect.arrayContaining(["mengadukan", "adu", "pembangunan", "bangun", "layanan", "layan"]));
    expect(doc.termsD.split(" ")).toEqual(expect.arrayContaining(["top", "15", "pengaduan", "complaints", "complaint"]));
  });

  it("is deterministic, so re-indexing an unchanged innovation changes nothing", () => {
    expect(toMeilisearchDocument(toSearchDocument(source()))).toEqual(toMeilisearchDocument(toSearchDocument(source())));
  });
});

describe("meilisearchTerm and meilisearchQueryText", () => {
  it("send a word as the root its inflected forms are all indexed under", () => {
    expect(meilisearchTerm("membangun")).toBe("bangun");
    expect(meilisearchTerm("pembangunan")).toBe("bangun");
    expect(meilisearchTerm("bangun")).toBe("bangun");
    expect(meilisearchTerm("pengaduan")).toBe("adu");
    expect(meilisearchTerm("mengadukan")).toBe("adu");
    expect(meilisearchTerm("aduan")).toBe("adu");
    // Names, acronyms and short words are left alone.
    expect(meilisearchTerm("hendi")).toBe("hendi");
    expect(meilisearchTerm("selfi")).toBe("selfi");
    expect(meilisearchTerm("sp4n")).toBe("sp4n");
  });

  it("makes a query find every inflected form: membangun finds bangun, bangun finds membangun", () => {
    const termsOf = (name: string) => toMeilisearchDocument(toSearchDocument(source({ name }))).termsA.split(" ");
    for (const [query, name] of [
      ["membangun", "Bangun Desa"],
      ["bangun", "Membangun Desa"],
      ["membangun", "Pembangunan Desa"],
      ["pengaduan", "Aduan Warga"],
      ["aduan", "Mengadukan Jalan Rusak"],
    ]) {
      expect(termsOf(name), `${query} → ${name}`).toContain(meilisearchQueryText(query, lexicon));
    }
  });

  it("folds the query, drops stopwords and keeps the last word last (it may be a prefix)", () => {
    expect(meilisearchQueryText("Membangun  Desa", lexicon)).toBe("bangun desa");
    expect(meilisearchQueryText("inovasi yang membangun desa", lexicon)).toBe(
      ["inovasi", "membangun", "desa"].filter((w) => !lexicon.stopwords.has(w)).map(meilisearchTerm).join(" "),
    );
    expect(meilisearchQueryText("lapor he", lexicon)).toBe("lapor he");
    expect(meilisearchQueryText("", lexicon)).toBe("");
    expect(meilisearchQueryText("   ", lexicon)).toBe("");
  });

  it("never sends a word that a document containing it is not indexed under (property)", () => {
    const word = fc.oneof(
      fc.stringMatching(/^[a-z]{1,14}$/),
      fc.constantFrom("membangun", "pengaduan", "perizinan", "kependudukan", "pelayanan", "diperbaiki", "kesehatannya", "complaints"),
    );
    fc.assert(
      fc.property(word, (w) => {
        const indexed = [w, ...wordVariants(w)];
        expect(indexed).toContain(meilisearchTerm(w));
        expect(toMeilisearchDocument(toSearchDocument(source({ name: w }))).termsA.split(" ")).toContain(meilisearchTerm(w));
      }),
      { numRuns: 1_000 },
    );
  });
});
