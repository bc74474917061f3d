/**
 * `importCatalogueFiles`: the importer's entry point, shared by the `inovasi import` command and the
 * batch-import mutation. In one transaction, holding the catalogue's write lock: opens every file,
 * validates and resolves every row (pass 1, import-plan.ts) and, only if no row has a problem, writes
 * everything (pass 2, import-writer.ts). A dry run does all of it and rolls back, so its report says
 * exactly what an import would change.
 */
import type { DataSource } from "typeorm";
import { RegionResolver, type RegionRecord } from "../domain/region-resolver";
import type { SeedProblem } from "../seed/catalogue-csv";
import { lockCatalogueWrites } from "../seed/catalogue-writer";
import { institutionAliasMap } from "../seed/catalogue-plan";
import { readIdnRegions } from "../seed/idn-regions";
import { DEFAULT_SEEDS_DIR } from "../seed/load-seed";
import { readInstitutionIdentities } from "../seed/seed-files";
import { IMPORT_LIMITS, openImportFile, type ImportFile, type ImportLimits } from "./import-files";
import { asserterOf, groupParts, ImportPlanner, type ProgressSink, type ReviewItem } from "./import-plan";
import { publisherAudit, publisherScopeGuard, type ImportPublisher } from "./import-publisher";
import { IMPORT_TABLES, ImportWriter, type ImportTable } from "./import-writer";

/** A file to import: where it is, and how reports name it (default: the path). */
export interface ImportFileInput {
  path: string;
  name?: string;
}

/** Options of {@link importCatalogueFiles}. */
export interface ImportOptions {
  /**
   * The publisher the import is made for (see findImportPublisher): its scope is enforced on every row,
   * its claims name it, and an audit entry is recorded for every record it creates or changes. Null or
   * absent: the operator (the command line without --publisher), unscoped and not audited per record.
   */
  publisher?: ImportPublisher | null;
  /** Validate, resolve and count the changes, then roll everything back. */
  dryRun?: boolean;
  limits?: ImportLimits;
  /** Provinces and regencies/cities; default: the idn-area-data package's. */
  regions?: readonly RegionRecord[];
  progress?: ImportProgress;
}

/** Progress of an import, for a progress bar or log lines. */
export interface ImportProgress {
  /** A phase starts: "validate" (rows read and resolved), then "write" (rows written, of `total`). */
  phase(name: "validate" | "write", total: number | null): void;
  /** Rows done so far in the current phase. */
  update(done: number): void;
  /** The import is over (whatever the outcome). */
  finish(): void;
}

/** One file of an import, as the report describes it. */
export interface ImportedFile {
  name: string;
  format: "csv" | "json";
  kinds: string[];
  bytes: number;
  sha256: string;
}

/** What an import did (or, for a dry run or a refused import, would do). */
export interface ImportReport {
  dryRun: boolean;
  /** Whether the changes were committed: false for a dry run and whenever there are problems. */
  applied: boolean;
  publisher: string | null;
  files: ImportedFile[];
  /** Data rows read (every file, every kind). */
  rows: number;
  /** Rows inserted or updated, by table; all zero when the same files are imported again. */
  changes: Record<ImportTable, number>;
  totalChanges: number;
  /** Problems that stopped the import (file, row, field, message). Nothing is written when there are any. */
  problems: SeedProblem[];
  /** How names were resolved, where that is worth knowing (merges, new series and editions). */
  notes: SeedProblem[];
  /** Uncertain matches: imported as new records, not merged; listed in import_review. */
  reviews: ReviewItem[];
  /** Facts that differ from the held ones, not applied; listed in import_review. */
  conflicts: ReviewItem[];
  /** The import_run row of an applied import. */
  runId: number | null;
  durationMs: number;
}

/** Thrown inside the transaction to roll it back (dry run, or problems found). */
class RollBack extends Error {}

/**
 * Imports catalogue files into the database of `dataSource`. Never throws for bad content: problems are
 * in the report, and then nothing is written.
 *
 * @throws for failures outside the files' content (the database, a file changing during the import)
 */
