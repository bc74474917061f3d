import { fileURLToPath } from "node:url";
import type { DataSource } from "typeorm";
import type { RegionRecord } from "../domain/region-resolver";
import type { SeedProblem } from "./catalogue-csv";
import { buildCataloguePlan, type CataloguePlan } from "./catalogue-plan";
import { SEED_TABLES, writeCatalogue, type SeedTable } from "./catalogue-writer";
import { readIdnRegions } from "./idn-regions";
import { readSeedInput } from "./seed-files";

/** The repository's seed directory. */
export const DEFAULT_SEEDS_DIR = fileURLToPath(new URL("../../seeds", import.meta.url));

/** Options for loadSeedCatalogue. */
export interface SeedOptions {
  /** Directory holding the seed files (data/*.csv and the JSON files); default: the repository's seeds/. */
  seedsDir?: string;
  /** Provinces and regencies/cities; default: read from the idn-area-data package. */
  regions?: readonly RegionRecord[];
}

/** What loading the seed catalogue did. */
export interface SeedReport {
  /** Rows inserted or updated, by table. A second load of the same seeds reports zero everywhere. */
  changes: Record<string, number>;
  /** Problems found (file, row, field, message). Loading refuses to write when there are any. */
  problems: SeedProblem[];
  /** How the mess was resolved where that is worth knowing (merges, derived editions, unclassified results). */
  notes: SeedProblem[];
  /** Records in the seed catalogue after resolution, by table (what the database holds for the seeds). */
  counts: Record<string, number>;
  /** Wall-clock time of the whole load. */
  durationMs: number;
}

/**
 * Loads the seed catalogue idempotently: reads and validates every seed file, resolves names, then
 * writes everything in one transaction with upserts by natural key. When any problem is found nothing
 * is written and the problems are returned (each names file, row and field). Loading the same seeds
 * twice changes nothing the second time, and ids are deterministic on a fresh database.
 *
 * @throws only for failures outside the seeds' content (database errors, missing region package)
 */
export async function loadSeedCatalogue(dataSource: DataSource, options: SeedOptions = {}): Promise<SeedReport> {
  const started = performance.now();
  const { input, problems: readProblems } = await readSeedInput(options.seedsDir ?? DEFAULT_SEEDS_DIR);
  const regions = options.regions ?? readIdnRegions();
  const { plan, problems: planProblems, notes } = buildCataloguePlan(input, regions);
  const problems = [...readProblems, ...planProblems];
  const changes: Record<string, number> = Object.fromEntries(SEED_TABLES.map((t) => [t, 0]));
  if (problems.length === 0) {
    const written = await dataSource.transaction((manager) => writeCatalogue(manager, plan));
    Object.assign(changes, written);
  }
  return {
    changes,
    problems,
    notes,
    counts: countPlan(plan),
    durationMs: Math.round(performance.now() - started),
  };
}

function countPlan(plan: CataloguePlan): Record<SeedTable, number> {
  const sourceLinks =
    plan.editions.reduce((n, e) => n + e.sources.length, 0) +
    plan.innovations.reduce((n, i) => n + i.sources.length, 0) +
    plan.awards.reduce((n, a) => n + a.sources.length, 0) +
    plan.events.reduce((n, e) => n + e.sources.length, 0);
  return {
    region: plan.regions.length,
    source: plan.sources.length,
    competition: plan.competitions.length,
    competition_edition: plan.editions.length,
    institution: plan.institutions.length,
    innovation: plan.innovations.length,
    award_result: plan.awards.length,
    knowledge_event: plan.events.length,
    source_link: sourceLinks,
  };
}
