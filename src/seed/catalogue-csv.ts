/**
 * The catalogue's file formats: the three CSV formats published in /work/shared/data (innovations,
 * awards, competitions; copied verbatim to seeds/data) and the replications format the importer adds.
 * Pure parsing and row-local validation, shared by the seed loader and the importer: a publisher's file
 * of the same shape parses the same way, whether it is CSV or JSON with the same field names.
 */
import { parse } from "csv-parse/sync";
import {
  COMPETITION_LEVELS,
  REPLICATION_STATUSES,
  SECTORS,
  type CompetitionLevel,
  type ReplicationStatus,
  type Sector,
} from "../domain/enums";
import { foldKey } from "../domain/normalise";

/** A problem with one field of one row. `row` is the spreadsheet row: the header is row 1. */
export interface SeedProblem {
  file: string;
  row: number;
  field: string;
  message: string;
}

export const INSTITUTION_LEVELS = ["ministry", "agency", "province", "regency", "city", "bumn", "bumd", "other"] as const;
export type InstitutionLevel = (typeof INSTITUTION_LEVELS)[number];

/** The header of each format, in the published column order. */
export const CATALOGUE_CSV_COLUMNS = {
  innovations: [
    "innovation_name",
    "institution",
    "regency_or_city",
    "province",
    "institution_level",
    "launch_year",
    "sector",
    "summary",
    "source_url",
  ],
  awards: [
    "innovation_name",
    "institution",
    "competition",
    "organizer",
    "level",
    "year",
    "result",
    "category_or_cluster",
    "source_url",
  ],
  competitions: [
    "competition",
    "organizer",
    "level",
    "year",
    "edition_number",
    "theme",
    "stages",
    "legal_basis",
    "number_of_entries",
    "source_url",
  ],
  /** Not in /work/shared/data: the importer's own format for replications (see README, "Importing data"). */
  replications: [
    "origin_innovation",
    "origin_institution",
    "adopter_institution",
    "adopter_regency_or_city",
    "adopter_province",
    "adopter_level",
    "status",
    "interest_on",
    "agreed_on",
    "implemented_on",
    "adaptations",
    "derived_innovation",
    "source_url",
  ],
} as const;

export type CatalogueCsvKind = keyof typeof CATALOGUE_CSV_COLUMNS;

/** One row of innovations.csv. Empty text fields are null. */
export interface InnovationCsvRow {
  row: number;
  innovationName: string;
  institution: string;
  regencyOrCity: string | null;
  province: string | null;
  institutionLevel: InstitutionLevel;
  launchYear: number | null;
  /** The CSV's English label, e.g. "social protection". */
  sectorLabel: string;
  sector: Sector;
  summary: string | null;
  sourceUrl: string;
}

/** One row of awards.csv. */
export interface AwardCsvRow {
  row: number;
  innovationName: string;
  institution: string;
  competition: string;
  organizer: string | null;
  level: CompetitionLevel;
  year: number;
  result: string;
  categoryOrCluster: string | null;
  sourceUrl: string;
}

/** One row of competitions.csv: one edition of a competition. */
export interface CompetitionCsvRow {
  row: number;
  competition: string;
  organizer: string | null;
  level: CompetitionLevel;
  year: number;
  editionNumber: number | null;
  theme: string | null;
  stages: string | null;
  legalBasis: string | null;
  numberOfEntries: number | null;
  sourceUrl: string;
}

/** One row of a replications file: an institution adopting an innovation. */
export interface ReplicationCsvRow {
  row: number;
  /** The origin innovation, named as in an innovations or awards row, with its institution. */
  originInnovation: string;
  originInstitution: string;
  adopterInstitution: string;
  adopterRegencyOrCity: string | null;
  adopterProvince: string | null;
  adopterLevel: InstitutionLevel;
  status: ReplicationStatus;
  interestOn: string | null;
  agreedOn: string | null;
  implementedOn: string | null;
  adaptations: string | null;
  /** The adopter's own innovation derived from the origin, if it has one (an innovation of the adopter). */
  derivedInnovation: string | null;
  sourceUrl: string;
}

export interface CatalogueCsvRowMap {
  innovations: InnovationCsvRow;
  awards: AwardCsvRow;
  competitions: CompetitionCsvRow;
  replications: ReplicationCsvRow;
}

/** Any parsed catalogue row. */
export type CatalogueCsvRow = CatalogueCsvRowMap[CatalogueCsvKind];

/** Rows that passed row-local checks, and the problems of those that did not. */
export interface ParsedCatalogueCsv<K extends CatalogueCsvKind> {
  rows: CatalogueCsvRowMap[K][];
  problems: SeedProblem[];
}

/**
 * Maps the CSV's English sector label to the catalogue's sector ("social protection" →
 * "social_protection"). Returns null for a label outside SECTORS.
 */
export function sectorFromLabel(label: string): Sector | null {
  const key = foldKey(label).replace(/ /g, "_");
  return (SECTORS as readonly string[]).includes(key) ? (key as Sector) : null;
}

