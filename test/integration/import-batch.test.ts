import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPublisher } from "../../src/publishing/publishers";
import { TestClient } from "../helpers/graphql";
import { countRows, IMPORT_FIXTURES, openScratchDatabase, type ScratchDatabase } from "./import-support";

const IMPORT_BATCH = `mutation ($input: ImportBatchInput!) {
  importBatch(input: $input) {
    report { applied dryRun rows totalChanges changes { table count } reviews { kind file row message } notes { file row message } }
    userErrors { field message code }
  }
}`;

interface BatchResult {
  importBatch: {
    report: { applied: boolean; dryRun: boolean; rows: number; totalChanges: number; changes: { table: string; count: number }[]; reviews: unknown[] } | null;
    userErrors: { field: string[]; message: string; code: string }[];
  };
}

const AWARDS = `innovation_name,institution,competition,organizer,level,year,result,category_or_cluster,source_url
lapor hendi,Pemkot Semarang,KIPP Jateng,Pemerintah Provinsi Jawa Tengah,provincial,2023,Juara 1,,https://example.org/import-test/batch
Sanpiisan,Pemerintah Kota Semarang,KIPP Jateng,Pemerintah Provinsi Jawa Tengah,provincial,2023,Top 20,,https://example.org/import-test/batch
`;

describe("importBatch: the import as a mutation, for the publisher of the API key", () => {
  let db: ScratchDatabase;
  let client: TestClient;
  let key: string;
  let tables: string[];

  beforeAll(async () => {
    db = await openScratchDatabase();
    client = await TestClient.create(db.ds);
    ({ issued: { key } } = await createPublisher(db.ds, { name: "Biro Organisasi Setda Provinsi Jawa Tengah", region: "33", competitions: ["kipp-jawa-tengah"] }));
    tables = ["award_result", "competition_edition", "innovation", "source_claim", "import_run", "audit_entry"];
  });
  afterAll(async () => {
    await client?.stop();
    await db?.close();
  });

  const batch = (files: { name: string; content: string }[], options: { dryRun?: boolean; apiKey?: string | null } = {}) =>
    client.run<BatchResult>(IMPORT_BATCH, { input: { files, dryRun: options.dryRun ?? false } }, options.apiKey === null ? {} : { apiKey: options.apiKey ?? key });

  it("needs an API key", async () => {
    const result = await batch([{ name: "awards.csv", content: AWARDS }], { apiKey: null });
    expect(result.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("imports in scope, with a dry run first, and changes nothing the second time", async () => {
    const before = await countRows(db.ds, tables);
    const dry = await batch([{ name: "awards.csv", content: AWARDS }], { dryRun: true });
    expect(dry.errors).toBeUndefined();
    expect(dry.data!.importBatch.report).toMatchObject({ applied: false, dryRun: true, rows: 2 });
    expect(await countRows(db.ds, tables)).toEqual(before);

    const applied = await batch([{ name: "awards.csv", content: AWARDS }]);
    expect(applied.data!.importBatch.userErrors).toEqual([]);
    const report = applied.data!.importBatch.report!;
    expect(report).toMatchObject({ applied: true, rows: 2 });
    expect(report.changes).toContainEqual({ table: "award_result", count: 2 });
    expect(report.changes).toContainEqual({ table: "competition_edition", count: 1 });
    const [{ audited }] = await db.ds.query(`SELECT count(*)::int AS audited FROM audit_entry WHERE operation = 'importBatch' AND api_key_id IS NOT NULL`);
    expect(audited).toBe(3);

    const again = await batch([{ name: "awards.csv", content: AWARDS }]);
    expect(again.data!.importBatch.report!.totalChanges).toBe(0);
  });

  it("refuses rows outside the publisher's scope with FORBIDDEN, naming them, and writes nothing", async () => {
    const before = await countRows(db.ds, tables);
    const awards = await fs.readFile(path.join(IMPORT_FIXTURES, "awards-variants.csv"), "utf8");
    const innovations = await fs.readFile(path.join(IMPORT_FIXTURES, "innovations-variants.csv"), "utf8");
    const result = await batch([
      { name: "innovations-variants.csv", content: innovations },
      { name: "awards-variants.csv", content: awards },
    ]);
    expect(result.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect(result.errors?.[0].message).toContain("awards-variants.csv row 2: outside the scope");
    expect(await countRows(db.ds, tables)).toEqual(before);
  });

  it("returns every other problem as userErrors with the file's position, row and field, and writes nothing", async () => {
    const before = await countRows(db.ds, tables);
    const innovations =
      "innovation_name,institution,regency_or_city,province,institution_level,launch_year,sector,summary,source_url\n" +
      "Layanan Baru,Dinas Kesehatan Kota Gotham,Kota Gotham,Jawa Tengah,city,,health,,https://example.org/x\n";
    const result = await batch([
      { name: "awards.csv", content: `${AWARDS}lapor hendi,Pemkot Semarang,KIPP Jateng,Pemerintah Provinsi Jawa Tengah,provincial,2023,Juara 1,,https://example.org/y\n` },
      { name: "innovations.csv", content: innovations },
    ]);
    expect(result.errors).toBeUndefined();
    expect(result.data!.importBatch.report).toBeNull();
    expect(result.data!.importBatch.userErrors).toEqual([
      { field: ["input", "files", "1", "content", "rows", "2", "regency_or_city"], code: "UNKNOWN_REGION", message: expect.stringContaining('innovations.csv row 2, regency_or_city: unknown regency or city "Kota Gotham"') },
      { field: ["input", "files", "0", "content", "rows", "4", "result"], code: "DUPLICATE", message: expect.stringContaining("repeats row 2 of awards.csv") },
    ]);
    expect(await countRows(db.ds, tables)).toEqual(before);
  });
});
