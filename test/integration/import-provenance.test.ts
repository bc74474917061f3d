import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importCatalogueFiles } from "../../src/import/run-import";
import { loadSeedCatalogue } from "../../src/seed/load-seed";
import { TestClient } from "../helpers/graphql";
import { IMPORT_FIXTURES, openScratchDatabase, tempDir, type ScratchDatabase } from "./import-support";

const JATENG = "Biro Organisasi Setda Provinsi Jawa Tengah";
const KOMINFO = "Dinas Komunikasi dan Informatika Provinsi Jawa Tengah";
const INNOVATIONS_HEADER = "innovation_name,institution,regency_or_city,province,institution_level,launch_year,sector,summary,source_url";
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

  beforeAll(async () => {
    db = await openScratchDatabase();
    client = await TestClient.create(db.ds);
    dir = await tempDir();
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
    const report = await importCatalogueFiles(db.ds, [fixture("competitions-jateng-2023.csv"), fixture("innovations-variants.csv"), fixture("awards-variants.csv")], {
      publisher: JATENG,
    });
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
    const jateng = award.innovation.awards.find((a) => a.year === 2023)!;
    expect(jateng.sources[0].claims).toEqual([expect.objectContaining({ publisher: JATENG, file: "awards-variants.csv", row: 4 })]);
    expect(said(jateng.sources[0].claims[0], "innovation")).toBe("lapor hendi");
  });

  it("two publishers giving conflicting facts: the conflict is reported, the held fact kept, both sources linked", async () => {
    const report = await importCatalogueFiles(db.ds, [fixture("competitions-jateng-2023-other.csv")], { publisher: KOMINFO });
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
    const report = await importCatalogueFiles(db.ds, [corrected], { publisher: JATENG });
    expect(report.conflicts).toEqual([]);
    expect(report.changes).toMatchObject({ competition_edition: 1, source_claim: 1 });
    const data = await client.data<{ competition: { edition: { entryCount: number } } }>(EDITION_SOURCES);
    expect(data.competition.edition.entryCount).toBe(312);
  });

  it("a publisher's correction of a seed fact survives the seed being applied again (a restart)", async () => {
    const row = "Lapor Hendi,Pemerintah Kota Semarang,Kota Semarang,Jawa Tengah,city,2015,complaints,,https://example.org/import-test/lapor-hendi-launch";
    const correction = await importCatalogueFiles(db.ds, [await csv("launch.csv", INNOVATIONS_HEADER, [row])], { publisher: JATENG });
    expect(correction.changes.innovation).toBe(1);
    const seed = await loadSeedCatalogue(db.ds);
    expect(seed.problems).toEqual([]);
    const [{ launch_year }] = await db.ds.query(`SELECT launch_year FROM innovation WHERE slug = 'lapor-hendi'`);
    expect(launch_year).toBe(2015);

    // Another publisher's different year is a conflict: the first publisher's year stays, both are on record.
    const other = await importCatalogueFiles(db.ds, [await csv("other-launch.csv", INNOVATIONS_HEADER, [row.replace("2015", "2013").replace("lapor-hendi-launch", "lapor-hendi-other")])], {
      publisher: KOMINFO,
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

  it("answers the sources of a page of records in one statement, whatever the claims", async () => {
    const page = (first: number) =>
      client.run(`{ innovations(first: ${first}) { nodes { sources { url claims { file statements { field value } } } } } }`);
    const [small, large] = [await page(5), await page(50)];
    expect(small.errors).toBeUndefined();
    expect(large.statements).toBe(small.statements);
  });
});