/**
 * Splits a competitions.csv `stages` text into ordered stages. Stages are separated by ";" (commas
 * occur inside stages, e.g. "administrative selection (1,373 passed)"); each stage keeps its text.
 */
export function parseStages(text: string | null): { order: number; name: string }[] {
  if (!text) return [];
  return text
    .split(";")
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((name, i) => ({ order: i + 1, name }));
}

/**
 * Parses a whole-number field that sources may print with thousands separators ("3,156", "3.156").
 * Returns undefined when the text is not a whole number, null when it is empty.
 */
export function parseCount(text: string | null): number | null | undefined {
  if (text === null) return null;
  const compact = text.replace(/[.,\s](?=\d{3}\b)/g, "");
  return /^\d+$/.test(compact) ? Number(compact) : undefined;
}

/** The kind a header (or a JSON entry's keys) belongs to, or why it belongs to none. */
export type KindDetection =
  | { ok: true; kind: CatalogueCsvKind }
  | { ok: false; message: string; closest: CatalogueCsvKind | null };

/**
 * Tells which format a header is in. The header must hold exactly one format's columns, in any order;
 * otherwise the message names the closest format and the columns missing from it or not part of it.
 */
export function detectCatalogueKind(columns: readonly string[]): KindDetection {
  const given = new Set(columns.map((c) => c.trim()));
  let best: { kind: CatalogueCsvKind; missing: string[]; extra: string[] } | null = null;
  for (const kind of Object.keys(CATALOGUE_CSV_COLUMNS) as CatalogueCsvKind[]) {
    const expected: readonly string[] = CATALOGUE_CSV_COLUMNS[kind];
    const missing = expected.filter((c) => !given.has(c));
    const extra = [...given].filter((c) => !expected.includes(c));
    if (missing.length === 0 && extra.length === 0) return { ok: true, kind };
    if (!best || missing.length + extra.length < best.missing.length + best.extra.length) best = { kind, missing, extra };
  }
  const formats = Object.keys(CATALOGUE_CSV_COLUMNS).join(", ");
  if (!best || best.missing.length >= CATALOGUE_CSV_COLUMNS[best.kind].length / 2) {
    return { ok: false, closest: null, message: `the columns match none of the formats (${formats})` };
  }
  const parts = [
    best.missing.length > 0 ? `missing ${best.missing.map((c) => `"${c}"`).join(", ")}` : null,
    best.extra.length > 0 ? `not part of the format: ${best.extra.map((c) => `"${c}"`).join(", ")}` : null,
  ].filter((p) => p !== null);
  return { ok: false, closest: best.kind, message: `looks like the ${best.kind} format but ${parts.join("; ")}` };
}

/**
 * A parser for the records of one file of `kind` whose header is `header`: each call reads one
 * record (its cells in header order; missing trailing cells are empty), records a problem for each bad
 * field, and returns the row, or null when the row has problems.
 */
export function catalogueRecordParser<K extends CatalogueCsvKind>(
  kind: K,
  header: readonly string[],
  fileName: string,
): (cells: readonly (string | null | undefined)[], rowNumber: number, problems: SeedProblem[]) => CatalogueCsvRowMap[K] | null {
  const columns = header.map((h) => h.trim());
  return (record, rowNumber, problems) => {
    const cells: Record<string, string | null> = {};
    columns.forEach((column, i) => {
      const value = (record[i] ?? "").trim();
      cells[column] = value.length > 0 ? value : null;
    });
    const reader = new RowReader(fileName, rowNumber, cells, problems);
    const parsed = ROW_PARSERS[kind](reader);
    return parsed && reader.clean ? (parsed as CatalogueCsvRowMap[K]) : null;
  };
}

/**
 * Parses one catalogue CSV held in memory (the seed files). Checks the header, then each row on its
 * own (required fields, whole numbers, closed vocabularies). Cross-row and cross-file checks (names
 * that resolve, rows that match) belong to the caller. The importer reads files in chunks instead
 * (src/import/import-files.ts) with the same record parser.
 *
 * @param kind which of the formats `text` is in
 * @param text the file's contents (UTF-8, comma-separated, header row)
 * @param fileName how problems name the file, e.g. "seeds/data/awards.csv"
 */
export function parseCatalogueCsv<K extends CatalogueCsvKind>(kind: K, text: string, fileName: string): ParsedCatalogueCsv<K> {
  const problems: SeedProblem[] = [];
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), { relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    problems.push({ file: fileName, row: 0, field: "", message: `not a readable CSV: ${(error as Error).message}` });
    return { rows: [], problems };
  }
  const expected: readonly string[] = CATALOGUE_CSV_COLUMNS[kind];
  const header = (records[0] ?? []).map((h) => h.trim());
  const missing = expected.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    for (const column of missing) {
      problems.push({ file: fileName, row: 1, field: column, message: `missing column "${column}"` });
    }
    return { rows: [], problems };
  }
  const parseRecord = catalogueRecordParser(kind, header, fileName);
  const rows: CatalogueCsvRowMap[K][] = [];
  records.slice(1).forEach((record, index) => {
    const parsed = parseRecord(record, index + 2, problems);
    if (parsed) rows.push(parsed);
  });
  return { rows, problems };
}

