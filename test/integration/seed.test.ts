import { readFileSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataSource } from "typeorm";
import { createDataSource } from "../../src/db/data-source";
import { migrate } from "../../src/db/database";
import { startEmbeddedPostgres } from "../../src/db/embedded";
import { parseCatalogueCsv } from "../../src/seed/catalogue-csv";
import { buildCataloguePlan, type CataloguePlan } from "../../src/seed/catalogue-plan";
import { SEED_TABLES } from "../../src/seed/catalogue-writer";
import { readIdnRegions } from "../../src/seed/idn-regions";
import { DEFAULT_SEEDS_DIR, loadSeedCatalogue } from "../../src/seed/load-seed";
import { readSeedInput } from "../../src/seed/seed-files";
import { openTestDataSource } from "../helpers/db";

/** Row counts of every table the seeds write. */
async function tableCounts(ds: DataSource): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of SEED_TABLES) {
    const [row] = await ds.query(`SELECT count(*)::int AS n FROM "${table}"`);
    out[table] = row.n;
  }
  return out;
}

/** A copy of the repository's seeds in a temporary directory, for tests that break it. */
async function copySeeds(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "inovasi-seeds-"));
  await fs.cp(DEFAULT_SEEDS_DIR, dir, { recursive: true });
  return dir;
}

/** Rewrites one field of one data row (spreadsheet numbering: the header is row 1) of a seed CSV. */
async function editCsvCell(file: string, row: number, column: string, value: string): Promise<void> {
  const records = parse(await fs.readFile(file, "utf8")) as string[][];
  records[row - 1][records[0].indexOf(column)] = value;
  const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  await fs.writeFile(file, `${records.map((r) => r.map(quote).join(",")).join("\n")}\n`);
}

