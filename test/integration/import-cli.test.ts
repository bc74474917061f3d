import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SOCKET_INFO_FILE } from "../../src/db/embedded";
import type { ImportReport } from "../../src/import/run-import";
import { runInovasi as inovasi } from "../helpers/inovasi-process";
import { IMPORT_FIXTURES, openScratchDatabase, tempDir, type ScratchDatabase } from "./import-support";

const fixture = (name: string) => path.join(IMPORT_FIXTURES, name);
const FILES = ["innovations-variants.csv", "awards-variants.csv", "competitions-jateng-2023.csv", "replications.csv", "catalogue.json"].map(fixture);

describe("inovasi import", () => {
  let db: ScratchDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await openScratchDatabase();
    env = { DATABASE_URL: db.url };
  });
  afterAll(async () => {
    await db?.close();
  });

  it("is listed, with its usage", async () => {
    const [list, help] = await Promise.all([inovasi(["--help"], {}), inovasi(["import", "--help"], {})]);
    expect(list.stdout).toMatch(/^ {2}import\s+Import catalogue files/m);
    expect(help.stdout).toContain("Usage: inovasi import FILE... [--publisher NAME] [--dry-run] [--json]");
    const none = await inovasi(["import"], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("name at least one file to import");
  });

  it("a dry run reports what would change and writes nothing", async () => {
    const dry = await inovasi(["import", ...FILES, "--dry-run", "--json"], env);
    expect(dry.code).toBe(0);
    const report = JSON.parse(dry.stdout) as ImportReport;
    expect(report).toMatchObject({ dryRun: true, applied: false, problems: [], runId: null });
    expect(report.totalChanges).toBeGreaterThan(0);
    expect(report.changes.replication).toBe(2);
    const [{ n }] = await db.ds.query(`SELECT count(*)::int AS n FROM import_run`);
    expect(n).toBe(0);
    const [{ r }] = await db.ds.query(`SELECT count(*)::int AS r FROM replication`);
    expect(r).toBe(0);
  });

  it("imports CSV and JSON files, printing plain progress lines when not on a terminal", async () => {
    const run = await inovasi(["import", ...FILES], env);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^validating: 13 rows$/m);
    expect(run.stderr).toMatch(/^writing: 13 rows of 13 \(100%\)$/m);
    expect(run.stderr).not.toContain("\r");
    expect(run.stdout).toMatch(/^Imported into PostgreSQL at .*: 13 row\(s\) from 5 file\(s\)/m);
    expect(run.stdout).toMatch(/^ {2}replication: 2 row\(s\) changed$/m);
    expect(run.stdout).toContain("1 item(s) for review (kept in the import_review table):");
    expect(run.stdout).toContain(`${fixture("innovations-variants.csv")} row 5, innovation_name: "Gerakan Kembali Sekolah" may be`);

    const replications = await db.ds.query(
      `SELECT o.slug AS origin, a.name AS adopter, r.status, r.agreed_on AS "agreedOn"
         FROM replication r JOIN innovation o ON o.id = r.origin_innovation_id JOIN institution a ON a.id = r.adopter_institution_id ORDER BY o.slug`,
    );
    expect(replications).toEqual([
      { origin: "lapor-hendi", adopter: "Pemerintah Kota Tegal", status: "agreement", agreedOn: "2023-05-10" },
      { origin: expect.stringMatching(/^selfi/), adopter: "Pemerintah Kabupaten Banyumas", status: "interest", agreedOn: null },
    ]);
    // The adopter is the held pemda, not a second one.
    const [{ tegal }] = await db.ds.query(`SELECT count(*)::int AS tegal FROM institution WHERE name = 'Pemerintah Kota Tegal'`);
    expect(tegal).toBe(1);
    const [klinik] = await db.ds.query(
      `SELECT i.name, a.raw_label, a.tier, a.place FROM innovation i JOIN award_result a ON a.innovation_id = i.id WHERE i.name = 'Klinik Layanan Terpadu Pekalongan'`,
    );
    expect(klinik).toEqual({ name: "Klinik Layanan Terpadu Pekalongan", raw_label: "Juara 2", tier: "top", place: 2 });
  });

  it("changes nothing the second time, and says so", async () => {
    const run = await inovasi(["import", ...FILES], env);
    expect(run.code).toBe(0);
    expect(run.stdout, run.stdout).toContain("No changes: the catalogue already holds everything these files say.");
    const json = await inovasi(["import", ...FILES, "--json"], env);
    expect((JSON.parse(json.stdout) as ImportReport).totalChanges).toBe(0);
  });

  it("moves a replication on when its asserter reports the next status", async () => {
    const dir = await tempDir();
    try {
      const file = path.join(dir, "replications-2024.csv");
      const text = await fs.readFile(fixture("replications.csv"), "utf8");
      const [header, tegal] = text.split("\n");
      await fs.writeFile(file, `${header}\n${tegal.replace("agreement,2023-02-01,2023-05-10,", "implemented,2023-02-01,2023-05-10,2024-01-15")}\n`);
      const run = await inovasi(["import", file, "--json"], env);
      const report = JSON.parse(run.stdout) as ImportReport;
      expect(report.changes).toMatchObject({ replication: 1, source_claim: 1 });
      expect(report.conflicts).toEqual([]);
      const [row] = await db.ds.query(`SELECT status, implemented_on AS "implementedOn" FROM replication WHERE implemented_on IS NOT NULL`);
      expect(row).toEqual({ status: "implemented", implementedOn: "2024-01-15" });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it("lists every problem with its file, row and field, exits 1 and writes nothing", async () => {
    const dir = await tempDir();
    try {
      const bad = path.join(dir, "bad-awards.csv");
      await fs.writeFile(
        bad,
        "innovation_name,institution,competition,organizer,level,year,result,category_or_cluster,source_url\n" +
          "Lapor Hendi,Pemerintah Kota Semarang,KIPP,KemenPANRB,national,2031,Top 99,,https://example.org/x\n" +
          "Lapor Hendi,Pemerintah Kota Semarang,KIPP Mars,KemenPANRB,national,2024,Top 99,,https://example.org/x\n",
      );
      const [{ before }] = await db.ds.query(`SELECT count(*)::int AS before FROM award_result`);
      const run = await inovasi(["import", fixture("innovations-variants.csv"), bad], env);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr).toContain("1 problem(s) in the import; nothing was written:");
      expect(run.stderr).toContain(`${bad} row 3, competition: "KIPP Mars" is not a competition the catalogue knows`);
      const [{ after }] = await db.ds.query(`SELECT count(*)::int AS after FROM award_result`);
      expect(after).toBe(before);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses a publisher that does not exist, listing the ones that do", async () => {
    const run = await inovasi(["import", fixture("awards-variants.csv"), "--publisher", "Biro Antah Berantah"], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no publisher is named "Biro Antah Berantah"\. (There are no publishers yet|Publishers: )/);
  });

  it("says what to do when a running server holds the embedded database", async () => {
    const heldDir = await fs.mkdtemp(path.join(os.tmpdir(), "inovasi-held-"));
    try {
      const url = "postgres://postgres@127.0.0.1:54999/postgres";
      // This test process stands in for the running server: alive, and not the CLI's own pid.
      await fs.writeFile(path.join(heldDir, SOCKET_INFO_FILE), JSON.stringify({ pid: process.pid, port: 54999, url, startedAt: "" }));
      const run = await inovasi(["import", fixture("awards-variants.csv"), "--publisher", "Biro Organisasi"], { INOVASI_DATA_DIR: heldDir });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`is in use by a running inovasi server (pid ${process.pid})`);
      expect(run.stderr).toContain("stop that server and run this import again");
      expect(run.stderr).toContain(`DATABASE_URL=${url} npx inovasi import ${fixture("awards-variants.csv")} --publisher "Biro Organisasi"`);
      expect(run.stderr).toContain("importBatch mutation");
    } finally {
      await fs.rm(heldDir, { recursive: true, force: true });
    }
  });
});
