/**
 * `npm run bench:import`: how fast `importCatalogueFiles` takes a large awards file, and whether its
 * memory stays flat. Not a test: the goal (≥ 5,000 award rows per second, memory that does not grow
 * with the number of award rows) is measured and written down, never asserted.
 *
 *   npm run bench:import -- [--awards 50000] [--innovations 10000] [--embedded] [--tag NAME]
 *
 * For each run it makes a fresh database (on the Postgres server at DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres; or an in-memory PGlite with --embedded), migrates and
 * seeds it, generates an innovations file and an awards file (deterministic), and imports both in one
 * import; then imports them again (which must change nothing). Two runs share the innovations but not
 * the number of award rows (1 per innovation, then `--awards`), so that the peak heap of the two shows
 * what the award rows themselves cost. Results go to bench/results/import-<date>[-tag].json.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createWriteStream } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { createDataSource } from "../src/db/data-source";
import { migrate } from "../src/db/database";
import { startEmbeddedPostgres } from "../src/db/embedded";
import { importCatalogueFiles, type ImportReport } from "../src/import/run-import";
import { readIdnRegions } from "../src/seed/idn-regions";
import { loadSeedCatalogue } from "../src/seed/load-seed";
import { describeMachine, loadAverage } from "./lib/machine";

const ROOT = path.resolve(import.meta.dirname, "..");
const TARGET_ROWS_PER_SECOND = 5_000;

const { values: args } = parseArgs({
  options: {
    awards: { type: "string", default: "50000" },
    innovations: { type: "string", default: "10000" },
    embedded: { type: "boolean", default: false },
    tag: { type: "string" },
  },
});
const AWARDS = Number(args.awards);
const INNOVATIONS = Number(args.innovations);
const SERVER_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** KIPP editions in the seed catalogue; each generated innovation gets results in some of them. */
const KIPP_YEARS = [2017, 2018, 2019, 2020, 2021, 2022, 2023, 2025];
const RESULTS = ["Top 99", "Top 45", "Finalis Top Inovasi", "Outstanding Achievement", "Juara 1", "Juara Harapan 2"];
const FIRST = ["Layanan", "Gerakan", "Klinik", "Rumah", "Sahabat", "Jemput Bola", "Sistem Informasi", "Pojok", "Kampung", "Desa"];
const SECOND = ["Sehat", "Pintar", "Peduli", "Digital", "Terpadu", "Mandiri", "Cepat", "Ramah Anak", "Bersih", "Sejahtera"];
const AGENCIES = ["Dinas Kesehatan", "Dinas Pendidikan", "Dinas Sosial", "Dinas Kependudukan dan Pencatatan Sipil", "Badan Perencanaan Pembangunan Daerah"];
const SECTORS = ["health", "education", "social protection", "population administration", "governance"];

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Writes the generated files; returns their paths. Row i of the innovations is in regency i mod 514. */
export async function generateFiles(dir: string, innovations: number, awards: number): Promise<{ innovations: string; awards: string }> {
  const regencies = readIdnRegions().filter((r) => r.kind !== "province");
  const provinces = new Map(readIdnRegions().filter((r) => r.kind === "province").map((r) => [r.code, r.name]));
  const names: { name: string; institution: string }[] = [];
  const innovationsPath = path.join(dir, "innovations.csv");
  const out = createWriteStream(innovationsPath);
  out.write("innovation_name,institution,regency_or_city,province,institution_level,launch_year,sector,summary,source_url\n");
  for (let i = 0; i < innovations; i += 1) {
    const region = regencies[i % regencies.length];
    const agency = i % AGENCIES.length;
    const name = `${FIRST[i % FIRST.length]} ${SECOND[Math.floor(i / FIRST.length) % SECOND.length]} ${region.name.replace(/^(Kabupaten|Kota) /, "")} ${Math.floor(i / regencies.length) + 1}`;
    const institution = `${AGENCIES[agency]} ${region.name}`;
    names.push({ name, institution });
    const row = [name, institution, region.name, provinces.get(region.parentCode!)!, region.kind === "city" ? "city" : "regency", String(2010 + (i % 14)), SECTORS[agency], `Generated innovation ${i + 1} for the import benchmark.`, `https://example.org/bench/innovation/${i + 1}`];
    if (!out.write(`${row.map(csvCell).join(",")}\n`)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));

  const awardsPath = path.join(dir, "awards.csv");
  const awardsOut = createWriteStream(awardsPath);
  awardsOut.write("innovation_name,institution,competition,organizer,level,year,result,category_or_cluster,source_url\n");
  const perInnovation = Math.ceil(awards / innovations);
  if (perInnovation > KIPP_YEARS.length * RESULTS.length) throw new Error("too many awards per innovation for distinct results");
  let written = 0;
  for (let k = 0; k < perInnovation && written < awards; k += 1) {
    for (let i = 0; i < innovations && written < awards; i += 1) {
      const year = KIPP_YEARS[(i + k) % KIPP_YEARS.length];
      const result = RESULTS[Math.floor(k / KIPP_YEARS.length) % RESULTS.length];
      const { name, institution } = names[i];
      const row = [name, institution, "KIPP", "KemenPANRB", "national", String(year), result, k % 2 === 0 ? "Kelompok Umum" : "", `https://example.org/bench/kipp/${year}/${Math.floor(i / 100)}`];
      if (!awardsOut.write(`${row.map(csvCell).join(",")}\n`)) await new Promise<void>((resolve) => awardsOut.once("drain", () => resolve()));
      written += 1;
    }
  }
  await new Promise<void>((resolve) => awardsOut.end(() => resolve()));
  return { innovations: innovationsPath, awards: awardsPath };
}

