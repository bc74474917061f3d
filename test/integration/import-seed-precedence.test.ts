import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SEEDS_DIR, loadSeedCatalogue } from "../../src/seed/load-seed";
import { openScratchDatabase, tempDir, type ScratchDatabase } from "./import-support";

/** Replaces `from` by `to` (exactly once) in one seed file of a seeds copy. */
async function editSeedFile(dir: string, relative: string, from: string, to: string): Promise<void> {
  const file = path.join(dir, relative);
  const text = await fs.readFile(file, "utf8");
  if (text.split(from).length !== 2) throw new Error(`"${from}" is not in ${relative} exactly once`);
  await fs.writeFile(file, text.replace(from, to));
}

describe("seed precedence: a restart does not clobber what others wrote", () => {
  let db: ScratchDatabase;
  let seedsCopy: string;

  beforeAll(async () => {
    db = await openScratchDatabase();
    seedsCopy = await tempDir("inovasi-seeds-");
    await fs.cp(DEFAULT_SEEDS_DIR, seedsCopy, { recursive: true });
  });
  afterAll(async () => {
    await db?.close();
    await fs.rm(seedsCopy, { recursive: true, force: true });
  });

  const laporHendi = async () =>
    (await db.ds.query(`SELECT summary, launch_year, sector FROM innovation WHERE slug = 'lapor-hendi'`))[0];

  it("keeps a value written since the seed, and still fills what is empty", async () => {
    const seeded = await laporHendi();
    // A correction by someone else (an import or a mutation), and a column emptied by hand.
    await db.ds.query(`UPDATE innovation SET summary = 'Corrected by a publisher.', launch_year = 2015 WHERE slug = 'lapor-hendi'`);
    await db.ds.query(`UPDATE award_result SET group_name = NULL WHERE group_name IS NOT NULL AND id = (SELECT min(id) FROM award_result WHERE group_name IS NOT NULL)`);

    const report = await loadSeedCatalogue(db.ds);
    expect(report.problems).toEqual([]);
    // The emptied group is the seed's to fill again; the innovation's correction is kept.
    expect(Object.entries(report.changes).filter(([, n]) => n > 0)).toEqual([["award_result", 1]]);
    expect(await laporHendi()).toEqual({ ...seeded, summary: "Corrected by a publisher.", launch_year: 2015 });

    const again = await loadSeedCatalogue(db.ds);
    expect(Object.values(again.changes).every((n) => n === 0)).toBe(true);
  });

  it("applies a changed seed to the columns it still owns, and only to those", async () => {
    // The seed file now gives Lapor Hendi another sector and another summary: the sector is still the
    // seed's (nobody changed it), the summary is the publisher's.
    await editSeedFile(seedsCopy, "data/innovations.csv", "Lapor Hendi,Pemerintah Kota Semarang,Kota Semarang,Jawa Tengah,city,2014,complaints,", "Lapor Hendi,Pemerintah Kota Semarang,Kota Semarang,Jawa Tengah,city,2014,governance,");
    const report = await loadSeedCatalogue(db.ds, { seedsDir: seedsCopy });
    expect(report.problems).toEqual([]);
    expect(report.changes.innovation).toBe(1);
    expect(await laporHendi()).toMatchObject({ sector: "governance", summary: "Corrected by a publisher.", launch_year: 2015 });

    // Back to the repository's seeds: the sector returns, the correction stays.
    const restored = await loadSeedCatalogue(db.ds);
    expect(restored.changes.innovation).toBe(1);
    expect(await laporHendi()).toMatchObject({ sector: "complaints", summary: "Corrected by a publisher." });
  });

  it("takes a column back once the other writer's value is the seed's again", async () => {
    const [{ summary }] = await db.ds.query(
      `SELECT snapshot ->> 'summary' AS summary FROM seed_snapshot s JOIN innovation i ON i.id = s.row_id
        WHERE s.table_name = 'innovation' AND i.slug = 'lapor-hendi'`,
    );
    await db.ds.query(`UPDATE innovation SET summary = $1 WHERE slug = 'lapor-hendi'`, [summary]);
    await editSeedFile(seedsCopy, "data/innovations.csv", "city,2014,governance,", "city,2014,complaints,");
    const text = await fs.readFile(path.join(seedsCopy, "data/innovations.csv"), "utf8");
    await fs.writeFile(path.join(seedsCopy, "data/innovations.csv"), text.replace(summary, "A newer seed summary."));
    const report = await loadSeedCatalogue(db.ds, { seedsDir: seedsCopy });
    expect(report.changes.innovation).toBe(1);
    expect((await laporHendi()).summary).toBe("A newer seed summary.");
  });

  it("makes the rows of a database seeded before the snapshot existed the seed's (the migration's backfill)", async () => {
    // Undo the migrations back to and including the one that added seed_snapshot (the later ones'
    // down() run too), then apply them all again.
    const last = async (): Promise<string> => (await db.ds.query(`SELECT name FROM typeorm_migrations ORDER BY timestamp DESC LIMIT 1`))[0].name;
    const undone: string[] = [];
    while (!undone.includes("ImportProvenance1763920000000")) {
      undone.push(await last());
      await db.ds.undoLastMigration({ transaction: "all" });
    }
    expect(undone.length).toBeGreaterThanOrEqual(1);
    await db.ds.runMigrations({ transaction: "all" });
    expect(await last()).toBe(undone[0]);
    const [{ missing }] = await db.ds.query(
      `SELECT count(*)::int AS missing FROM innovation i
        WHERE NOT EXISTS (SELECT 1 FROM seed_snapshot s WHERE s.table_name = 'innovation' AND s.row_id = i.id)`,
    );
    expect(missing).toBe(0);
    // Whatever the rows held when the migration ran counts as the seed's, the launch year corrected
    // above included (in a real deployment nothing but the seed could have written before it).
    const report = await loadSeedCatalogue(db.ds, { seedsDir: seedsCopy });
    expect(Object.entries(report.changes).filter(([, n]) => n > 0)).toEqual([["innovation", 1]]);
    expect((await laporHendi()).launch_year).toBe(2014);
    await editSeedFile(seedsCopy, "data/innovations.csv", "A newer seed summary.", "The newest seed summary.");
    const changed = await loadSeedCatalogue(db.ds, { seedsDir: seedsCopy });
    expect(changed.changes.innovation).toBe(1);
    expect((await laporHendi()).summary).toBe("The newest seed summary.");
  });
});
