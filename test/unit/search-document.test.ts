import { describe, expect, it } from "vitest";
import { documentTerms, documentWords } from "../../src/search/postgres-search-index";
import { toSearchDocument, type SearchSource } from "../../src/search/search-document";

const source: SearchSource = {
  innovation: {
    id: 7,
    slug: "selfi",
    name: "SELFI (Sekolah Filial)",
    acronym: "SELFI",
    acronymExpansion: "Sekolah Filial",
    aliases: [" Sekolah Filial Pakjo ", "", "Sekolah Filial Pakjo"],
    summary: "Branch school inside a juvenile detention centre.",
    narrative: [null, "Anak tetap belajar.", "  ", "Membangun sekolah."],
    sector: "education",
    sdgs: [16, 4, 4],
    status: "continuing",
    regionCode: "16.71",
  },
  institutionName: "Pemerintah Kota Palembang",
  region: { code: "16.71", name: "Kota Palembang" },
  province: { code: "16", name: "Sumatera Selatan" },
  awards: [
    { label: "Top 45", tier: "top", year: 2019, level: "national", competitionName: "Kompetisi Inovasi Pelayanan Publik", competitionShortName: "KIPP" },
    { label: "Juara 1", tier: "winner", year: 2018, level: "provincial", competitionName: "KIPP Sumatera Selatan", competitionShortName: null },
  ],
};

describe("toSearchDocument", () => {
  it("flattens an innovation with its institution, region, province and awards", () => {
    expect(toSearchDocument(source)).toEqual({
      id: "7",
      innovationId: 7,
      slug: "selfi",
      name: "SELFI (Sekolah Filial)",
      acronym: "SELFI",
      acronymExpansion: "Sekolah Filial",
      aliases: ["Sekolah Filial Pakjo"],
      summary: "Branch school inside a juvenile detention centre.",
      narrative: "Anak tetap belajar.\n\nMembangun sekolah.",
      institutionName: "Pemerintah Kota Palembang",
      regionNames: ["Kota Palembang", "Sumatera Selatan"],
      awardLabels: ["Juara 1 2018", "KIPP Sumatera Selatan", "Kompetisi Inovasi Pelayanan Publik", "Top 45 KIPP 2019", "nasional national", "provinsi provincial"],
      sectorLabels: ["pendidikan", "education"],
      sector: "education",
      provinceCode: "16",
      regionCode: "16.71",
      levels: ["national", "provincial"],
      tiers: ["top", "winner"],
      years: [2018, 2019],
      sdgs: [4, 16],
      status: "continuing",
      bestTierRank: 2,
      latestYear: 2019,
    });
  });

  it("gives an innovation without region or awards nulls, not guesses", () => {
    const doc = toSearchDocument({ ...source, region: null, province: null, awards: [], innovation: { ...source.innovation, regionCode: null, narrative: [] } });
    expect(doc).toMatchObject({ regionNames: [], provinceCode: null, regionCode: null, narrative: null, levels: [], bestTierRank: null, latestYear: null });
  });

  it("is deterministic: the order of inputs does not change the document", () => {
    const shuffled = { ...source, awards: [...source.awards].reverse(), innovation: { ...source.innovation, sdgs: [4, 16] } };
    expect(toSearchDocument(shuffled)).toEqual(toSearchDocument(source));
  });

  it("gives the Postgres engine analysed terms per weight group and the words for typo correction", () => {
    const doc = toSearchDocument(source);
    const terms = documentTerms(doc);
    expect(terms.A.split(" ")).toEqual(expect.arrayContaining(["selfi", "sekolah", "filial", "pakjo"]));
    expect(terms.B.split(" ")).toEqual(expect.arrayContaining(["branch", "palembang", "sumatera"]));
    expect(terms.C.split(" ")).toEqual(expect.arrayContaining(["membangun", "bangun"]));
    expect(terms.D.split(" ")).toEqual(expect.arrayContaining(["kipp", "nasional", "national", "pendidikan", "education"]));
    expect(documentWords(doc)).toContain("membangun");
    expect(documentWords(doc)).not.toContain("bangun");
    expect(documentWords(doc)).not.toContain("2019");
  });
});