/** A fresh, migrated, seeded database; `drop` removes it. */
async function freshDatabase(name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (args.embedded) {
    const embedded = await startEmbeddedPostgres({ dataDir: null });
    return { url: embedded.url, drop: () => embedded.stop() };
  }
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: SERVER_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}


interface ImportMeasure {
  seconds: number;
  awardRowsPerSecond: number;
  allRowsPerSecond: number;
  totalChanges: number;
  problems: number;
  /** Largest heap in use seen (garbage included, as the process grows). */
  peakHeapMiB: number;
  peakRssMiB: number;
}

interface LiveHeap {
  /** Heap in use after a full garbage collection, every 10,000 rows of each pass. */
  samples: { phase: string; rows: number; heapMiB: number }[];
  maxMiB: number;
}

const mib = (bytes: number) => Number((bytes / 1024 ** 2).toFixed(1));
const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Imports the files into the database at `url` and measures time and memory. With `liveHeap`, a full
 * garbage collection runs every 10,000 rows and the heap left is recorded: what the import holds on
 * to, as opposed to garbage not yet collected (that run's time is not a throughput figure).
 */
async function measureImport(url: string, files: string[], awards: number, liveHeap: LiveHeap | null = null): Promise<ImportMeasure> {
  const ds = createDataSource({ url, poolSize: 2, statementTimeoutMs: 120_000, connectTimeoutMs: 10_000 });
  await ds.initialize();
  try {
    gc?.();
    let peakHeap = 0;
    let peakRss = 0;
    const sample = () => {
      const m = process.memoryUsage();
      peakHeap = Math.max(peakHeap, m.heapUsed);
      peakRss = Math.max(peakRss, m.rss);
    };
    const timer = setInterval(sample, 25);
    let phase = "validate";
    let nextMark = 0;
    const started = performance.now();
    let report: ImportReport;
    try {
      report = await importCatalogueFiles(ds, files.map((p) => ({ path: p, name: path.basename(p) })), {
        progress: {
          phase(name) {
            phase = name;
            nextMark = 0;
          },
          update(done) {
            sample();
            if (liveHeap && gc && done >= nextMark) {
              gc();
              liveHeap.samples.push({ phase, rows: done, heapMiB: mib(process.memoryUsage().heapUsed) });
              nextMark = done + 10_000;
            }
          },
          finish() {},
        },
      });
    } finally {
      clearInterval(timer);
    }
    sample();
    if (liveHeap) liveHeap.maxMiB = Math.max(...liveHeap.samples.map((s) => s.heapMiB));
    const seconds = (performance.now() - started) / 1000;
    return {
      seconds: Number(seconds.toFixed(2)),
      awardRowsPerSecond: Math.round(awards / seconds),
      allRowsPerSecond: Math.round(report.rows / seconds),
      totalChanges: report.totalChanges,
      problems: report.problems.length,
      peakHeapMiB: mib(peakHeap),
      peakRssMiB: mib(peakRss),
    };
  } finally {
    await ds.destroy();
  }
}

/** A fresh database, migrated and seeded, for `use`; dropped afterwards. */
async function withSeededDatabase<T>(use: (url: string) => Promise<T>): Promise<T> {
  const db = await freshDatabase(`inovasi_import_bench_${process.pid}`);
  try {
    const ds = createDataSource({ url: db.url, poolSize: 1, statementTimeoutMs: 120_000, connectTimeoutMs: 10_000 });
    await ds.initialize();
    await migrate(ds);
    await loadSeedCatalogue(ds);
    await ds.destroy();
    return await use(db.url);
  } finally {
    await db.drop();
  }
}

async function run(awards: number, files: { innovations: string; awards: string }) {
  const paths = [files.innovations, files.awards];
  const { first, again } = await withSeededDatabase(async (url) => ({
    first: await measureImport(url, paths, awards),
    again: await measureImport(url, paths, awards),
  }));
  const liveHeap: LiveHeap = { samples: [], maxMiB: 0 };
  await withSeededDatabase((url) => measureImport(url, paths, awards, liveHeap));
  return { awardRows: awards, innovationRows: INNOVATIONS, first, again, liveHeap };
}

async function benchmark(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "inovasi-import-bench-"));
  try {
    await Promise.all([mkdir(path.join(dir, "small")), mkdir(path.join(dir, "large"))]);
    const small = await generateFiles(path.join(dir, "small"), INNOVATIONS, INNOVATIONS);
    const large = await generateFiles(path.join(dir, "large"), INNOVATIONS, AWARDS);

    const loadBefore = loadAverage();
    const runs = [await run(INNOVATIONS, small), await run(AWARDS, large)];
    const loadAfter = loadAverage();
    const database = args.embedded ? "PGlite (in memory, through its socket)" : `PostgreSQL at ${new URL(SERVER_URL).host}`;
    const machine = await describeMachine(SERVER_URL).catch(() => null);
    const measured = runs[1];
    const result = {
      date: new Date().toISOString(),
      command: `npm run bench:import -- --awards ${AWARDS} --innovations ${INNOVATIONS}${args.embedded ? " --embedded" : ""}`,
      database,
      machine,
      load: { before: loadBefore, after: loadAfter },
      target: { awardRowsPerSecond: TARGET_ROWS_PER_SECOND },
      met: measured.first.awardRowsPerSecond >= TARGET_ROWS_PER_SECOND,
      note:
        "awardRowsPerSecond divides the award rows by the time of the whole import (innovations file included, validation and writing, one transaction). " +
        "Memory: liveHeap is the heap left after a full GC every 10,000 rows of each pass (a separate run); the two runs share the innovations and " +
        "differ only in award rows, so the difference of their liveHeap.maxMiB is what award rows cost.",
      runs,
    };
    const name = `import-${new Date().toISOString().slice(0, 10)}${args.tag ? `-${args.tag}` : ""}.json`;
    await mkdir(path.join(ROOT, "bench/results"), { recursive: true });
    await writeFile(path.join(ROOT, "bench/results", name), `${JSON.stringify(result, null, 2)}\n`);
    for (const r of runs) {
      process.stdout.write(
        `${r.awardRows.toLocaleString("en")} award rows (+${r.innovationRows.toLocaleString("en")} innovations): ${r.first.seconds} s, ` +
          `${r.first.awardRowsPerSecond.toLocaleString("en")} award rows/s, peak RSS ${r.first.peakRssMiB} MiB, live heap at most ${r.liveHeap.maxMiB} MiB; ` +
          `again: ${r.again.seconds} s, ${r.again.totalChanges} changes\n`,
      );
    }
    process.stdout.write(`${result.met ? "Meets" : "Misses"} the goal of ${TARGET_ROWS_PER_SECOND.toLocaleString("en")} award rows/s on ${database}. Results: bench/results/${name}\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) await benchmark();
