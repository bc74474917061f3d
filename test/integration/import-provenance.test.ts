import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findImportPublisher, type ImportPublisher } from "../../src/import/import-publisher";
import { importCatalogueFiles } from "../../src/import/run-import";
import { createPublisher } from "../../src/publishing/publishers";
import { loadSeedCatalogue } from "../../src/seed/load-seed";
import { TestClient } from "../helpers/graphql";
import { IMPORT_FIXTURES, openScratchDatabase, tempDir, type ScratchDatabase } from "./import-support";

const JATENG = "Biro Organisasi Setda Provinsi Jawa Tengah";
const KOMINFO = "Dinas Komunikasi dan Informatika Provinsi Jawa Tengah";
const INNOVATIONS_HEADER = "innovation_name,institution,regency_or_city,province,institution_level,launch_year,sector,summary,source_url";
const AWARDS_HEADER = "innovation_name,institution,competition,organizer,level,year,result,category_or_cluster,source_url";
const fixture = (name: string) => ({ path: path.join(IMPORT_FIXTURES, name), name });

const EDITION_SOURCES = `{
  competition(slug: "kipp-jawa-tengah") {
    edition(year: 2023) {
      entryCount editionNumber
      sources { url publisher retrievedAt assertedBy claims { publisher file row statements { field value } } }
    }
  }
}`;

interface ClaimView {
  publisher: string | null;
  file: string;
  row: number;
  statements: { field: string; value: string | null }[];
}
interface SourceView {
  url: string;
  publisher: string | null;
  assertedBy: string | null;
  claims: ClaimView[];
}

const said = (claim: ClaimView, field: string) => claim.statements.find((s) => s.field === field)?.value;

