import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importCatalogueFiles, type ImportReport } from "../../src/import/run-import";
import { IMPORT_FIXTURES, openScratchDatabase, tempDir, type ScratchDatabase } from "./import-support";

const fixture = (name: string) => ({ path: path.join(IMPORT_FIXTURES, name), name });
const FILES = [fixture("innovations-variants.csv"), fixture("awards-variants.csv"), fixture("competitions-jateng-2023.csv")];

describe("import: entity resolution", () => {
  let db: ScratchDatabase;
  let report: ImportReport;
  const innovationsNamed = (key: string) =>
    db.ds.query(`SELECT id, slug, name, aliases, launch_year, region_code FROM innovation WHERE name_key = $1 ORDER BY id`, [key]);
  const awardsOf = (slug: string) =>
    db.ds.query(
      `SELECT c.slug AS competition, e.year, a.raw_label AS label, a.tier, a.group_name AS "group"
         FROM award_result a JOIN innovation i ON i.id = a.innovation_id
         JOIN competition_edition e ON e.id = a.edition_id JOIN competition c ON c.id = e.competition_id
        WHERE i.slug = $1 ORDER BY e.year, a.raw_label`,
      [slug],
    );

  beforeAll(async () => {
    db = await openScratchDatabase();
    report = await importCatalogueFiles(db.ds, FILES);
  });
  afterAll(async () => {
    await db?.close();
  });

  it("validates and applies the files, and records the run", async () => {
    expect(report.problems).toEqual([]);
    expect(report.applied).toBe(true);
    expect(report.rows).toBe(9);
    const [run] = await db.ds.query(`SELECT publisher, files, total_changes AS "totalChanges", review_count AS "reviewCount" FROM import_run WHERE id = $1`, [report.runId]);
    expect(run).toEqual({
      publisher: null,
      files: FILES.map((f, n) => ({ name: f.name, kind: ["innovations", "awards", "competitions"][n], rows: [5, 3, 1][n], sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })),
      totalChanges: report.totalChanges,
      reviewCount: 1,
    });
  });

  it("merges an innovation named with a shorter bracketed expansion, and its award joins the trajectory", async () => {
    const selfi = await innovationsNamed("selfi");
    expect(selfi).toHaveLength(1);
    expect(selfi[0]).toMatchObject({ name: "SELFI (Sekolah Filial - Layanan Pendidikan Anak Berbasis Inklusi)", launch_year: 2016 });
    expect(selfi[0].aliases).toContain("SELFI (Sekolah Filial)");
    expect(await awardsOf(selfi[0].slug)).toEqual([
      { competition: "kipp", year: 2019, label: "Top 45", tier: "top", group: null },
      { competition: "kipp", year: 2019, label: "Top 99", tier: "shortlist", group: null },
      { competition: "kipp", year: 2023, label: "Top 99", tier: "shortlist", group: null },
    ]);
  });

  it("merges a small typo, and an award naming the innovation in lower case with \"Pemkot\"", async () => {
    const laporHendi = await innovationsNamed("lapor hendi");
    expect(laporHendi).toHaveLength(1);
    expect(laporHendi[0].aliases).toContain("Lapor Hendy");
    expect(await innovationsNamed("lapor hendy")).toEqual([]);
    expect(await awardsOf("lapor-hendi")).toContainEqual({ competition: "kipp-jawa-tengah", year: 2023, label: "Top 20", tier: "top", group: "Umum" });
    expect(report.notes).toContainEqual(expect.objectContaining({ row: 3, message: expect.stringContaining("up to a small typo") }));
  });

  it('merges "Kab." for "Kabupaten", "Pemkab" for "Pemerintah Kabupaten" and "Jateng" for Jawa Tengah', async () => {
    const gkb = await innovationsNamed("gerakan kembali bersekolah atasi anak tidak sekolah");
    expect(gkb).toHaveLength(1);
    expect(gkb[0].region_code).toBe("33.29");
  });

  it("lists an uncertain match for review, imports it on its own and does not merge it", async () => {
    const [gkb] = await innovationsNamed("gerakan kembali bersekolah atasi anak tidak sekolah");
    const [gks] = await innovationsNamed("gerakan kembali sekolah");
    expect(gks).toMatchObject({ name: "Gerakan Kembali Sekolah", region_code: "33.29" });
    expect(report.reviews).toEqual([
      expect.objectContaining({ kind: "uncertain_match", label: "innovations-variants.csv", row: 5, subjectId: gkb.id, message: expect.stringContaining("not merged") }),
    ]);
    const reviews = await db.ds.query(`SELECT kind, status, subject_type, subject_id, incoming_id, file, row, similarity FROM import_review`);
    expect(reviews).toEqual([
      { kind: "uncertain_match", status: "open", subject_type: "innovation", subject_id: gkb.id, incoming_id: gks.id, file: "innovations-variants.csv", row: 5, similarity: expect.any(Number) },
    ]);
    // Similar to the held expansion of GKB, "Gerakan Kembali Bersekolah" (0.76), but three letters apart: not a typo.
    expect(reviews[0].similarity).toBeGreaterThanOrEqual(0.7);
  });

  it("creates a new institution only where its region resolves, under its region's pemda", async () => {
    const [dinas] = await db.ds.query(
      `SELECT i.name, i.kind, i.region_code, p.name AS parent FROM institution i LEFT JOIN institution p ON p.id = i.parent_id
        WHERE i.name = 'Dinas Komunikasi dan Informatika Kota Tegal'`,
    );
    expect(dinas).toEqual({ name: "Dinas Komunikasi dan Informatika Kota Tegal", kind: "regional_device", region_code: "33.76", parent: "Pemerintah Kota Tegal" });
    const [sapa] = await innovationsNamed("sapa warga tegal");
    expect(sapa).toMatchObject({ region_code: "33.76", launch_year: 2022 });
    expect(await awardsOf(sapa.slug)).toEqual([{ competition: "kipp-jawa-tengah", year: 2023, label: "Top 20", tier: "top", group: "Umum" }]);
  });

  it("registers the edition a competitions row gives", async () => {
    const [edition] = await db.ds.query(
      `SELECT e.name, e.entry_count, e.stages FROM competition_edition e JOIN competition c ON c.id = e.competition_id
        WHERE c.slug = 'kipp-jawa-tengah' AND e.year = 2023`,
    );
    expect(edition).toEqual({
      name: "KIPP Jateng",
      entry_count: 310,
      stages: [
        { order: 1, name: "registration" },
        { order: 2, name: "desk evaluation" },
        { order: 3, name: "presentation and interview" },
        { order: 4, name: "field verification" },
      ],
    });
  });

  it("keeps the same name in another region apart, with a slug qualified by its region", async () => {
    const dir = await tempDir();
    try {
      const file = path.join(dir, "tegal.csv");
      await fs.writeFile(
        file,
        "innovation_name,institution,regency_or_city,province,institution_level,launch_year,sector,summary,source_url\n" +
          "Lapor Hendi,Pemerintah Kota Tegal,Kota Tegal,Jawa Tengah,city,2021,complaints,,https://example.org/import-test/tegal\n",
      );
      const imported = await importCatalogueFiles(db.ds, [{ path: file, name: "tegal.csv" }]);
      expect(imported.problems).toEqual([]);
      expect(imported.reviews).toEqual([]);
      expect(await innovationsNamed("lapor hendi")).toEqual([
        expect.objectContaining({ slug: "lapor-hendi", region_code: "33.74" }),
        expect.objectContaining({ slug: "lapor-hendi-kota-tegal", region_code: "33.76" }),
      ]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it("changes nothing when the same files are imported again, and lists no review twice", async () => {
    const again = await importCatalogueFiles(db.ds, [...FILES].reverse());
    expect(again.problems).toEqual([]);
    expect(again.totalChanges).toBe(0);
    expect(again.reviews).toEqual([]);
    const [{ n }] = await db.ds.query(`SELECT count(*)::int AS n FROM import_review`);
    expect(n).toBe(1);
  });
});
