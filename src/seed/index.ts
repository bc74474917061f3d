/**
 * The seed catalogue: parsing of the catalogue CSV formats (shared with the importer), the pure
 * planner that resolves names and merges duplicates, and the idempotent loader.
 */
export {
  CATALOGUE_CSV_COLUMNS,
  INSTITUTION_LEVELS,
  parseCatalogueCsv,
  parseCount,
  parseStages,
  sectorFromLabel,
  type AwardCsvRow,
  type CatalogueCsvKind,
  type CompetitionCsvRow,
  type InnovationCsvRow,
  type ParsedCatalogueCsv,
  type SeedProblem,
} from "./catalogue-csv";
export { buildCataloguePlan, type CataloguePlan, type PlanResult } from "./catalogue-plan";
export { SEED_TABLES, writeCatalogue } from "./catalogue-writer";
export { readIdnRegions } from "./idn-regions";
export { DEFAULT_SEEDS_DIR, loadSeedCatalogue, type SeedOptions, type SeedReport } from "./load-seed";
export { readSeedInput, SEED_FILES, type SeedInput } from "./seed-files";
