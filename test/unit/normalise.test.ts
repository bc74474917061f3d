import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  foldKey,
  fullestSpelling,
  isAbbreviationOf,
  nameKey,
  otherSpellings,
  splitAcronym,
  splitServiceUnit,
  stripBrackets,
} from "../../src/domain/normalise";
import { MAX_SLUG_LENGTH, SlugAllocator, slugify } from "../../src/domain/slug";
import { parseCatalogueCsv } from "../../src/seed/catalogue-csv";

const innovationsCsv = fs.readFileSync(path.resolve(__dirname, "../../seeds/data/innovations.csv"), "utf8");

describe("nameKey", () => {
  it("drops bracketed expansions, case and punctuation", () => {
    expect(nameKey("Rumah Kedelai Grobogan (RKG)")).toBe("rumah kedelai grobogan");
    expect(nameKey("Rumah Kedelai Grobogan (RKG)")).toBe(nameKey("rumah kedelai  GROBOGAN"));
    expect(nameKey("RSUD Prof. Dr. Margono Soekarjo Purwokerto")).toBe(nameKey("RSUD Prof Dr Margono Soekarjo Purwokerto"));
    expect(nameKey("SELFI (Sekolah Filial - Layanan Pendidikan Anak Berbasis Inklusi)")).toBe("selfi");
  });

  it('reads "Kab." and the other short forms as the full word', () => {
    expect(nameKey("Kab. Grobogan")).toBe("kabupaten grobogan");
    expect(nameKey("Dinas Pertanian Kab Grobogan")).toBe(nameKey("Dinas Pertanian Kabupaten Grobogan"));
    expect(nameKey("Pemkot Semarang")).toBe(nameKey("Pemerintah Kota Semarang"));
    expect(nameKey("Pemprov. Jawa Tengah")).toBe("pemerintah provinsi jawa tengah");
  });

  it("keys a name that is only brackets on its bracket text, and removes nested brackets", () => {
    expect(nameKey("(RKG)")).toBe("rkg");
    expect(stripBrackets("A (b (c) d) e")).toBe("A e");
  });

  it('folds diacritics and reads "&" as "dan"', () => {
    expect(foldKey("Café & Kopi")).toBe("cafe dan kopi");
  });

  it("joins exactly the duplicate innovation of innovations.csv, and nothing else, by name key and region", () => {
    const { rows, problems } = parseCatalogueCsv("innovations", innovationsCsv, "innovations.csv");
    expect(problems).toEqual([]);
    const groups = new Map<string, string[]>();
    for (const r of rows) {
      const key = `${nameKey(r.innovationName)}|${r.regencyOrCity ?? r.province ?? r.institution}`;
      groups.set(key, [...(groups.get(key) ?? []), r.innovationName]);
    }
    const merged = [...groups.values()].filter((names) => names.length > 1);
    expect(merged).toEqual([["Rumah Kedelai Grobogan", "Rumah Kedelai Grobogan (RKG)"]]);
  });
});

