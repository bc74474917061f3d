import { describe, expect, it } from "vitest";
import {
  CERTAIN_SIMILARITY,
  decideMatch,
  editDistance,
  isSmallTypo,
  nameForms,
  REVIEW_SIMILARITY,
  type MatchCandidate,
} from "../../src/import/match";

/** A held innovation as the database would report it, with the similarity pg_trgm gives. */
function candidate(name: string, similarity: number, options: { id?: number; related?: boolean; aliases?: string[] } = {}): MatchCandidate {
  return {
    id: options.id ?? 1,
    name,
    forms: nameForms(name, options.aliases ?? []),
    similarity,
    institutionRelated: options.related ?? true,
  };
}

describe("nameForms", () => {
  it("matches a name by its key, its acronym and its expansion", () => {
    expect(nameForms("SELFI (Sekolah Filial)")).toEqual(["selfi", "sekolah filial"]);
    expect(nameForms("Rumah Kedelai Grobogan (RKG)")).toEqual(["rumah kedelai grobogan", "rkg"]);
    expect(nameForms("Lapor Hendi")).toEqual(["lapor hendi"]);
  });

  it('reads "Kab." as "Kabupaten" and ignores case and punctuation', () => {
    expect(nameForms("Inovasi Kab. Grobogan")).toEqual(nameForms("INOVASI KABUPATEN GROBOGAN"));
  });
});

describe("editDistance and isSmallTypo", () => {
  it("counts single-letter edits", () => {
    expect(editDistance("lapor hendi", "lapor hendy")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("abc", "abcdefgh", 2)).toBe(3);
  });

  it("accepts a letter or two in a longer name, not a changed word or number", () => {
    expect(isSmallTypo("lapor hendi", "lapor hendy")).toBe(true);
    expect(isSmallTypo("rumah kedelai grobogan", "rumah kedelei grobogan")).toBe(true);
    // Two edits in a five-letter name is another word.
    expect(isSmallTypo("lapor", "lapar")).toBe(true);
    expect(isSmallTypo("lapor", "lepar")).toBe(false);
    expect(isSmallTypo("e lapor", "lapor")).toBe(false);
    expect(isSmallTypo("sipadu 2", "sipadu 3")).toBe(false);
    expect(isSmallTypo("sipadu", "sipadu 2")).toBe(false);
    expect(isSmallTypo("same", "same")).toBe(false);
  });
});

describe("decideMatch", () => {
  it("merges the same name after normalisation: brackets, case, acronym", () => {
    const held = candidate("SELFI (Sekolah Filial - Layanan Pendidikan Anak Berbasis Inklusi)", 0.3);
    const decision = decideMatch(nameForms("SELFI (Sekolah Filial)"), [held]);
    expect(decision).toMatchObject({ kind: "certain", how: "name", candidate: { id: 1 } });
    expect(decideMatch(nameForms("selfi"), [held]).kind).toBe("certain");
  });

  it("merges by a held alias", () => {
    const held = candidate("Rumah Kedelai Grobogan (RKG)", 0.2, { aliases: ["Rumah Soya Grobogan"] });
    expect(decideMatch(nameForms("rumah soya grobogan"), [held]).kind).toBe("certain");
  });

  it("merges a small typo only when trigram similarity is high enough", () => {
    const forms = nameForms("Lapor Hendy");
    expect(decideMatch(forms, [candidate("Lapor Hendi", 0.714)])).toMatchObject({ kind: "certain", how: "typo" });
    expect(decideMatch(forms, [candidate("Lapor Hendi", CERTAIN_SIMILARITY - 0.01)]).kind).toBe("uncertain");
  });

  it("lists a similar name in the same region for review, and never merges it", () => {
    const decision = decideMatch(nameForms("Gerakan Kembali Sekolah"), [candidate("Gerakan Kembali Bersekolah (GKB) Atasi Anak Tidak Sekolah (ATS)", 0.545)]);
    expect(decision.kind).toBe("uncertain");
    expect(decideMatch(nameForms("Lapor Hendi 2"), [candidate("Lapor Hendi", 0.857)]).kind).toBe("uncertain");
  });

  it("does not merge the same name run by an unrelated institution", () => {
    const decision = decideMatch(nameForms("Lapor Hendi"), [candidate("Lapor Hendi", 1, { related: false })]);
    expect(decision).toMatchObject({ kind: "uncertain", reason: expect.stringContaining("unrelated institution") });
  });

  it("does not merge when two held innovations match equally", () => {
    const decision = decideMatch(nameForms("Lapor Hendi"), [candidate("Lapor Hendi", 1, { id: 1 }), candidate("LAPOR HENDI", 1, { id: 2 })]);
    expect(decision).toMatchObject({ kind: "uncertain", reason: expect.stringContaining("2 held innovations") });
  });

  it("prefers the one certain candidate over merely similar ones", () => {
    const decision = decideMatch(nameForms("Lapor Hendi"), [candidate("Lapor Hendi Plus", 0.8, { id: 2 }), candidate("Lapor Hendi", 1, { id: 3 })]);
    expect(decision).toMatchObject({ kind: "certain", candidate: { id: 3 } });
  });

  it("finds nothing below the review threshold", () => {
    expect(decideMatch(nameForms("Sapa Warga"), [candidate("Lapor Hendi", REVIEW_SIMILARITY - 0.01)])).toEqual({ kind: "none" });
    expect(decideMatch(nameForms("Sapa Warga"), [])).toEqual({ kind: "none" });
  });
});