describe("import: provenance, conflicting publishers and precedence", () => {
  let db: ScratchDatabase;
  let client: TestClient;
  let dir: string;
  /** The Jawa Tengah organisation bureau and the province's Kominfo: both in region 33, both organising KIPP Jawa Tengah. */
  let jateng: ImportPublisher;
  let kominfo: ImportPublisher;

  beforeAll(async () => {
    db = await openScratchDatabase();
    client = await TestClient.create(db.ds);
    dir = await tempDir();
    for (const name of [JATENG, KOMINFO]) await createPublisher(db.ds, { name, region: "33", competitions: ["kipp-jawa-tengah"] });
    jateng = (await findImportPublisher(db.ds.manager, JATENG)).publisher!;
    kominfo = (await findImportPublisher(db.ds.manager, KOMINFO)).publisher!;
  });
  afterAll(async () => {
    await client?.stop();
    await db?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function csv(name: string, header: string, rows: string[]) {
    await fs.writeFile(path.join(dir, name), `${header}\n${rows.join("\n")}\n`);
    return { path: path.join(dir, name), name };
  }

  it("records who said what for every imported record, and the API answers it in sources", async () => {
    const innovations = await csv("jateng-innovations.csv", INNOVATIONS_HEADER, [
      "Sapa Warga Tegal,Dinas Komunikasi dan Informatika Kota Tegal,Kota Tegal,Jawa Tengah,city,2022,complaints,Citizens' chat line (test fixture).,https://example.org/import-test/sapa-warga",
    ]);
    const awards = await csv("jateng-awards.csv", AWARDS_HEADER, [
      "Sapa Warga Tegal,Dinas Komunikasi dan Informatika Kota Tegal,KIPP Jateng,Pemerintah Provinsi Jawa Tengah,provincial,2023,Top 20,Kelompok Umum,https://example.org/import-test/kipp-jateng-2023-results",
      "lapor hendi,Pemkot Semarang,KIPP Provinsi Jawa Tengah,Pemerintah Provinsi Jawa Tengah,provincial,2023,Top 20,Kelompok Umum,https://example.org/import-test/kipp-jateng-2023-results",
    ]);
    const report = await importCatalogueFiles(db.ds, [fixture("competitions-jateng-2023.csv"), innovations, awards], { publisher: jateng });
    expect(report.problems).toEqual([]);
    const data = await client.data<{ competition: { edition: { entryCount: number; sources: SourceView[] } } }>(EDITION_SOURCES);
    const edition = data.competition.edition;
    expect(edition.entryCount).toBe(310);
    const stated = edition.sources.find((s) => s.url === "https://example.org/import-test/kipp-jateng-2023")!;
    expect(stated).toMatchObject({ publisher: "example.org", assertedBy: `${JATENG}: competitions-jateng-2023.csv:row 2` });
    expect(stated.claims).toEqual([
      expect.objectContaining({ publisher: JATENG, file: "competitions-jateng-2023.csv", row: 2 }),
    ]);
    expect(said(stated.claims[0], "entryCount")).toBe("310");
    // The award rows that named the edition are its sources too, and each award's own claim says what its row said.
    const award = await client.data<{ innovation: { awards: { label: string; year: number; sources: SourceView[] }[] } }>(
      `{ innovation(slug: "lapor-hendi") { awards { label year sources { url claims { publisher file row statements { field value } } } } } }`,
    );
    const jateng2023 = award.innovation.awards.find((a) => a.year === 2023)!;
    expect(jateng2023.sources[0].claims).toEqual([expect.objectContaining({ publisher: JATENG, file: "jateng-awards.csv", row: 3 })]);
    expect(said(jateng2023.sources[0].claims[0], "innovation")).toBe("lapor hendi");
  });

  it("two publishers giving conflicting facts: the conflict is reported, the held fact kept, both sources linked", async () => {
    const report = await importCatalogueFiles(db.ds, [fixture("competitions-jateng-2023-other.csv")], { publisher: kominfo });
    expect(report.problems).toEqual([]);
    expect(report.applied).toBe(true);
    expect(report.conflicts).toEqual([
      expect.objectContaining({
        kind: "conflict",
        label: "competitions-jateng-2023-other.csv",
        row: 2,
        subjectType: "competition_edition",
        incoming: { entryCount: "325" },
        held: { entryCount: "310", heldBy: `publisher:${JATENG}` },
        message: expect.stringContaining(`the catalogue holds "310" (stated by publisher:${JATENG}), this row says "325"`),
      }),
    ]);
    const data = await client.data<{ competition: { edition: { entryCount: number; editionNumber: number; sources: SourceView[] } } }>(EDITION_SOURCES);
    const edition = data.competition.edition;
    // The held entry count stays; the edition number, which nobody had given, is filled.
    expect(edition).toMatchObject({ entryCount: 310, editionNumber: 5 });
    const claims = edition.sources.flatMap((s) => s.claims.map((c) => [c.publisher, said(c, "entryCount"), s.url]));
    expect(claims).toEqual(
      expect.arrayContaining([
        [JATENG, "310", "https://example.org/import-test/kipp-jateng-2023"],
        [KOMINFO, "325", "https://example.org/import-test/kipp-jateng-2023-news"],
      ]),
    );
    const reviews = await db.ds.query(`SELECT kind, subject_type, publisher, file, row, incoming FROM import_review WHERE kind = 'conflict'`);
    expect(reviews).toEqual([
      { kind: "conflict", subject_type: "competition_edition", publisher: KOMINFO, file: "competitions-jateng-2023-other.csv", row: 2, incoming: { entryCount: "325" } },
    ]);
  });

  it("a publisher may correct its own fact", async () => {
    const corrected = await csv("corrected.csv", "competition,organizer,level,year,edition_number,theme,stages,legal_basis,number_of_entries,source_url", [
      "KIPP Jateng,Pemerintah Provinsi Jawa Tengah,provincial,2023,,,,,312,https://example.org/import-test/kipp-jateng-2023",
    ]);
    const report = await importCatalogueFiles(db.ds, [corrected], { publisher: jateng });
    expect(report.conflicts).toEqual([]);
    expect(report.changes).toMatchObject({ competition_edition: 1, source_claim: 1 });
    const data = await client.data<{ competition: { edition: { entryCount: number } } }>(EDITION_SOURCES);
    expect(data.competition.edition.entryCount).toBe(312);
  });

  it("a publisher's correction of a seed fact survives the seed being applied again (a restart)", async () => {
    const row = "Lapor Hendi,Pemerintah Kota Semarang,Kota Semarang,Jawa Tengah,city,2015,complaints,,https://example.org/import-test/lapor-hendi-launch";
    const correction = await importCatalogueFiles(db.ds, [await csv("launch.csv", INNOVATIONS_HEADER, [row])], { publisher: jateng });
    expect(correction.changes.innovation).toBe(1);
    const seed = await loadSeedCatalogue(db.ds);
    expect(seed.problems).toEqual([]);
    const [{ launch_year }] = await db.ds.query(`SELECT launch_year FROM innovation WHERE slug = 'lapor-hendi'`);
    expect(launch_year).toBe(2015);

    // Another publisher's different year is a conflict: the first publisher's year stays, both are on record.
    const other = await importCatalogueFiles(db.ds, [await csv("other-launch.csv", INNOVATIONS_HEADER, [row.replace("2015", "2013").replace("lapor-hendi-launch", "lapor-hendi-other")])], {
      publisher: kominfo,
    });
    expect(other.conflicts).toEqual([expect.objectContaining({ subjectType: "innovation", incoming: { launchYear: "2013" }, held: { launchYear: "2015", heldBy: `publisher:${JATENG}` } })]);
    const data = await client.data<{ innovation: { launchYear: number; sources: SourceView[] } }>(
      `{ innovation(slug: "lapor-hendi") { launchYear sources { url assertedBy claims { publisher file statements { field value } } } } }`,
    );
    expect(data.innovation.launchYear).toBe(2015);
    const byPublisher = Object.fromEntries(data.innovation.sources.flatMap((s) => s.claims.filter((c) => said(c, "launchYear")).map((c) => [`${c.publisher} ${c.file}`, said(c, "launchYear")])));
    expect(byPublisher).toEqual({ [`${JATENG} launch.csv`]: "2015", [`${KOMINFO} other-launch.csv`]: "2013" });
    // The seed's own source is still listed, asserted by its row.
    expect(data.innovation.sources.some((s) => s.assertedBy?.startsWith("seeds/data/innovations.csv:row "))).toBe(true);
  });

  it("records an audit entry, naming the import's file and row, for every record an import created or changed", async () => {
    const entries = await db.ds.query(
      `SELECT p.name AS publisher, a.operation, a.subject_type AS "subjectType", a.source_url AS "sourceUrl", a.summary
         FROM audit_entry a JOIN publisher p ON p.id = a.publisher_id ORDER BY a.id`,
    );
    expect(entries.every((e: { operation: string }) => e.operation === "importBatch")).toBe(true);
    expect(entries).toContainEqual({
      publisher: JATENG,
      operation: "importBatch",
      subjectType: "innovation",
      sourceUrl: "https://example.org/import-test/sapa-warga",
      summary: { action: "created", changes: {}, context: { importRun: expect.any(Number), file: "jateng-innovations.csv", row: 2 } },
    });
    expect(entries).toContainEqual(
      expect.objectContaining({ publisher: JATENG, subjectType: "competition_edition", summary: expect.objectContaining({ action: "updated", changes: { entry_count: { from: 310, to: 312 } } }) }),
    );
    // A conflicting fact is not a write: Kominfo's entry count is not in the audit trail, its filled edition number is.
    expect(entries).toContainEqual(
      expect.objectContaining({ publisher: KOMINFO, subjectType: "competition_edition", summary: expect.objectContaining({ changes: { edition_number: { from: null, to: 5 } } }) }),
    );
  });

  it("holds every row to the publisher's scope, naming the rows outside it, and writes nothing", async () => {
    const [{ before }] = await db.ds.query(`SELECT count(*)::int AS before FROM source_claim`);
    const report = await importCatalogueFiles(db.ds, [fixture("innovations-variants.csv"), fixture("awards-variants.csv")], { publisher: jateng });
    expect(report.applied).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({ file: "innovations-variants.csv", row: 2, field: "innovation_name", message: expect.stringMatching(/^outside the scope of publisher "Biro Organisasi Setda Provinsi Jawa Tengah": the innovation "SELFI \(Sekolah Filial\)" is in region 16\.71/) }),
      expect.objectContaining({ file: "awards-variants.csv", row: 2, field: "competition", message: expect.stringContaining("is not a competition this publisher organises") }),
    ]);
    const [{ after }] = await db.ds.query(`SELECT count(*)::int AS after FROM source_claim`);
    expect(after).toBe(before);
  });

  it("answers the sources of a page of records in one statement, whatever the claims", async () => {
    const page = (first: number) =>
      client.run(`{ innovations(first: ${first}) { nodes { sources { url claims { file statements { field value } } } } } }`);
    const [small, large] = [await page(5), await page(50)];
    expect(small.errors).toBeUndefined();
    expect(large.statements).toBe(small.statements);
  });
});