describe("splitAcronym", () => {
  it("takes the acronym from outside the brackets when the expansion is inside", () => {
    expect(splitAcronym("SELFI (Sekolah Filial - Layanan Pendidikan Anak Berbasis Inklusi)")).toEqual({
      acronym: "SELFI",
      expansion: "Sekolah Filial - Layanan Pendidikan Anak Berbasis Inklusi",
    });
    expect(splitAcronym("Tahu Panas (Tak Takut Kehujanan dan Tak Takut Kepanasan)")).toEqual({
      acronym: "Tahu Panas",
      expansion: "Tak Takut Kehujanan dan Tak Takut Kepanasan",
    });
  });

  it("takes the acronym from inside the brackets when it is the short side", () => {
    expect(splitAcronym("Rumah Kedelai Grobogan (RKG)")).toEqual({ acronym: "RKG", expansion: "Rumah Kedelai Grobogan" });
    expect(splitAcronym("Layanan Budaya Baca Siswa (Labu Basi)")).toEqual({ acronym: "Labu Basi", expansion: "Layanan Budaya Baca Siswa" });
    expect(splitAcronym("Gerakan Kembali Bersekolah (GKB) Atasi Anak Tidak Sekolah (ATS)")).toEqual({
      acronym: "GKB",
      expansion: "Gerakan Kembali Bersekolah",
    });
  });

  it("does not mistake a translation or an unrelated bracket for an acronym", () => {
    expect(splitAcronym("Pelayanan Penjangkauan (Outreaching) Melayani Penyandang Disabilitas di Lingkungan Masyarakat")).toEqual({
      acronym: null,
      expansion: null,
    });
    expect(splitAcronym("Eksistensi (Pelayanan Kesehatan Gratis Terintegrasi) Call Centre 112")).toEqual({ acronym: null, expansion: null });
    expect(splitAcronym("Lapor Hendi")).toEqual({ acronym: null, expansion: null });
  });

  it("recognises initialisms and syllable acronyms, first letter first", () => {
    expect(isAbbreviationOf("UPT.PK", "Unit Pelayanan Terpadu Pengentasan Kemiskinan")).toBe(true);
    expect(isAbbreviationOf("Pahala", "Pangan Halal")).toBe(true);
    expect(isAbbreviationOf("Outreaching", "Pelayanan Penjangkauan")).toBe(false);
    expect(isAbbreviationOf("Rumah Kedelai Grobogan", "RKG")).toBe(false);
  });
});

describe("spellings", () => {
  it("prefers the fullest spelling and keeps every other one as an alias", () => {
    const spellings = ["Rumah Kedelai Grobogan", "Rumah Kedelai Grobogan (RKG)", "Rumah Kedelai Grobogan"];
    const name = fullestSpelling(spellings);
    expect(name).toBe("Rumah Kedelai Grobogan (RKG)");
    expect(otherSpellings(name, spellings)).toEqual(["Rumah Kedelai Grobogan"]);
  });
});

describe("splitServiceUnit", () => {
  it("separates a unit printed in brackets after its institution", () => {
    expect(splitServiceUnit("Pemerintah Kota Salatiga (Puskesmas Mangunsari)")).toEqual({
      institution: "Pemerintah Kota Salatiga",
      serviceUnit: "Puskesmas Mangunsari",
    });
    expect(splitServiceUnit("Dinas Kesehatan Kota Cilegon (UPTD Puskesmas Cibeber)")).toEqual({
      institution: "Dinas Kesehatan Kota Cilegon",
      serviceUnit: "UPTD Puskesmas Cibeber",
    });
    expect(splitServiceUnit("Pemerintah Kota Ambon (Ambon Music Office)").serviceUnit).toBe("Ambon Music Office");
  });

  it("keeps acronyms and owners in the name", () => {
    for (const name of [
      "Badan Nasional Penanggulangan Bencana (BNPB)",
      "RSJ Menur (Pemerintah Provinsi Jawa Timur)",
      "Jabar Digital Service (Dinas Komunikasi dan Informatika Provinsi Jawa Barat)",
      "Pemerintah Kota Surabaya",
    ]) {
      expect(splitServiceUnit(name)).toEqual({ institution: name, serviceUnit: null });
    }
  });
});

describe("slugify and SlugAllocator", () => {
  it("makes URL-safe slugs and cuts long titles at a word boundary", () => {
    expect(slugify("6 in 1")).toBe("6-in-1");
    expect(slugify("LONTARA+")).toBe("lontara");
    expect(slugify("E-Va Centil")).toBe("e-va-centil");
    const long = slugify(
      "FROM ZERO TO HERO: Membangun generasi cinta sehat di sekolah yang siap membangun negeri: tinjauan program Usaha Kesehatan Sekolah",
    );
    expect(long.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    expect(long).toMatch(/^from-zero-to-hero-[a-z0-9-]+[a-z0-9]$/);
  });

  it("qualifies a taken slug deterministically, then counts", () => {
    const slugs = new SlugAllocator();
    expect(slugs.claim("posyandu", ["Kota Semarang"])).toBe("posyandu");
    expect(slugs.claim("posyandu", ["Kota Semarang"])).toBe("posyandu-kota-semarang");
    expect(slugs.claim("posyandu", ["Kota Semarang"])).toBe("posyandu-2");
  });
});
