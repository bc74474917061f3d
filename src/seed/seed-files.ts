/**
 * Reads a seed directory: the three catalogue CSVs in `data/` and the curated JSON files beside them.
 * Validates the shape of every JSON entry and reports problems by file, entry and field; resolving
 * names across files is the planner's job (catalogue-plan.ts).
 */
import fs from "node:fs/promises";
import path from "node:path";
import { AWARD_TIERS, COMPETITION_LEVELS, KNOWLEDGE_EVENT_KINDS, type AwardTier, type CompetitionLevel, type KnowledgeEventKind } from "../domain/enums";
import {
  parseCatalogueCsv,
  type AwardCsvRow,
  type CompetitionCsvRow,
  type InnovationCsvRow,
  type SeedProblem,
} from "./catalogue-csv";

/** The files of a seed directory, relative to it. Problems name them as `seeds/<path>`. */
export const SEED_FILES = {
  innovations: "data/innovations.csv",
  awards: "data/awards.csv",
  competitions: "data/competitions.csv",
  competitionSeries: "competitions.json",
  editions: "editions.json",
  events: "knowledge-events.json",
  institutions: "institutions.json",
} as const;

/** How problems and provenance name a seed file, independent of where the directory lives. */
export function seedFileLabel(relative: string): string {
  return `seeds/${relative}`;
}

/** A province and optionally a regency/city, as names to resolve. */
export interface PlaceSeed {
  province: string | null;
  regencyOrCity: string | null;
}

/** A competition series from competitions.json. `entry` is its 1-based position in the file. */
export interface CompetitionSeriesSeed {
  entry: number;
  slug: string;
  name: string;
  shortName: string | null;
  level: CompetitionLevel;
  organizer: string;
  scope: PlaceSeed | null;
  aliases: string[];
  description: string | null;
}

export interface TierSeed {
  label: string;
  size: number | null;
  order: number;
  tier: AwardTier;
}

export interface CriterionSeed {
  name: string;
  weightPercent: number | null;
}

/** Edition fields that editions.json may set; absent fields are left as they are. */
export interface EditionFieldsSeed {
  tiers?: TierSeed[];
  groups?: string[];
  categories?: string[];
  criteria?: CriterionSeed[];
}

export interface SeriesDefaultsSeed extends EditionFieldsSeed {
  entry: number;
  competition: string;
}

export interface EditionSeed extends EditionFieldsSeed {
  entry: number;
  competition: string;
  year: number;
}

export interface FacilitatorSeed {
  name: string;
  affiliation: string | null;
  role: string | null;
}

export interface SourceSeed {
  url: string;
  title: string | null;
  publisher: string | null;
}

export interface KnowledgeEventSeed {
  entry: number;
  slug: string;
  kind: KnowledgeEventKind;
  title: string;
  startsOn: string | null;
  endsOn: string | null;
  year: number;
  organizer: string;
  facilitators: FacilitatorSeed[];
  participants: string | null;
  venue: string | null;
  region: PlaceSeed | null;
  competition: string | null;
  editionYear: number | null;
  description: string | null;
  contextFile: string | null;
  source: SourceSeed;
}

export interface InstitutionIdentitySeed {
  entry: number;
  name: string;
  region: PlaceSeed | null;
  aliases: string[];
}

/** Everything a seed directory holds, parsed. Rows with row-local problems are left out. */
export interface SeedInput {
  innovations: InnovationCsvRow[];
  awards: AwardCsvRow[];
  competitions: CompetitionCsvRow[];
  competitionSeries: CompetitionSeriesSeed[];
  seriesDefaults: SeriesDefaultsSeed[];
  editions: EditionSeed[];
  events: KnowledgeEventSeed[];
  institutions: InstitutionIdentitySeed[];
}

/**
 * Reads and parses every seed file under `dir`. Never throws for bad content: a missing file,
 * unreadable JSON or a malformed entry becomes a problem.
 */