describe("seed catalogue", () => {
  let ds: DataSource;
  /** What the repository's seeds resolve to: the records this suite expects in the database. */
  let plan: CataloguePlan;
  const innovationsCsv = parseCatalogueCsv(
    "innovations",
    readFileSync(path.join(DEFAULT_SEEDS_DIR, "data/innovations.csv"), "utf8"),
    "innovations.csv",
  );

  beforeAll(async () => {
    ds = await openTestDataSource();
    const { input } = await readSeedInput(DEFAULT_SEEDS_DIR);
    plan = buildCataloguePlan(input, readIdnRegions()).plan;
  });
  afterAll(async () => {
    await ds.destroy();
  });

  it("holds every province and regency/city with its Kemendagri code and kind", async () => {
    const [counts] = await ds.query(
      `SELECT count(*) FILTER (WHERE r.kind = 'province')::int AS provinces,
              count(*) FILTER (WHERE r.kind IN ('regency', 'city'))::int AS regencies
       FROM jsonb_to_recordset($1::jsonb) AS p(code text, name text, kind text, "parentCode" text)
       JOIN region r ON r.code = p.code AND r.name = p.name AND r.kind = p.kind AND r.parent_code IS NOT DISTINCT FROM p."parentCode"`,
      [JSON.stringify(plan.regions)],
    );
    expect(counts).toEqual({ provinces: 38, regencies: 514 });
    const [semarang] = await ds.query(`SELECT name, kind, parent_code FROM region WHERE code = '33.74'`);
    expect(semarang).toEqual({ name: "Kota Semarang", kind: "city", parent_code: "33" });
    const [diy] = await ds.query(`SELECT name, kind FROM region WHERE code = '34'`);
    expect(diy).toEqual({ name: "Daerah Istimewa Yogyakarta", kind: "province" });
  });

  it("holds an innovation for every row of innovations.csv, merging the same innovation under two names", async () => {
    expect(plan.innovations).toHaveLength(innovationsCsv.rows.length - 1);
    const innovations: { name: string; aliases: string[] }[] = await ds.query(
      `SELECT name, aliases FROM innovation WHERE slug = ANY($1::text[])`,
      [plan.innovations.map((i) => i.slug)],
    );
    expect(innovations).toHaveLength(plan.innovations.length);
    const spellings = new Set(innovations.flatMap((i) => [i.name, ...i.aliases]));
    for (const row of innovationsCsv.rows) expect(spellings, `row ${row.row}`).toContain(row.innovationName);

    const rkg = await ds.query(
      `SELECT i.id, i.name, i.acronym, i.acronym_expansion, i.aliases, i.region_code, s.name AS institution, p.name AS parent
       FROM innovation i JOIN institution s ON s.id = i.institution_id LEFT JOIN institution p ON p.id = s.parent_id
       WHERE i.name_key = 'rumah kedelai grobogan'`,
    );
    expect(rkg).toHaveLength(1);
    expect(rkg[0]).toMatchObject({
      name: "Rumah Kedelai Grobogan (RKG)",
      acronym: "RKG",
      acronym_expansion: "Rumah Kedelai Grobogan",
      aliases: ["Rumah Kedelai Grobogan"],
      region_code: "33.15",
      institution: "Dinas Pertanian Kabupaten Grobogan",
      parent: "Pemerintah Kabupaten Grobogan",
    });
    const awards = await ds.query(
      `SELECT e.year, a.raw_label, a.tier FROM award_result a JOIN competition_edition e ON e.id = a.edition_id
       JOIN competition c ON c.id = e.competition_id
       WHERE a.innovation_id = $1 AND c.slug = 'kipp' ORDER BY e.year, a.tier_rank`,
      [rkg[0].id],
    );
    expect(awards).toEqual([
      { year: 2019, raw_label: "Top 45", tier: "top" },
      { year: 2019, raw_label: "Top 99", tier: "shortlist" },
      { year: 2021, raw_label: "Finalis Top Inovasi (presentasi dan wawancara)", tier: "finalist" },
    ]);
  });

  it("puts Lapor Hendi in Kota Semarang with its 2020 Outstanding Achievement and a dated, explained status", async () => {
    const [lapor] = await ds.query(
      `SELECT i.id, i.region_code, i.status, i.status_as_of::text AS status_as_of, i.status_note, s.name AS institution, s.kind
       FROM innovation i JOIN institution s ON s.id = i.institution_id WHERE i.slug = 'lapor-hendi'`,
    );
    expect(lapor).toMatchObject({
      region_code: "33.74",
      institution: "Pemerintah Kota Semarang",
      kind: "city_government",
      status: "continuing",
      status_as_of: "2020-12-31",
    });
    expect(lapor.status_note).toContain("Kompetisi Pengelolaan Pengaduan Pelayanan Publik 2020");
    const awards = await ds.query(
      `SELECT a.raw_label, a.tier, a.category, e.year, c.level FROM award_result a
       JOIN competition_edition e ON e.id = a.edition_id JOIN competition c ON c.id = e.competition_id
       WHERE a.innovation_id = $1 ORDER BY a.tier_rank`,
      [lapor.id],
    );
    expect(awards[0]).toEqual({
      raw_label: "Outstanding Achievement",
      tier: "outstanding",
      category: "Pengelola Pengaduan Pelayanan Publik",
      year: 2020,
      level: "national",
    });
  });

  it("holds SINOVIK and KIPP as one series whose editions keep the name they were held under", async () => {
    const editions = await ds.query(
      `SELECT e.year, e.name, e.entry_count, jsonb_array_length(e.tiers) AS tiers, e.tiers->0->>'label' AS top_tier
       FROM competition_edition e JOIN competition c ON c.id = e.competition_id WHERE c.slug = 'kipp' ORDER BY e.year`,
    );
    expect(editions.map((e: { year: number }) => e.year)).toEqual([2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2025]);
    expect(editions[0]).toMatchObject({ name: "SINOVIK (Kompetisi Inovasi Pelayanan Publik)", entry_count: 515, top_tier: "Top 9" });
    expect(editions[3]).toMatchObject({ name: "KIPP", year: 2017, top_tier: "Top 40" });
    expect(editions.find((e: { year: number }) => e.year === 2019).top_tier).toBe("Top 45");
    const [series] = await ds.query(`SELECT name, aliases, level, scope_region_code FROM competition WHERE slug = 'kipp'`);
    expect(series.aliases).toContain("SINOVIK (Kompetisi Inovasi Pelayanan Publik)");
    expect(series).toMatchObject({ level: "national", scope_region_code: null });
    const [stages] = await ds.query(
      `SELECT e.stages, e.stages_text, e.criteria FROM competition_edition e JOIN competition c ON c.id = e.competition_id
       WHERE c.slug = 'kipp' AND e.year = 2023`,
    );
    expect(stages.stages[0]).toEqual({ order: 1, name: "proposal assessment by Tim Evaluasi" });
    expect(stages.stages_text).toContain("; ");
    expect(stages.criteria).toContainEqual({ name: "Kemanfaatan (significance)", weightPercent: 30 });
  });

  it("creates the editions that only award rows name, sourced from those rows", async () => {
    const derived = await ds.query(
      `SELECT c.slug, e.year, e.name, src.url FROM competition_edition e JOIN competition c ON c.id = e.competition_id
       JOIN source_link l ON l.subject_type = 'competition_edition' AND l.subject_id = e.id JOIN source src ON src.id = l.source_id
       WHERE c.slug IN ('penghargaan-inovasi-pemda-diy', 'penghargaan-harian-surya') ORDER BY c.slug`,
    );
    expect(derived).toHaveLength(2);
    expect(derived[0]).toMatchObject({ slug: "penghargaan-harian-surya", year: 2019, name: "Penghargaan Harian Surya (HUT ke-30)" });
    expect(derived[1]).toMatchObject({ slug: "penghargaan-inovasi-pemda-diy", year: 2025 });
  });

  it("links every seeded innovation, award, edition and event to at least one source", async () => {
    const sourced = async (sql: string, keys: unknown[]): Promise<{ key: string; n: number }[]> =>
      ds.query(sql, [JSON.stringify(keys)]);
    const innovations = await sourced(
      `SELECT k.key, count(l.id)::int AS n FROM jsonb_array_elements_text($1::jsonb) AS k(key)
       LEFT JOIN innovation i ON i.slug = k.key
       LEFT JOIN source_link l ON l.subject_type = 'innovation' AND l.subject_id = i.id GROUP BY k.key`,
      plan.innovations.map((i) => i.slug),
    );
    const awards = await sourced(
      `SELECT k.key, count(l.id)::int AS n FROM jsonb_array_elements_text($1::jsonb) AS k(key)
       LEFT JOIN (award_result a JOIN innovation i ON i.id = a.innovation_id JOIN competition_edition e ON e.id = a.edition_id
                  JOIN competition c ON c.id = e.competition_id)
         ON i.slug || '|' || c.slug || '|' || e.year || '|' || a.raw_label = k.key
       LEFT JOIN source_link l ON l.subject_type = 'award_result' AND l.subject_id = a.id GROUP BY k.key`,
      plan.awards.map((a) => `${a.innovationSlug}|${a.competitionSlug}|${a.year}|${a.rawLabel}`),
    );
    const editions = await sourced(
      `SELECT k.key, count(l.id)::int AS n FROM jsonb_array_elements_text($1::jsonb) AS k(key)
       LEFT JOIN (competition_edition e JOIN competition c ON c.id = e.competition_id) ON c.slug || '|' || e.year = k.key
       LEFT JOIN source_link l ON l.subject_type = 'competition_edition' AND l.subject_id = e.id GROUP BY k.key`,
      plan.editions.map((e) => `${e.competitionSlug}|${e.year}`),
    );
    const events = await sourced(
      `SELECT k.key, count(l.id)::int AS n FROM jsonb_array_elements_text($1::jsonb) AS k(key)
       LEFT JOIN knowledge_event v ON v.slug = k.key
       LEFT JOIN source_link l ON l.subject_type = 'knowledge_event' AND l.subject_id = v.id GROUP BY k.key`,
      plan.events.map((e) => e.slug),
    );
    expect([innovations.length, awards.length, editions.length, events.length]).toEqual([221, 256, 44, 5]);
    for (const rows of [innovations, awards, editions, events]) {
      expect(rows.filter((r) => r.n === 0)).toEqual([]);
    }
    const [link] = await ds.query(
      `SELECT l.asserted_by FROM source_link l JOIN innovation i ON i.id = l.subject_id
       WHERE l.subject_type = 'innovation' AND i.slug = 'lapor-hendi'`,
    );
    expect(link.asserted_by).toMatch(/^seeds\/data\/innovations\.csv:row \d+$/);
  });

  it("holds the knowledge events with resolved regions and related editions", async () => {
    const events = await ds.query(
      `SELECT k.slug, k.year, k.starts_on::text AS starts_on, k.region_code, c.slug AS competition, e.year AS edition_year,
              jsonb_array_length(k.facilitators) AS facilitators, s.url
       FROM knowledge_event k LEFT JOIN competition c ON c.id = k.competition_id LEFT JOIN competition_edition e ON e.id = k.edition_id
       JOIN source_link l ON l.subject_type = 'knowledge_event' AND l.subject_id = k.id JOIN source s ON s.id = l.source_id
       ORDER BY k.id`,
    );
    expect(events).toHaveLength(5);
    const bySlug = Object.fromEntries(events.map((e: { slug: string }) => [e.slug, e]));
    expect(bySlug["coaching-clinic-kipp-jawa-tengah-2021"]).toMatchObject({
      starts_on: "2021-12-14",
      region_code: "33",
      competition: "kipp-jawa-tengah",
      edition_year: 2021,
      facilitators: 9,
      url: "http://pattiro-semarang.org/2021/12/pattiro-semarang-bersama-delapan-pemateri-lakukan-coaching-clinic-kepada-pemenang-inovasi-pelayanan-publik.html",
    });
    expect(bySlug["workshop-kompetisi-inovasi-kabupaten-pekalongan-2019"]).toMatchObject({
      year: 2019,
      starts_on: null,
      region_code: "33.26",
      competition: "kipp-kabupaten-pekalongan",
    });
    expect(bySlug["coaching-kipp-2021-kota-palopo"]).toMatchObject({ region_code: "73.73", competition: "kipp", edition_year: 2021 });
    expect(bySlug["workshop-difusi-inovasi-kota-semarang-2020"]).toMatchObject({ region_code: "33.74", starts_on: "2020-11-26" });
  });

  it("changes nothing when loaded a second time", async () => {
    const before = await tableCounts(ds);
    const report = await loadSeedCatalogue(ds);
    expect(report.problems).toEqual([]);
    expect(report.changes).toEqual(Object.fromEntries(SEED_TABLES.map((t) => [t, 0])));
    expect(await tableCounts(ds)).toEqual(before);
    expect(report.durationMs).toBeLessThan(5_000);
  });

  it("assigns the same ids on a fresh database, loading in well under 5 s", async () => {
    const idsOf = async (db: DataSource) => ({
      competitions: await db.query(`SELECT id, slug FROM competition WHERE slug = ANY($1::text[]) ORDER BY id`, [
        plan.competitions.map((c) => c.slug),
      ]),
      institutions: await db.query(`SELECT id, slug FROM institution WHERE slug = ANY($1::text[]) ORDER BY id`, [
        plan.institutions.map((i) => i.slug),
      ]),
      innovations: await db.query(`SELECT id, slug FROM innovation WHERE slug = ANY($1::text[]) ORDER BY id`, [
        plan.innovations.map((i) => i.slug),
      ]),
      awards: await db.query(
        `SELECT a.id, i.slug, a.raw_label FROM award_result a JOIN innovation i ON i.id = a.innovation_id
         WHERE i.slug = ANY($1::text[]) ORDER BY a.id`,
        [plan.innovations.map((i) => i.slug)],
      ),
    });
    const fresh = await startEmbeddedPostgres({ dataDir: null });
    const freshDs = createDataSource({ url: fresh.url, poolSize: 1, statementTimeoutMs: 60_000, connectTimeoutMs: 10_000 });
    try {
      await freshDs.initialize();
      await migrate(freshDs);
      const report = await loadSeedCatalogue(freshDs);
      expect(report.problems).toEqual([]);
      expect(report.changes).toEqual(report.counts);
      expect(report.durationMs).toBeLessThan(5_000);
      const expected = await idsOf(freshDs);
      expect(expected.innovations[0]).toEqual({ id: 1, slug: plan.innovations[0].slug });
      expect(await idsOf(ds)).toEqual(expected);
    } finally {
      if (freshDs.isInitialized) await freshDs.destroy();
      await fresh.stop();
    }
  });

  it("refuses a broken copy of the seeds, naming file, row and field, and writes nothing", async () => {
    const dir = await copySeeds();
    try {
      // Row 5 would change a summary if it were written; row 10 names a province that does not exist.
      await editCsvCell(path.join(dir, "data/innovations.csv"), 5, "summary", "This summary must never reach the database.");
      await editCsvCell(path.join(dir, "data/innovations.csv"), 10, "province", "Atlantis");
      await editCsvCell(path.join(dir, "data/awards.csv"), 7, "competition", "Piala Dunia Inovasi");
      const eventsFile = path.join(dir, "knowledge-events.json");
      const events = JSON.parse(await fs.readFile(eventsFile, "utf8"));
      events.events[1].region.regencyOrCity = "Kabupaten Malang";
      await fs.writeFile(eventsFile, JSON.stringify(events));
      const before = await tableCounts(ds);
      const report = await loadSeedCatalogue(ds, { seedsDir: dir });
      expect(report.problems).toContainEqual(
        expect.objectContaining({ file: "seeds/data/innovations.csv", row: 10, field: "province" }),
      );
      expect(report.problems).toContainEqual(expect.objectContaining({ file: "seeds/data/awards.csv", row: 7, field: "competition" }));
      // Kabupaten Malang is in Jawa Timur, not in the event's Jawa Tengah: resolved within the province or not at all.
      expect(report.problems).toContainEqual(
        expect.objectContaining({ file: "seeds/knowledge-events.json", row: 2, field: "region.regencyOrCity" }),
      );
      expect(Object.values(report.changes).every((n) => n === 0)).toBe(true);
      expect(await tableCounts(ds)).toEqual(before);
      const [changed] = await ds.query(`SELECT count(*)::int AS n FROM innovation WHERE summary LIKE 'This summary must never%'`);
      expect(changed.n).toBe(0);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it("writes a valid change from a seed copy, and only that change", async () => {
    const dir = await copySeeds();
    const [original] = await ds.query(`SELECT summary FROM innovation WHERE slug = 'lapor-hendi'`);
    try {
      const row = innovationsCsv.rows.find((r) => r.innovationName === "Lapor Hendi")!.row;
      await editCsvCell(path.join(dir, "data/innovations.csv"), row, "summary", "An edited summary.");
      const report = await loadSeedCatalogue(ds, { seedsDir: dir });
      expect(report.problems).toEqual([]);
      expect(Object.entries(report.changes).filter(([, n]) => n > 0)).toEqual([["innovation", 1]]);
      const [edited] = await ds.query(`SELECT summary FROM innovation WHERE slug = 'lapor-hendi'`);
      expect(edited.summary).toBe("An edited summary.");
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
      const restored = await loadSeedCatalogue(ds);
      expect(restored.changes.innovation).toBe(1);
      const [back] = await ds.query(`SELECT summary FROM innovation WHERE slug = 'lapor-hendi'`);
      expect(back.summary).toBe(original.summary);
    }
  });
});
