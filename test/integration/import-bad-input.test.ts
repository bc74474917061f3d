import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IMPORT_LIMITS } from "../../src/import/import-files";
import { importCatalogueFiles, type ImportFileInput, type ImportOptions } from "../../src/import/run-import";
import { IMPORT_TABLES } from "../../src/import/import-writer";
import { countRows, IMPORT_FIXTURES, openScratchDatabase, tempDir, type ScratchDatabase } from "./import-support";

const AWARDS_HEADER = "innovation_name,institution,competition,organizer,level,year,result,category_or_cluster,source_url";
const INNOVATIONS_HEADER = "innovation_name,institution,regency_or_city,province,institution_level,launch_year,sector,summary,source_url";
const AWARD_ROW = "Lapor Hendi,Pemerintah Kota Semarang,KIPP,KemenPANRB,national,2023,Top 99,,https://example.org/import-test/bad";
const EVERY_TABLE = [...IMPORT_TABLES, "import_run", "import_review"];

describe("import: bad input gets a clear error naming the row, and nothing is written", () => {
  let db: ScratchDatabase;
  let dir: string;
  let before: Record<string, number>;

  beforeAll(async () => {
    db = await openScratchDatabase();
    dir = await tempDir();
    before = await countRows(db.ds, EVERY_TABLE);
  });
  afterAll(async () => {
    await db?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  /** Writes `content` to a file in the test directory and returns its import input. */
  async function file(name: string, content: string | Buffer): Promise<ImportFileInput> {
    await fs.writeFile(path.join(dir, name), content);
    return { path: path.join(dir, name), name };
  }

  /** Imports, expects the import to be refused, and checks that no table changed. */
  async function refused(files: ImportFileInput[], options: ImportOptions = {}) {
    const report = await importCatalogueFiles(db.ds, files, options);
    expect(report.applied).toBe(false);
    expect(report.problems.length).toBeGreaterThan(0);
    expect(report.totalChanges).toBe(0);
    expect(await countRows(db.ds, EVERY_TABLE)).toEqual(before);
    return report.problems;
  }

  it("wrong columns: names the columns missing and the ones not in the format", async () => {
    const problems = await refused([await file("misspelt.csv", `${AWARDS_HEADER.replace("result", "resutl")}\n${AWARD_ROW}\n`)]);
    expect(problems).toEqual([
      {
        file: "misspelt.csv",
        row: 1,
        field: "",
        message: expect.stringMatching(/^wrong columns: looks like the awards format but missing "result"; not part of the format: "resutl"/),
      },
    ]);
    const [unknown] = await refused([await file("other.csv", "name,budget\nLapor Hendi,100\n")]);
    expect(unknown.message).toMatch(/match none of the formats \(innovations, awards, competitions, replications\)/);
  });

  it("a row with more cells than the header has", async () => {
    const problems = await refused([await file("extra-cell.csv", `${AWARDS_HEADER}\n${AWARD_ROW}\n${AWARD_ROW.replace("Top 99", "Top 45")},surplus\n`)]);
    expect(problems).toEqual([{ file: "extra-cell.csv", row: 3, field: "", message: expect.stringContaining("has 10 cells but the header has 9 columns") }]);
  });

  it("bad encoding: a Windows-1252 byte names its line", async () => {
    const latin1 = Buffer.concat([Buffer.from(`${AWARDS_HEADER}\n${AWARD_ROW}\nInovasi Caf`), Buffer.from([0xe9]), Buffer.from(`,Pemerintah Kota Semarang,KIPP,KemenPANRB,national,2023,Top 99,,https://example.org/x\n`)]);
    const problems = await refused([await file("latin1.csv", latin1)]);
    expect(problems).toEqual([{ file: "latin1.csv", row: 3, field: "", message: expect.stringMatching(/^line 3 is not UTF-8: byte 0xE9 .*save the file as UTF-8/) }]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${AWARDS_HEADER}\n`, "utf16le")]);
    const [bom] = await refused([await file("utf16.csv", utf16)]);
    expect(bom.message).toMatch(/UTF-16/);
  });

  it("an unterminated quote names the row it opens in", async () => {
    const text = `${AWARDS_HEADER}\n${AWARD_ROW}\n"Lapor Hendi,Pemerintah Kota Semarang,KIPP,KemenPANRB,national,2023,Top 45,,https://example.org/x\n${AWARD_ROW}\n`;
    const problems = await refused([await file("quote.csv", text)]);
    expect(problems).toEqual([{ file: "quote.csv", row: 3, field: "", message: expect.stringContaining("never closed") }]);
  });

  it("a huge file is refused before it is read, naming the documented limit", async () => {
    const huge = path.join(dir, "huge.csv");
    await fs.writeFile(huge, `${AWARDS_HEADER}\n`);
    await fs.truncate(huge, IMPORT_LIMITS.maxCsvBytes + 1);
    const problems = await refused([{ path: huge, name: "huge.csv" }]);
    expect(problems).toEqual([{ file: "huge.csv", row: 0, field: "", message: expect.stringMatching(/^is 200\.0 MiB, over the limit of 200 MiB for a CSV import file; split it/) }]);
  });

  it("a file with more rows than the limit names the first row over it", async () => {
    const rows = ["Top 1", "Top 2", "Top 3", "Top 4"].map((label) => AWARD_ROW.replace("Top 99", label));
    const problems = await refused([await file("long.csv", `${AWARDS_HEADER}\n${rows.join("\n")}\n`)], { limits: { ...IMPORT_LIMITS, maxRows: 3 } });
    expect(problems).toEqual([{ file: "long.csv", row: 5, field: "", message: expect.stringContaining("more than 3 rows") }]);
  });

  it("an unknown region names the row and the field, and creates nothing for it", async () => {
    const text = [
      INNOVATIONS_HEADER,
      "Layanan Atlantis,Pemerintah Provinsi Atlantis,,Atlantis,province,,governance,,https://example.org/x",
      "Layanan Gotham,Dinas Kesehatan Kota Gotham,Kota Gotham,Jawa Tengah,city,,health,,https://example.org/y",
      "Layanan Tanpa Wilayah,Dinas Kesehatan,,,city,,health,,https://example.org/z",
    ].join("\n");
    const problems = await refused([await file("regions.csv", text)]);
    expect(problems).toEqual([
      { file: "regions.csv", row: 2, field: "province", message: expect.stringContaining('unknown province "Atlantis"') },
      { file: "regions.csv", row: 3, field: "regency_or_city", message: expect.stringContaining('unknown regency or city "Kota Gotham"') },
      { file: "regions.csv", row: 4, field: "province", message: expect.stringContaining("needs its province") },
    ]);
  });

  it("duplicate rows name the row they repeat", async () => {
    const problems = await refused([await file("twice.csv", `${AWARDS_HEADER}\n${AWARD_ROW}\n${AWARD_ROW.replace("Top 99", "Top 45")}\n${AWARD_ROW}\n`)]);
    expect(problems).toEqual([{ file: "twice.csv", row: 4, field: "result", message: expect.stringContaining("repeats row 2 of twice.csv") }]);
    const innovations = await fs.readFile(path.join(IMPORT_FIXTURES, "innovations-variants.csv"), "utf8");
    const [row] = await refused([{ path: path.join(IMPORT_FIXTURES, "innovations-variants.csv"), name: "a.csv" }, await file("b.csv", innovations)]);
    expect(row).toMatchObject({ file: "b.csv", row: 2, message: expect.stringContaining("repeats row 2 of a.csv") });
  });

  it("references that do not resolve, and bad fields, each name their row and field", async () => {
    const text = [
      AWARDS_HEADER,
      "Lapor Hendi,Pemerintah Kota Semarang,Piala Dunia Inovasi,FIFA,international,2023,Top 99,,https://example.org/x",
      "Inovasi Yang Tidak Ada,Pemerintah Kota Semarang,KIPP,KemenPANRB,national,2023,Top 99,,https://example.org/x",
      "Lapor Hendi,Pemerintah Kota Semarang,KIPP,KemenPANRB,provincial,2023,Top 9,,https://example.org/x",
      "Lapor Hendi,Pemerintah Kota Semarang,KIPP,KemenPANRB,national,20x3,Top 9,,not a url",
    ].join("\n");
    const problems = await refused([await file("refs.csv", text)]);
    expect(problems.map((p) => [p.row, p.field])).toEqual([
      [5, "year"],
      [5, "source_url"],
      [2, "competition"],
      [3, "innovation_name"],
      [4, "level"],
    ]);
    expect(problems.find((p) => p.row === 3)!.message).toMatch(/no innovation "Inovasi Yang Tidak Ada" of "Pemerintah Kota Semarang"/);
  });

  it("a problem after thousands of good rows still leaves everything unwritten", async () => {
    const good = Array.from({ length: 2_500 }, (_, i) => AWARD_ROW.replace("Top 99", `Penghargaan ${i + 1}`));
    const problems = await refused([await file("late.csv", `${AWARDS_HEADER}\n${good.join("\n")}\n${AWARD_ROW.replace("KIPP", "KIPP Antariksa")}\n`)]);
    expect(problems).toEqual([{ file: "late.csv", row: 2_502, field: "competition", message: expect.stringContaining('"KIPP Antariksa" is not a competition') }]);
  });

  it("one bad file among good ones: the good ones are not written either", async () => {
    const fixtures = ["innovations-variants.csv", "awards-variants.csv"].map((name) => ({ path: path.join(IMPORT_FIXTURES, name), name }));
    const problems = await refused([...fixtures, await file("bad.csv", `${AWARDS_HEADER}\n${AWARD_ROW.replace("national", "galactic")}\n`)]);
    expect(problems).toEqual([{ file: "bad.csv", row: 2, field: "level", message: expect.stringContaining('"galactic" is not one of') }]);
  });

  it("JSON: invalid documents, unknown fields and wrong types", async () => {
    const [syntax] = await refused([await file("broken.json", '{"awards": [')]);
    expect(syntax.message).toMatch(/^not valid JSON/);
    const entries = [
      { innovation_name: "Lapor Hendi", institution: "Pemerintah Kota Semarang", competition: "KIPP", level: "national", year: 2023, result: "Top 99", source_url: "https://example.org/x", resutl: "x" },
      { innovation_name: "Lapor Hendi", institution: "Pemerintah Kota Semarang", competition: "KIPP", level: "national", year: { y: 2023 }, result: "Top 45", source_url: "https://example.org/x" },
    ];
    const problems = await refused([await file("fields.json", JSON.stringify({ awards: entries, budgets: [] }))]);
    expect(problems).toEqual([
      { file: "fields.json", row: 0, field: "budgets", message: expect.stringContaining('"budgets" is not one of the lists') },
      { file: "fields.json (awards)", row: 1, field: "resutl", message: expect.stringContaining("is not a field of the awards format") },
      { file: "fields.json (awards)", row: 2, field: "year", message: "must be text, a number or null" },
      { file: "fields.json (awards)", row: 2, field: "year", message: "is empty" },
    ]);
  });

  it("a missing file, an empty file and a file named twice", async () => {
    const empty = await file("empty.csv", "");
    const problems = await refused([{ path: path.join(dir, "nowhere.csv"), name: "nowhere.csv" }, empty, empty]);
    expect(problems).toEqual([
      { file: "nowhere.csv", row: 0, field: "", message: "cannot read the file: no such file" },
      { file: "empty.csv", row: 1, field: "", message: "is empty" },
      { file: "empty.csv", row: 0, field: "", message: "is named twice; import each file once" },
    ]);
  });
});