export async function readSeedInput(dir: string): Promise<{ input: SeedInput; problems: SeedProblem[] }> {
  const problems: SeedProblem[] = [];
  const read = async (relative: string): Promise<string | null> => {
    try {
      return await fs.readFile(path.join(dir, relative), "utf8");
    } catch (error) {
      problems.push({ file: seedFileLabel(relative), row: 0, field: "", message: `cannot read: ${(error as Error).message}` });
      return null;
    }
  };
  const csv = async <K extends "innovations" | "awards" | "competitions">(kind: K) => {
    const text = await read(SEED_FILES[kind]);
    if (text === null) return [];
    const parsed = parseCatalogueCsv(kind, text, seedFileLabel(SEED_FILES[kind]));
    problems.push(...parsed.problems);
    return parsed.rows;
  };
  const json = async (
    relative: string,
    listKey: string,
  ): Promise<{ reader: JsonReader; items: unknown[]; doc: Record<string, unknown> } | null> => {
    const text = await read(relative);
    if (text === null) return null;
    const reader = new JsonReader(seedFileLabel(relative), problems);
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (error) {
      reader.problem(0, "", `not valid JSON: ${(error as Error).message}`);
      return null;
    }
    const items = isObject(doc) ? doc[listKey] : undefined;
    if (!Array.isArray(items)) {
      reader.problem(0, listKey, `expected an array "${listKey}"`);
      return null;
    }
    return { reader, items, doc: doc as Record<string, unknown> };
  };

  const innovations = await csv("innovations");
  const awards = await csv("awards");
  const competitions = await csv("competitions");

  const competitionSeries: CompetitionSeriesSeed[] = [];
  const seriesFile = await json(SEED_FILES.competitionSeries, "competitions");
  seriesFile?.items.forEach((item, i) => {
    const e = seriesFile.reader.entry(i + 1, item);
    if (!e) return;
    const value: CompetitionSeriesSeed = {
      entry: i + 1,
      slug: e.slug("slug"),
      name: e.text("name"),
      shortName: e.optionalText("shortName"),
      level: e.oneOf("level", COMPETITION_LEVELS),
      organizer: e.text("organizer"),
      scope: e.place("scope"),
      aliases: e.texts("aliases"),
      description: e.optionalText("description"),
    };
    if (e.clean) competitionSeries.push(value);
  });

  const seriesDefaults: SeriesDefaultsSeed[] = [];
  const editions: EditionSeed[] = [];
  const editionsFile = await json(SEED_FILES.editions, "editions");
  if (editionsFile) {
    const defaultItems = editionsFile.doc.seriesDefaults ?? [];
    if (!Array.isArray(defaultItems)) {
      editionsFile.reader.problem(0, "seriesDefaults", "expected an array");
    } else {
      defaultItems.forEach((item, i) => {
        const e = editionsFile.reader.entry(i + 1, item, "seriesDefaults");
        if (!e) return;
        const value: SeriesDefaultsSeed = { entry: i + 1, competition: e.text("competition"), ...editionFields(e) };
        if (e.clean) seriesDefaults.push(value);
      });
    }
    editionsFile.items.forEach((item, i) => {
      const e = editionsFile.reader.entry(i + 1, item);
      if (!e) return;
      const value: EditionSeed = { entry: i + 1, competition: e.text("competition"), year: e.year("year"), ...editionFields(e) };
      if (e.clean) editions.push(value);
    });
  }

  const events: KnowledgeEventSeed[] = [];
  const eventsFile = await json(SEED_FILES.events, "events");
  eventsFile?.items.forEach((item, i) => {
    const e = eventsFile.reader.entry(i + 1, item);
    if (!e) return;
    const value: KnowledgeEventSeed = {
      entry: i + 1,
      slug: e.slug("slug"),
      kind: e.oneOf("kind", KNOWLEDGE_EVENT_KINDS),
      title: e.text("title"),
      startsOn: e.date("startsOn"),
      endsOn: e.date("endsOn"),
      year: e.year("year"),
      organizer: e.text("organizer"),
      facilitators: e.list("facilitators", (f) => ({
        name: f.text("name"),
        affiliation: f.optionalText("affiliation"),
        role: f.optionalText("role"),
      })),
      participants: e.optionalText("participants"),
      venue: e.optionalText("venue"),
      region: e.place("region"),
      competition: e.optionalText("competition"),
      editionYear: e.optionalYear("editionYear"),
      description: e.optionalText("description"),
      contextFile: e.optionalText("contextFile"),
      source: e.object("source", (s) => ({
        url: s.url("url"),
        title: s.optionalText("title"),
        publisher: s.optionalText("publisher"),
      })) ?? { url: "", title: null, publisher: null },
    };
    if (e.clean) events.push(value);
  });

  const institutionsFile = await json(SEED_FILES.institutions, "institutions");
  const institutions = institutionsFile ? institutionIdentities(institutionsFile.reader, institutionsFile.items) : [];

  return {
    input: { innovations, awards, competitions, competitionSeries, seriesDefaults, editions, events, institutions },
    problems,
  };
}