/** Reads typed fields of one row, recording a problem for each bad field. */
class RowReader {
  clean = true;
  constructor(
    private readonly file: string,
    readonly row: number,
    private readonly cells: Record<string, string | null>,
    private readonly problems: SeedProblem[],
  ) {}

  problem(field: string, message: string): void {
    this.clean = false;
    this.problems.push({ file: this.file, row: this.row, field, message });
  }

  optional(field: string): string | null {
    return this.cells[field] ?? null;
  }

  required(field: string): string {
    const value = this.cells[field];
    if (value === null || value === undefined) {
      this.problem(field, "is empty");
      return "";
    }
    return value;
  }

  url(field: string): string {
    const value = this.required(field);
    if (value.length > 0 && !/^[a-z][a-z0-9+.-]*:\S+$/i.test(value)) this.problem(field, `"${value}" is not a URL`);
    return value;
  }

  year(field: string, required: boolean): number | null {
    const value = required ? this.required(field) : this.optional(field);
    if (value === null || value.length === 0) return null;
    const n = Number(value);
    if (!/^\d{4}$/.test(value) || n < 1945 || n > 2100) {
      this.problem(field, `"${value}" is not a year`);
      return null;
    }
    return n;
  }

  count(field: string): number | null {
    const value = this.optional(field);
    const n = parseCount(value);
    if (n === undefined) {
      this.problem(field, `"${value}" is not a whole number`);
      return null;
    }
    return n;
  }

  date(field: string): string | null {
    const value = this.optional(field);
    if (value === null) return null;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
      this.problem(field, `"${value}" is not a date (YYYY-MM-DD)`);
      return null;
    }
    return value;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T {
    const value = this.required(field);
    if (value.length === 0) return value as T;
    const key = value.toLowerCase();
    if (!(allowed as readonly string[]).includes(key)) {
      this.problem(field, `"${value}" is not one of ${allowed.join(", ")}`);
    }
    return key as T;
  }
}

const ROW_PARSERS: { [K in CatalogueCsvKind]: (r: RowReader) => CatalogueCsvRowMap[K] | null } = {
  innovations(r) {
    const sectorLabel = r.required("sector");
    const sector = sectorFromLabel(sectorLabel);
    if (sectorLabel.length > 0 && !sector) r.problem("sector", `"${sectorLabel}" is not a known sector (${SECTORS.join(", ")})`);
    return {
      row: r.row,
      innovationName: r.required("innovation_name"),
      institution: r.required("institution"),
      regencyOrCity: r.optional("regency_or_city"),
      province: r.optional("province"),
      institutionLevel: r.oneOf("institution_level", INSTITUTION_LEVELS),
      launchYear: r.year("launch_year", false),
      sectorLabel,
      sector: sector ?? "other",
      summary: r.optional("summary"),
      sourceUrl: r.url("source_url"),
    };
  },
  awards(r) {
    return {
      row: r.row,
      innovationName: r.required("innovation_name"),
      institution: r.required("institution"),
      competition: r.required("competition"),
      organizer: r.optional("organizer"),
      level: r.oneOf("level", COMPETITION_LEVELS),
      year: r.year("year", true) ?? 0,
      result: r.required("result"),
      categoryOrCluster: r.optional("category_or_cluster"),
      sourceUrl: r.url("source_url"),
    };
  },
  competitions(r) {
    return {
      row: r.row,
      competition: r.required("competition"),
      organizer: r.optional("organizer"),
      level: r.oneOf("level", COMPETITION_LEVELS),
      year: r.year("year", true) ?? 0,
      editionNumber: r.count("edition_number"),
      theme: r.optional("theme"),
      stages: r.optional("stages"),
      legalBasis: r.optional("legal_basis"),
      numberOfEntries: r.count("number_of_entries"),
      sourceUrl: r.url("source_url"),
    };
  },
  replications(r) {
    return {
      row: r.row,
      originInnovation: r.required("origin_innovation"),
      originInstitution: r.required("origin_institution"),
      adopterInstitution: r.required("adopter_institution"),
      adopterRegencyOrCity: r.optional("adopter_regency_or_city"),
      adopterProvince: r.optional("adopter_province"),
      adopterLevel: r.oneOf("adopter_level", INSTITUTION_LEVELS),
      status: r.oneOf("status", REPLICATION_STATUSES),
      interestOn: r.date("interest_on"),
      agreedOn: r.date("agreed_on"),
      implementedOn: r.date("implemented_on"),
      adaptations: r.optional("adaptations"),
      derivedInnovation: r.optional("derived_innovation"),
      sourceUrl: r.url("source_url"),
    };
  },
};