export async function importCatalogueFiles(dataSource: DataSource, inputs: readonly ImportFileInput[], options: ImportOptions = {}): Promise<ImportReport> {
  const started = performance.now();
  const publisher = options.publisher?.name ?? null;
  const progress = options.progress;
  const report: ImportReport = {
    dryRun: options.dryRun ?? false,
    applied: false,
    publisher,
    files: [],
    rows: 0,
    changes: Object.fromEntries(IMPORT_TABLES.map((t) => [t, 0])) as Record<ImportTable, number>,
    totalChanges: 0,
    problems: [],
    notes: [],
    reviews: [],
    conflicts: [],
    runId: null,
    durationMs: 0,
  };
  const finish = () => {
    progress?.finish();
    report.totalChanges = Object.values(report.changes).reduce((sum, n) => sum + n, 0);
    report.durationMs = Math.round(performance.now() - started);
    return report;
  };

  if (inputs.length === 0) {
    report.problems.push({ file: "", row: 0, field: "", message: "no files to import" });
    return finish();
  }
  const files: ImportFile[] = [];
  const names = new Set<string>();
  for (const input of inputs) {
    const name = input.name ?? input.path;
    if (names.has(name)) {
      report.problems.push({ file: name, row: 0, field: "", message: "is named twice; import each file once" });
      continue;
    }
    names.add(name);
    const opened = await openImportFile(input.path, name, options.limits ?? IMPORT_LIMITS);
    report.problems.push(...opened.problems);
    if (opened.file) files.push(opened.file);
  }
  report.files = files.map((f) => ({ name: f.name, format: f.format, kinds: f.parts.map((p) => p.kind), bytes: f.bytes, sha256: f.sha256 }));
  if (report.problems.length > 0) {
    // Some file cannot be read at all, so names cannot be resolved across files; the others are still
    // read, so that their own problems (encoding, quotes, fields) are listed in the same report.
    for (const part of files.flatMap((f) => f.parts)) {
      for await (const rows of part.chunks(report.problems)) report.rows += rows.length;
    }
    return finish();
  }

  const regions = new RegionResolver(options.regions ?? readIdnRegions());
  const aliases = institutionAliasMap(await readInstitutionIdentities(DEFAULT_SEEDS_DIR), (identity) => {
    if (!identity.region) return null;
    const place = regions.place(identity.region.province, identity.region.regencyOrCity);
    return place.ok ? place.region : undefined;
  });
  const parts = groupParts(files.flatMap((f) => f.parts));
  const sink: ProgressSink = (_phase, done) => progress?.update(done);
  const scope = options.publisher ? publisherScopeGuard(options.publisher.scope) : null;
  const planner = new ImportPlanner(regions, { publisher, asserter: asserterOf(publisher), scope }, aliases, sink);

  try {
    await dataSource.transaction(async (manager) => {
      await lockCatalogueWrites(manager);
      progress?.phase("validate", null);
      await planner.plan(manager, parts);
      report.problems.push(...planner.problems);
      report.notes.push(...planner.notes);
      report.reviews.push(...planner.reviews);
      report.rows = planner.rowCount;
      if (report.problems.length > 0) throw new RollBack();

      progress?.phase("write", report.rows);
      const [run] = await manager.query(
        `INSERT INTO import_run (publisher, files, changes, total_changes, review_count, conflict_count, started_at, finished_at)
         VALUES ($1, $2, '{}', 0, 0, 0, now(), now()) RETURNING id`,
        [publisher, JSON.stringify(report.files.map((f) => ({ name: f.name, kind: f.kinds.join(","), rows: 0, sha256: f.sha256 })))],
      );
      const runId = Number(run.id);
      const audit = options.publisher ? publisherAudit(options.publisher) : null;
      const writer = new ImportWriter(manager, planner, regions, runId, sink, audit ? (records) => audit(manager, records, runId) : null);
      const written = await writer.write(parts);
      Object.assign(report.changes, written.changes);
      report.conflicts.push(...written.conflicts);
      report.notes.push(...written.notes);
      const total = Object.values(written.changes).reduce((sum, n) => sum + n, 0);
      await manager.query(
        `UPDATE import_run SET changes = $2, total_changes = $3, review_count = $4, conflict_count = $5, finished_at = clock_timestamp(),
                files = (SELECT jsonb_agg(f || jsonb_build_object('rows', COALESCE(($6::jsonb ->> (f ->> 'name'))::int, 0))) FROM jsonb_array_elements(files) f)
          WHERE id = $1`,
        [runId, JSON.stringify(written.changes), total, report.reviews.length, report.conflicts.length, JSON.stringify(planner.rowsByFile())],
      );
      report.runId = runId;
      if (report.dryRun) throw new RollBack();
    });
    report.applied = true;
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
    report.runId = null;
  }
  return finish();
}