function institutionIdentities(reader: JsonReader, items: unknown[]): InstitutionIdentitySeed[] {
  const institutions: InstitutionIdentitySeed[] = [];
  items.forEach((item, i) => {
    const e = reader.entry(i + 1, item);
    if (!e) return;
    const value: InstitutionIdentitySeed = {
      entry: i + 1,
      name: e.text("name"),
      region: e.place("region"),
      aliases: e.texts("aliases"),
    };
    if (e.clean) institutions.push(value);
  });
  return institutions;
}

/**
 * The spellings of one institution that the name key alone does not join (`institutions.json` of a
 * seed directory), for the importer: a publisher's file spelling an institution as the seeds do
 * resolves to the same institution. Entries with problems are left out (the seed loader reports them).
 */
export async function readInstitutionIdentities(dir: string): Promise<InstitutionIdentitySeed[]> {
  let doc: unknown;
  try {
    doc = JSON.parse(await fs.readFile(path.join(dir, SEED_FILES.institutions), "utf8"));
  } catch {
    return [];
  }
  const items = isObject(doc) ? doc.institutions : undefined;
  return Array.isArray(items) ? institutionIdentities(new JsonReader(seedFileLabel(SEED_FILES.institutions), []), items) : [];
}

function editionFields(e: EntryReader): EditionFieldsSeed {
  const out: EditionFieldsSeed = {};
  if (e.has("tiers")) {
    out.tiers = e.list("tiers", (t) => ({
      label: t.text("label"),
      size: t.optionalInt("size"),
      order: t.int("order"),
      tier: t.oneOf("tier", AWARD_TIERS),
    }));
  }
  if (e.has("groups")) out.groups = e.texts("groups");
  if (e.has("categories")) out.categories = e.texts("categories");
  if (e.has("criteria")) {
    out.criteria = e.list("criteria", (c) => ({ name: c.text("name"), weightPercent: c.optionalInt("weightPercent") }));
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Records problems for one JSON seed file. */
class JsonReader {
  constructor(
    readonly file: string,
    private readonly problems: SeedProblem[],
  ) {}

  problem(row: number, field: string, message: string): void {
    this.problems.push({ file: this.file, row, field, message });
  }

  /** A reader for entry number `row` (1-based) of the file's list, or null if it is not an object. */
  entry(row: number, value: unknown, list?: string): EntryReader | null {
    if (!isObject(value)) {
      this.problem(row, list ?? "", "entry is not an object");
      return null;
    }
    return new EntryReader(this, row, value, list ? `${list}.` : "");
  }
}

/** Typed access to the fields of one JSON entry; each bad field becomes a problem. */
class EntryReader {
  clean = true;
  constructor(
    private readonly file: JsonReader,
    private readonly row: number,
    private readonly value: Record<string, unknown>,
    private readonly prefix: string,
  ) {}

  has(field: string): boolean {
    return this.value[field] !== undefined;
  }

  problem(field: string, message: string): void {
    this.clean = false;
    this.file.problem(this.row, `${this.prefix}${field}`, message);
  }

  text(field: string): string {
    const v = this.value[field];
    if (typeof v !== "string" || v.trim().length === 0) {
      this.problem(field, "must be a non-empty string");
      return "";
    }
    return v.trim();
  }

  optionalText(field: string): string | null {
    const v = this.value[field];
    if (v === undefined || v === null) return null;
    if (typeof v !== "string") {
      this.problem(field, "must be a string or null");
      return null;
    }
    return v.trim().length > 0 ? v.trim() : null;
  }

  slug(field: string): string {
    const v = this.text(field);
    if (v.length > 0 && !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(v)) this.problem(field, `"${v}" is not a slug (a-z, 0-9, hyphens)`);
    return v;
  }

  url(field: string): string {
    const v = this.text(field);
    if (v.length > 0 && !/^[a-z][a-z0-9+.-]*:\S+$/i.test(v)) this.problem(field, `"${v}" is not a URL`);
    return v;
  }

  texts(field: string): string[] {
    const v = this.value[field];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || v.some((s) => typeof s !== "string" || s.trim().length === 0)) {
      this.problem(field, "must be an array of non-empty strings");
      return [];
    }
    return v.map((s: string) => s.trim());
  }

  int(field: string): number {
    const v = this.value[field];
    if (typeof v !== "number" || !Number.isInteger(v)) {
      this.problem(field, "must be a whole number");
      return 0;
    }
    return v;
  }

  optionalInt(field: string): number | null {
    const v = this.value[field];
    if (v === undefined || v === null) return null;
    return this.int(field);
  }

  year(field: string): number {
    const v = this.int(field);
    if (this.clean && (v < 1945 || v > 2100)) this.problem(field, `${v} is not a plausible year`);
    return v;
  }

  optionalYear(field: string): number | null {
    const v = this.value[field];
    if (v === undefined || v === null) return null;
    return this.year(field);
  }

  date(field: string): string | null {
    const v = this.optionalText(field);
    if (v === null) return null;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) {
      this.problem(field, `"${v}" is not a date (YYYY-MM-DD)`);
      return null;
    }
    return v;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T {
    const v = this.text(field);
    if (v.length > 0 && !(allowed as readonly string[]).includes(v)) this.problem(field, `"${v}" is not one of ${allowed.join(", ")}`);
    return v as T;
  }

  place(field: string): PlaceSeed | null {
    const v = this.value[field];
    if (v === undefined || v === null) return null;
    if (!isObject(v)) {
      this.problem(field, "must be an object { province, regencyOrCity } or null");
      return null;
    }
    const province = typeof v.province === "string" && v.province.trim().length > 0 ? v.province.trim() : null;
    const regencyOrCity = typeof v.regencyOrCity === "string" && v.regencyOrCity.trim().length > 0 ? v.regencyOrCity.trim() : null;
    if (!province && !regencyOrCity) this.problem(field, "names neither a province nor a regency/city");
    return { province, regencyOrCity };
  }

  object<T>(field: string, read: (e: EntryReader) => T): T | null {
    const v = this.value[field];
    if (!isObject(v)) {
      this.problem(field, "must be an object");
      return null;
    }
    const inner = new EntryReader(this.file, this.row, v, `${this.prefix}${field}.`);
    const out = read(inner);
    if (!inner.clean) this.clean = false;
    return out;
  }

  list<T>(field: string, read: (e: EntryReader) => T): T[] {
    const v = this.value[field];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      this.problem(field, "must be an array");
      return [];
    }
    const out: T[] = [];
    v.forEach((item, i) => {
      if (!isObject(item)) {
        this.problem(`${field}[${i}]`, "must be an object");
        return;
      }
      const inner = new EntryReader(this.file, this.row, item, `${this.prefix}${field}[${i}].`);
      out.push(read(inner));
      if (!inner.clean) this.clean = false;
    });
    return out;
  }
}
