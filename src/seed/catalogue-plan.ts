/**
 * Turns parsed seed input into the catalogue to write: every name resolved to a code or a key,
 * duplicates merged, every record keyed by its natural key and carrying its sources. Pure: no I/O,
 * no database. The writer (catalogue-writer.ts) only has to upsert what this returns.
 */
import { classifyAwardLabel } from "../domain/award-tier";
import type { AwardTier, CompetitionLevel, InstitutionKind, InnovationStatus, KnowledgeEventKind, RegionKind, Sector } from "../domain/enums";
import { foldKey, fullestSpelling, nameKey, otherSpellings, splitAcronym, splitServiceUnit } from "../domain/normalise";
import { RegionResolver, type RegionRecord } from "../domain/region-resolver";
import { SlugAllocator, slugify } from "../domain/slug";
import { parseStages, type AwardCsvRow, type InnovationCsvRow, type InstitutionLevel, type SeedProblem } from "./catalogue-csv";
import {
  SEED_FILES,
  seedFileLabel,
  type CriterionSeed,
  type EditionFieldsSeed,
  type InstitutionIdentitySeed,
  type PlaceSeed,
  type SeedInput,
  type TierSeed,
} from "./seed-files";

/** "This record's facts come from this URL", asserted by a seed file row. */
export interface Assertion {
  url: string;
  /** e.g. "seeds/data/awards.csv:row 12" */
  assertedBy: string;
}

export interface PlannedRegion {
  code: string;
  name: string;
  kind: RegionKind;
  parentCode: string | null;
}

export interface PlannedSource {
  url: string;
  title: string | null;
  publisher: string | null;
  retrievedAt: string | null;
}

export interface PlannedCompetition {
  slug: string;
  name: string;
  shortName: string | null;
  aliases: string[];
  organizer: string;
  level: CompetitionLevel;
  scopeRegionCode: string | null;
  description: string | null;
}

export interface PlannedEdition {
  competitionSlug: string;
  year: number;
  editionNumber: number | null;
  name: string;
  theme: string | null;
  legalBasis: string | null;
  stagesText: string | null;
  stages: { order: number; name: string }[];
  groups: string[];
  categories: string[];
  criteria: CriterionSeed[];
  tiers: TierSeed[];
  entryCount: number | null;
  sources: Assertion[];
}

export interface PlannedInstitution {
  slug: string;
  name: string;
  nameKey: string;
  kind: InstitutionKind;
  regionCode: string | null;
  parentSlug: string | null;
}

export interface PlannedInnovation {
  slug: string;
  name: string;
  nameKey: string;
  acronym: string | null;
  acronymExpansion: string | null;
  aliases: string[];
  summary: string | null;
  sector: Sector;
  launchYear: number | null;
  status: InnovationStatus | null;
  statusAsOf: string | null;
  statusNote: string | null;
  institutionSlug: string;
  /** The unit inside the institution that runs it, where the source names one in brackets. */
  serviceUnit: string | null;
  regionCode: string | null;
  sources: Assertion[];
}

export interface PlannedAward {
  innovationSlug: string;
  competitionSlug: string;
  year: number;
  rawLabel: string;
  tier: AwardTier;
  tierRank: number;
  place: number | null;
  tierSize: number | null;
  groupName: string | null;
  category: string | null;
  sources: Assertion[];
}

export interface PlannedKnowledgeEvent {
  slug: string;
  kind: KnowledgeEventKind;
  title: string;
  startsOn: string | null;
  endsOn: string | null;
  year: number;
  organizer: string;
  facilitators: { name: string; affiliation: string | null; role: string | null }[];
  participants: string | null;
  venue: string | null;
  description: string | null;
  regionCode: string | null;
  competitionSlug: string | null;
  editionYear: number | null;
  sources: Assertion[];
}

/** The whole catalogue, each list in the order it is to be written (ids follow this order). */
export interface CataloguePlan {
  regions: PlannedRegion[];
  sources: PlannedSource[];
  competitions: PlannedCompetition[];
  editions: PlannedEdition[];
  institutions: PlannedInstitution[];
  innovations: PlannedInnovation[];
  awards: PlannedAward[];
  events: PlannedKnowledgeEvent[];
}

/** The plan, the problems that forbid writing it, and notes on how the mess was resolved. */
export interface PlanResult {
  plan: CataloguePlan;
  problems: SeedProblem[];
  notes: SeedProblem[];
}

const FILES = {
  innovations: seedFileLabel(SEED_FILES.innovations),
  awards: seedFileLabel(SEED_FILES.awards),
  competitions: seedFileLabel(SEED_FILES.competitions),
  competitionSeries: seedFileLabel(SEED_FILES.competitionSeries),
  editions: seedFileLabel(SEED_FILES.editions),
  events: seedFileLabel(SEED_FILES.events),
  institutions: seedFileLabel(SEED_FILES.institutions),
};

function rowRef(file: string, row: number): string {
  return `${file}:row ${row}`;
}

function editionKey(competitionSlug: string, year: number): string {
  return `${competitionSlug}|${year}`;
}

/**
 * The publisher of a page when no better name is known: its host without "www.".
 * Returns null for locators that are not URLs with a host (e.g. "urn:…").
 */
export function publisherFromUrl(url: string): string | null {
  try {
    const host = new URL(url).hostname;
    return host.length > 0 ? host.replace(/^www\./, "") : null;
  } catch {
    return null;
  }
}

/**
 * The kind of an institution, from the CSV's institution_level and the name's shape: pemda names
 * ("Pemerintah Kabupaten/Kota/Provinsi …", "Pemerintah Daerah DIY") are governments; anything else at a
 * pemda level (dinas, badan, RSUD, puskesmas, kecamatan, bagian, schools) is a regional device;
 * village governments are "other".
 */
export function institutionKind(name: string, level: InstitutionLevel): InstitutionKind {
  switch (level) {
    case "ministry":
      return "ministry";
    case "agency":
      return "agency";
    case "bumn":
      return "bumn";
    case "bumd":
      return "bumd";
    case "other":
      return "other";
    default: {
      const key = nameKey(name);
      if (/^pemerintah (?:daerah )?kabupaten\b/.test(key)) return "regency_government";
      if (/^pemerintah (?:daerah )?kota\b/.test(key)) return "city_government";
      if (/^pemerintah (?:daerah|provinsi)\b/.test(key)) return "provincial_government";
      if (/^(?:pemerintah desa|desa|kalurahan)\b/.test(key)) return "other";
      return "regional_device";
    }
  }
}

/** The kinds of a pemda (a province's, regency's or city's government). */
export const GOVERNMENT_KINDS: ReadonlySet<InstitutionKind> = new Set(["provincial_government", "regency_government", "city_government"]);

/** Where an institution named in a row hangs in the institution tree (see institutionPlacement). */
export interface InstitutionPlacement {
  /** Its region: the row's place, except that a ministry is national (null) even where its innovation is local. */
  regionCode: string | null;
  /** The ministry it is a unit of ("Unit, Kementerian X" → "Kementerian X"), if any. */
  parentMinistry: string | null;
  /** The region whose pemda is its parent (regional devices, BUMDs), if any. */
  parentRegion: RegionRecord | null;
}

/**
 * Places an institution named in a row: its region, and its parent — the ministry named after the last
 * comma for a ministry unit, or the pemda of its region (of the province, for province-level rows) for
 * a regional device, a BUMD, or an "other" body at a pemda level.
 */
export function institutionPlacement(
  name: string,
  kind: InstitutionKind,
  level: InstitutionLevel,
  place: { region: RegionRecord | null; province: RegionRecord | null },
): InstitutionPlacement {
  if (kind === "ministry") {
    const parts = name.split(",").map((p) => p.trim());
    const last = parts[parts.length - 1];
    const isUnit = parts.length > 1 && /^kementerian\b/.test(nameKey(last)) && nameKey(last) !== nameKey(name);
    return { regionCode: null, parentMinistry: isUnit ? last : null, parentRegion: null };
  }
  const regionCode = place.region?.code ?? null;
  if (kind === "regional_device" || kind === "bumd" || (kind === "other" && level !== "other")) {
    return { regionCode, parentMinistry: null, parentRegion: (level === "province" ? place.province : place.region) ?? null };
  }
  return { regionCode, parentMinistry: null, parentRegion: null };
}

/** The canonical pemda name of a region: "Pemerintah Kota Semarang", "Pemerintah Provinsi Jawa Tengah". */
export function governmentNameOf(region: RegionRecord): string {
  return region.kind === "province" ? `Pemerintah Provinsi ${region.name}` : `Pemerintah ${region.name}`;
}

/** The kind of the pemda of a region. */
export function governmentKindOf(region: RegionRecord): InstitutionKind {
  return region.kind === "province" ? "provincial_government" : region.kind === "city" ? "city_government" : "regency_government";
}

/** Splits "Kelompok Umum" into a group; any other cluster text is a category. */
export function groupOrCategory(text: string | null): { groupName: string | null; category: string | null } {
  if (!text) return { groupName: null, category: null };
  const m = /^kelompok\s+(\S.*)$/i.exec(text.trim());
  if (m) {
    const group = m[1].trim();
    return { groupName: group.charAt(0).toUpperCase() + group.slice(1), category: null };
  }
  return { groupName: null, category: text.trim() };
}

interface InstitutionDraft {
  identity: string;
  /** Spellings seen, in first-seen order, with how many rows used each. */
  spellings: Map<string, number>;
  canonicalName: string | null;
  key: string;
  kind: InstitutionKind;
  regionCode: string | null;
  parentIdentity: string | null;
  firstRow: number;
}

interface InnovationDraft {
  identity: string;
  rows: InnovationCsvRow[];
  regionCode: string | null;
  institutionIdentities: string[];
  /** Service unit by institution identity, where a row names one. */
  serviceUnits: Map<string, string>;
}

/** What every planning phase shares: the region resolver and the problem and note sinks. */
interface PlanContext {
  resolver: RegionResolver;
  problem(file: string, row: number, field: string, message: string): void;
  note(file: string, row: number, field: string, message: string): void;
  /** Resolves a JSON place; undefined (with a problem recorded) when it does not resolve. */
  resolvePlace(place: PlaceSeed | null, file: string, row: number, field: string): RegionRecord | null | undefined;
}

/**
 * Builds the catalogue plan. Every reference is resolved here; anything that does not resolve is a
 * problem naming file, row and field. Notes record merges and inferences that are not problems.
 *
 * @param input parsed seed files (see readSeedInput)
 * @param regions all provinces and regencies/cities (see readIdnRegions)
 */
export function buildCataloguePlan(input: SeedInput, regions: readonly RegionRecord[]): PlanResult {
  const problems: SeedProblem[] = [];
  const notes: SeedProblem[] = [];
  const resolver = new RegionResolver(regions);
  const ctx: PlanContext = {
    resolver,
    problem: (file, row, field, message) => problems.push({ file, row, field, message }),
    note: (file, row, field, message) => notes.push({ file, row, field, message }),
    resolvePlace(place, file, row, field) {
      if (!place) return null;
      const r = resolver.place(place.province, place.regencyOrCity);
      if (!r.ok) {
        this.problem(file, row, `${field}.${r.field === "province" ? "province" : "regencyOrCity"}`, r.message);
        return undefined;
      }
      return r.region;
    },
  };

  const series = planCompetitions(ctx, input);
  const editions = planEditions(ctx, input, series);
  const catalogue = planInstitutionsAndInnovations(ctx, input);
  const awards = planAwards(ctx, input, series, editions, catalogue);
  const events = planEvents(ctx, input, series, editions);
  const plan: CataloguePlan = {
    regions: regions.map((r) => ({ code: r.code, name: r.name, kind: r.kind, parentCode: r.parentCode })),
    sources: planSources(input, editions.list, catalogue.innovations, awards),
    competitions: series.list,
    editions: editions.list,
    institutions: catalogue.institutions,
    innovations: catalogue.innovations,
    awards,
    events,
  };
  return { plan, problems, notes };
}

interface SeriesIndex {
  list: PlannedCompetition[];
  bySlug: Map<string, PlannedCompetition>;
  /** The series a CSV competition name belongs to, by its name, short name or any alias. */
  of(name: string): PlannedCompetition | null;
}

/** Competition series from competitions.json, and the index of every name they go by. */
function planCompetitions(ctx: PlanContext, input: SeedInput): SeriesIndex {
  const list: PlannedCompetition[] = [];
  const byAlias = new Map<string, PlannedCompetition>();
  const bySlug = new Map<string, PlannedCompetition>();
  for (const s of input.competitionSeries) {
    if (bySlug.has(s.slug)) {
      ctx.problem(FILES.competitionSeries, s.entry, "slug", `duplicate slug "${s.slug}"`);
      continue;
    }
    const scope = ctx.resolvePlace(s.scope, FILES.competitionSeries, s.entry, "scope");
    const planned: PlannedCompetition = {
      slug: s.slug,
      name: s.name,
      shortName: s.shortName,
      aliases: otherSpellings(s.name, s.aliases),
      organizer: s.organizer,
      level: s.level,
      scopeRegionCode: scope?.code ?? null,
      description: s.description,
    };
    for (const n of [s.name, ...(s.shortName ? [s.shortName] : []), ...s.aliases]) {
      const other = byAlias.get(foldKey(n));
      if (other && other !== planned) {
        ctx.problem(FILES.competitionSeries, s.entry, "aliases", `"${n}" already names series "${other.slug}"`);
        continue;
      }
      byAlias.set(foldKey(n), planned);
    }
    bySlug.set(s.slug, planned);
    list.push(planned);
  }
  return { list, bySlug, of: (name) => byAlias.get(foldKey(name)) ?? null };
}

interface EditionIndex {
  list: PlannedEdition[];
  get(competitionSlug: string, year: number): PlannedEdition | undefined;
}

function emptyEdition(competitionSlug: string, year: number, name: string): PlannedEdition {
  return {
    competitionSlug,
    year,
    editionNumber: null,
    name,
    theme: null,
    legalBasis: null,
    stagesText: null,
    stages: [],
    groups: [],
    categories: [],
    criteria: [],
    tiers: [],
    entryCount: null,
    sources: [],
  };
}

/**
 * Editions: one per competitions.csv row, then one per (series, year) that only award rows name
 * (sourced from those rows), then the enrichment of editions.json applied on top.
 */
function planEditions(ctx: PlanContext, input: SeedInput, series: SeriesIndex): EditionIndex {
  const list: PlannedEdition[] = [];
  const byKey = new Map<string, PlannedEdition>();
  for (const row of input.competitions) {
    const s = series.of(row.competition);
    if (!s) {
      ctx.problem(FILES.competitions, row.row, "competition", `"${row.competition}" is not a series in competitions.json (name, shortName or alias)`);
      continue;
    }
    if (s.level !== row.level) {
      ctx.problem(FILES.competitions, row.row, "level", `"${row.level}" differs from series "${s.slug}" level "${s.level}"`);
    }
    const key = editionKey(s.slug, row.year);
    if (byKey.has(key)) {
      ctx.problem(FILES.competitions, row.row, "year", `a second row for ${s.slug} ${row.year}`);
      continue;
    }
    const edition: PlannedEdition = {
      ...emptyEdition(s.slug, row.year, row.competition),
      editionNumber: row.editionNumber,
      theme: row.theme,
      legalBasis: row.legalBasis,
      stagesText: row.stages,
      stages: parseStages(row.stages),
      entryCount: row.numberOfEntries,
      sources: [{ url: row.sourceUrl, assertedBy: rowRef(FILES.competitions, row.row) }],
    };
    list.push(edition);
    byKey.set(key, edition);
  }

  const derived = new Set<PlannedEdition>();
  for (const row of input.awards) {
    const s = series.of(row.competition);
    if (!s) continue; // reported with the award
    const key = editionKey(s.slug, row.year);
    let edition = byKey.get(key);
    if (!edition) {
      edition = emptyEdition(s.slug, row.year, row.competition);
      list.push(edition);
      byKey.set(key, edition);
      derived.add(edition);
      ctx.note(FILES.awards, row.row, "competition", `edition ${s.slug} ${row.year} has no competitions.csv row; created from award rows`);
    }
    if (derived.has(edition) && !edition.sources.some((src) => src.url === row.sourceUrl)) {
      edition.sources.push({ url: row.sourceUrl, assertedBy: rowRef(FILES.awards, row.row) });
    }
  }

  for (const d of input.seriesDefaults) {
    if (!series.bySlug.has(d.competition)) {
      ctx.problem(FILES.editions, d.entry, "seriesDefaults.competition", `unknown series "${d.competition}"`);
      continue;
    }
    for (const e of list) if (e.competitionSlug === d.competition) applyEditionFields(e, d);
  }
  for (const e of input.editions) {
    const edition = byKey.get(editionKey(e.competition, e.year));
    if (!edition) {
      const field = series.bySlug.has(e.competition) ? "year" : "competition";
      ctx.problem(FILES.editions, e.entry, field, `no edition ${e.competition} ${e.year} in the CSVs`);
      continue;
    }
    applyEditionFields(edition, e);
    if (new Set(edition.tiers.map((t) => t.order)).size !== edition.tiers.length) {
      ctx.problem(FILES.editions, e.entry, "tiers", "tier orders must be distinct");
    }
  }
  return { list, get: (slug, year) => byKey.get(editionKey(slug, year)) };
}

/**
 * The canonical name of every spelling in `institutions.json`, keyed by `nameKey(spelling)|regionCode`
 * (see institutionAliasKey). Entries whose region does not resolve (`place` returns undefined) are left out.
 */
export function institutionAliasMap(
  identities: readonly InstitutionIdentitySeed[],
  place: (identity: InstitutionIdentitySeed) => RegionRecord | null | undefined,
): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const identity of identities) {
    const region = place(identity);
    if (region === undefined) continue;
    for (const spelling of [identity.name, ...identity.aliases]) aliases.set(institutionAliasKey(spelling, region?.code ?? null), identity.name);
  }
  return aliases;
}

/** The key of institutionAliasMap: a spelling's name key and the region code. */
export function institutionAliasKey(name: string, regionCode: string | null): string {
  return `${nameKey(name)}|${regionCode ?? ""}`;
}

interface InstitutionsAndInnovations {
  institutions: PlannedInstitution[];
  innovations: PlannedInnovation[];
  /** The innovation an awards.csv row names, by its (innovation_name, institution) pair. */
  innovationFor(innovationName: string, institution: string): PlannedInnovation | null;
  /** The first innovations.csv row of each innovation. */
  firstRowOf(innovation: PlannedInnovation): number;
}

/**
 * Institutions and innovations from innovations.csv. An institution is one name key in one region
 * (ministries are national); regional devices get their pemda as parent, created when the data has
 * none. An innovation is one name key in one region: rows that share both are one innovation.
 */
function planInstitutionsAndInnovations(ctx: PlanContext, input: SeedInput): InstitutionsAndInnovations {
  const institutionAliases = institutionAliasMap(input.institutions, (inst) =>
    ctx.resolvePlace(inst.region, FILES.institutions, inst.entry, "region"),
  );

  const institutionDrafts = new Map<string, InstitutionDraft>();
  const ensureInstitution = (name: string, kind: InstitutionKind, regionCode: string | null, row: number): InstitutionDraft => {
    const canonicalName = institutionAliases.get(institutionAliasKey(name, regionCode)) ?? null;
    const key = nameKey(canonicalName ?? name);
    const identity = `${key}|${regionCode ?? ""}`;
    let draft = institutionDrafts.get(identity);
    if (!draft) {
      draft = { identity, spellings: new Map(), canonicalName, key, kind, regionCode, parentIdentity: null, firstRow: row };
      institutionDrafts.set(identity, draft);
    } else if (draft.kind !== kind) {
      ctx.note(FILES.innovations, row, "institution_level", `"${name}" reads as ${kind} here but as ${draft.kind} on row ${draft.firstRow}; kept ${draft.kind}`);
    }
    draft.spellings.set(name, (draft.spellings.get(name) ?? 0) + 1);
    return draft;
  };

  const innovationDrafts = new Map<string, InnovationDraft>();
  const byPair = new Map<string, InnovationDraft>();
  const byLoosePair = new Map<string, InnovationDraft>();
  const parentNeeds: { child: InstitutionDraft; region: RegionRecord | null; ministry: string | null }[] = [];

  for (const row of input.innovations) {
    const place = ctx.resolver.place(row.province, row.regencyOrCity);
    if (!place.ok) {
      ctx.problem(FILES.innovations, row.row, place.field, place.message);
      continue;
    }
    const { institution: institutionName, serviceUnit } = splitServiceUnit(row.institution);
    const kind = institutionKind(institutionName, row.institutionLevel);
    // A ministry is national even when its innovation is local (KKP's fish quarantine in Semarang).
    const placement = institutionPlacement(institutionName, kind, row.institutionLevel, place);
    const institution = ensureInstitution(institutionName, kind, placement.regionCode, row.row);
    if (placement.parentMinistry && nameKey(placement.parentMinistry) !== institution.key) {
      parentNeeds.push({ child: institution, region: null, ministry: placement.parentMinistry });
    } else if (placement.parentRegion) {
      parentNeeds.push({ child: institution, region: placement.parentRegion, ministry: null });
    }

    const regionCode = place.region?.code ?? null;
    const identity = `${nameKey(row.innovationName)}|${regionCode ?? `institution:${institution.identity}`}`;
    let draft = innovationDrafts.get(identity);
    if (!draft) {
      draft = { identity, rows: [], regionCode, institutionIdentities: [], serviceUnits: new Map() };
      innovationDrafts.set(identity, draft);
    } else {
      const first = draft.rows[0];
      ctx.note(
        FILES.innovations,
        row.row,
        "innovation_name",
        `"${row.innovationName}" (${row.institution}) is the same innovation as row ${first.row} "${first.innovationName}" (${first.institution}): same name key and region; merged`,
      );
    }
    draft.rows.push(row);
    if (!draft.institutionIdentities.includes(institution.identity)) draft.institutionIdentities.push(institution.identity);
    if (serviceUnit && !draft.serviceUnits.has(institution.identity)) draft.serviceUnits.set(institution.identity, serviceUnit);
    byPair.set(`${row.innovationName}\u0000${row.institution}`, draft);
    byLoosePair.set(`${nameKey(row.innovationName)}\u0000${nameKey(row.institution)}`, draft);
  }

  // Parents: the ministry named after the last comma, or the pemda of the region (preferring the
  // one under its canonical name, e.g. "Pemerintah Kabupaten Grobogan"), created when missing.
  const governmentByRegion = new Map<string, InstitutionDraft>();
  for (const d of institutionDrafts.values()) {
    if (!GOVERNMENT_KINDS.has(d.kind) || d.regionCode === null) continue;
    const current = governmentByRegion.get(d.regionCode);
    const region = ctx.resolver.byKemendagriCode(d.regionCode);
    const canonicalKey = region ? nameKey(governmentNameOf(region)) : null;
    if (!current || (d.key === canonicalKey && current.key !== canonicalKey)) governmentByRegion.set(d.regionCode, d);
  }
  for (const need of parentNeeds) {
    let parent: InstitutionDraft;
    if (need.ministry) {
      parent = ensureInstitution(need.ministry, "ministry", null, need.child.firstRow);
    } else if (need.region) {
      const existing = governmentByRegion.get(need.region.code);
      if (existing) {
        parent = existing;
      } else {
        const name = governmentNameOf(need.region);
        parent = ensureInstitution(name, governmentKindOf(need.region), need.region.code, need.child.firstRow);
        governmentByRegion.set(need.region.code, parent);
        ctx.note(FILES.innovations, need.child.firstRow, "institution", `created parent "${name}" for "${firstSpelling(need.child)}"`);
      }
    } else {
      continue;
    }
    if (parent !== need.child) need.child.parentIdentity = parent.identity;
  }
  for (const d of institutionDrafts.values()) {
    if (d.spellings.size > 1) {
      ctx.note(FILES.innovations, d.firstRow, "institution", `one institution under ${[...d.spellings.keys()].map((s) => `"${s}"`).join(", ")}`);
    }
  }

  const institutionSlugs = new SlugAllocator();
  const slugByIdentity = new Map<string, string>();
  for (const d of institutionDrafts.values()) {
    const region = d.regionCode ? ctx.resolver.byKemendagriCode(d.regionCode) : null;
    slugByIdentity.set(d.identity, institutionSlugs.claim(slugify(d.key), region ? [region.name] : []));
  }
  const institutions: PlannedInstitution[] = [...institutionDrafts.values()].map((d) => ({
    slug: slugByIdentity.get(d.identity)!,
    name: d.canonicalName ?? mostCommonSpelling(d.spellings),
    nameKey: d.key,
    kind: d.kind,
    regionCode: d.regionCode,
    parentSlug: d.parentIdentity ? slugByIdentity.get(d.parentIdentity)! : null,
  }));

  const innovationSlugs = new SlugAllocator();
  const innovationByDraft = new Map<InnovationDraft, PlannedInnovation>();
  for (const d of innovationDrafts.values()) {
    const spellings = d.rows.map((r) => r.innovationName);
    const name = fullestSpelling(spellings);
    const nameRow = d.rows.find((r) => r.innovationName.trim() === name) ?? d.rows[0];
    const split = [name, ...spellings].map(splitAcronym).find((s) => s.acronym !== null) ?? { acronym: null, expansion: null };
    const institutionIdentity = pickInstitution(d.institutionIdentities, institutionDrafts);
    const region = d.regionCode ? ctx.resolver.byKemendagriCode(d.regionCode) : null;
    const qualifiers = [region?.name ?? "", firstSpelling(institutionDrafts.get(institutionIdentity)!)].filter((q) => q);
    const sectors = [...new Set(d.rows.map((r) => r.sector))];
    if (sectors.length > 1) ctx.note(FILES.innovations, d.rows[1].row, "sector", `sectors differ across merged rows (${sectors.join(", ")}); kept ${nameRow.sector}`);
    const years = [...new Set(d.rows.map((r) => r.launchYear).filter((y): y is number => y !== null))].sort();
    if (years.length > 1) ctx.note(FILES.innovations, d.rows[0].row, "launch_year", `launch years differ (${years.join(", ")}); kept the earliest`);
    innovationByDraft.set(d, {
      slug: innovationSlugs.claim(slugify(nameKey(name)), qualifiers),
      name,
      nameKey: nameKey(name),
      acronym: split.acronym,
      acronymExpansion: split.expansion,
      aliases: otherSpellings(name, spellings),
      summary: nameRow.summary ?? d.rows.find((r) => r.summary)?.summary ?? null,
      sector: nameRow.sector,
      launchYear: years[0] ?? null,
      status: null,
      statusAsOf: null,
      statusNote: null,
      institutionSlug: slugByIdentity.get(institutionIdentity)!,
      serviceUnit: d.serviceUnits.get(institutionIdentity) ?? null,
      regionCode: d.regionCode,
      sources: dedupeAssertions(d.rows.map((r) => ({ url: r.sourceUrl, assertedBy: rowRef(FILES.innovations, r.row) }))),
    });
  }

  const firstRows = new Map([...innovationByDraft].map(([d, innovation]) => [innovation, d.rows[0].row]));
  return {
    institutions,
    innovations: [...innovationByDraft.values()],
    firstRowOf: (innovation) => firstRows.get(innovation) ?? 0,
    innovationFor(innovationName, institution) {
      const draft =
        byPair.get(`${innovationName}\u0000${institution}`) ?? byLoosePair.get(`${nameKey(innovationName)}\u0000${nameKey(institution)}`);
      return draft ? innovationByDraft.get(draft)! : null;
    },
  };
}

/**
 * Award results from awards.csv: each row joined to its innovation by the CSV's (innovation_name,
 * institution) and to its edition, its label classified with the edition's tiers. Also sets each
 * innovation's dated status from its latest award (see seeds/README.md).
 */
function planAwards(
  ctx: PlanContext,
  input: SeedInput,
  series: SeriesIndex,
  editions: EditionIndex,
  catalogue: InstitutionsAndInnovations,
): PlannedAward[] {
  const awards: PlannedAward[] = [];
  const byKey = new Map<string, PlannedAward>();
  const latest = new Map<PlannedInnovation, { row: AwardCsvRow; editionName: string }>();
  for (const row of input.awards) {
    const innovation = catalogue.innovationFor(row.innovationName, row.institution);
    const s = series.of(row.competition);
    if (!innovation) {
      ctx.problem(FILES.awards, row.row, "innovation_name", `no innovations.csv row has innovation_name "${row.innovationName}" with institution "${row.institution}"`);
    }
    if (!s) {
      ctx.problem(FILES.awards, row.row, "competition", `"${row.competition}" is not a series in competitions.json (name, shortName or alias)`);
    } else if (s.level !== row.level) {
      ctx.problem(FILES.awards, row.row, "level", `"${row.level}" differs from series "${s.slug}" level "${s.level}"`);
    }
    if (!innovation || !s) continue;
    const edition = editions.get(s.slug, row.year)!;
    const classification = classifyAwardLabel(row.result, edition.tiers);
    if (classification.tier === "unclassified") ctx.note(FILES.awards, row.row, "result", `"${row.result}" kept as unclassified`);
    const key = `${innovation.slug}|${s.slug}|${row.year}|${row.result}`;
    const assertion = { url: row.sourceUrl, assertedBy: rowRef(FILES.awards, row.row) };
    const existing = byKey.get(key);
    if (existing) {
      existing.sources = dedupeAssertions([...existing.sources, assertion]);
      ctx.note(FILES.awards, row.row, "result", "same result as an earlier row for this innovation and edition; sources merged");
    } else {
      const award: PlannedAward = {
        innovationSlug: innovation.slug,
        competitionSlug: s.slug,
        year: row.year,
        rawLabel: row.result,
        ...classification,
        ...groupOrCategory(row.categoryOrCluster),
        sources: [assertion],
      };
      awards.push(award);
      byKey.set(key, award);
    }
    const previous = latest.get(innovation);
    if (!previous || row.year > previous.row.year) latest.set(innovation, { row, editionName: edition.name });
  }

  for (const innovation of catalogue.innovations) {
    const found = latest.get(innovation);
    if (!found) {
      ctx.note(FILES.innovations, catalogue.firstRowOf(innovation), "innovation_name", "no award row; status left unknown");
      continue;
    }
    const { row, editionName } = found;
    innovation.status = "continuing";
    innovation.statusAsOf = `${row.year}-12-31`;
    innovation.statusNote =
      `Derived from its latest award in the catalogue: "${row.result}" in ${editionName} ${row.year} ` +
      `(${rowRef(FILES.awards, row.row)}). A competition admits only innovations in operation, so it was running in ` +
      `${row.year}; no later status is known.`;
  }
  return awards;
}

/** Knowledge events from knowledge-events.json, with regions, series and editions resolved. */
function planEvents(ctx: PlanContext, input: SeedInput, series: SeriesIndex, editions: EditionIndex): PlannedKnowledgeEvent[] {
  const events: PlannedKnowledgeEvent[] = [];
  const slugs = new Set<string>();
  for (const e of input.events) {
    if (slugs.has(e.slug)) {
      ctx.problem(FILES.events, e.entry, "slug", `duplicate slug "${e.slug}"`);
      continue;
    }
    slugs.add(e.slug);
    const region = ctx.resolvePlace(e.region, FILES.events, e.entry, "region");
    if (e.startsOn && Number(e.startsOn.slice(0, 4)) !== e.year) ctx.problem(FILES.events, e.entry, "year", `${e.year} differs from startsOn ${e.startsOn}`);
    if (e.startsOn && e.endsOn && e.endsOn < e.startsOn) ctx.problem(FILES.events, e.entry, "endsOn", "ends before it starts");
    if (e.competition && !series.bySlug.has(e.competition)) ctx.problem(FILES.events, e.entry, "competition", `unknown series "${e.competition}"`);
    if (e.editionYear !== null) {
      if (!e.competition) ctx.problem(FILES.events, e.entry, "editionYear", "an edition needs a competition");
      else if (!editions.get(e.competition, e.editionYear)) ctx.problem(FILES.events, e.entry, "editionYear", `no edition ${e.competition} ${e.editionYear}`);
    }
    events.push({
      slug: e.slug,
      kind: e.kind,
      title: e.title,
      startsOn: e.startsOn,
      endsOn: e.endsOn,
      year: e.year,
      organizer: e.organizer,
      facilitators: e.facilitators,
      participants: e.participants,
      venue: e.venue,
      description: e.description,
      regionCode: region?.code ?? null,
      competitionSlug: e.competition,
      editionYear: e.editionYear,
      sources: [{ url: e.source.url, assertedBy: rowRef(FILES.events, e.entry) }],
    });
  }
  return events;
}

/** Every source URL in first-use order; a title or publisher given in the seeds wins over the URL's host. */
function planSources(
  input: SeedInput,
  editions: readonly PlannedEdition[],
  innovations: readonly PlannedInnovation[],
  awards: readonly PlannedAward[],
): PlannedSource[] {
  const sources = new Map<string, PlannedSource>();
  const add = (url: string, title: string | null = null, publisher: string | null = null) => {
    const existing = sources.get(url);
    if (existing) {
      existing.title ??= title;
      if (publisher) existing.publisher = publisher;
      return;
    }
    sources.set(url, { url, title, publisher: publisher ?? publisherFromUrl(url), retrievedAt: null });
  };
  for (const e of editions) for (const s of e.sources) add(s.url);
  for (const i of innovations) for (const s of i.sources) add(s.url);
  for (const a of awards) for (const s of a.sources) add(s.url);
  for (const e of input.events) add(e.source.url, e.source.title, e.source.publisher);
  return [...sources.values()];
}

function applyEditionFields(edition: PlannedEdition, fields: EditionFieldsSeed): void {
  if (fields.tiers) edition.tiers = [...fields.tiers].sort((a, b) => a.order - b.order);
  if (fields.groups) edition.groups = [...fields.groups];
  if (fields.categories) edition.categories = [...fields.categories];
  if (fields.criteria) edition.criteria = fields.criteria.map((c) => ({ ...c }));
}

function dedupeAssertions(assertions: Assertion[]): Assertion[] {
  const byUrl = new Map<string, Assertion>();
  for (const a of assertions) {
    const existing = byUrl.get(a.url);
    if (existing) {
      if (!existing.assertedBy.split(", ").includes(a.assertedBy)) existing.assertedBy = `${existing.assertedBy}, ${a.assertedBy}`;
    } else {
      byUrl.set(a.url, { ...a });
    }
  }
  return [...byUrl.values()];
}

/** The most frequent spelling, the first seen on a tie. */
function mostCommonSpelling(spellings: ReadonlyMap<string, number>): string {
  let best = "";
  let bestCount = 0;
  for (const [spelling, count] of spellings) {
    if (count > bestCount) {
      best = spelling;
      bestCount = count;
    }
  }
  return best;
}

function firstSpelling(draft: InstitutionDraft): string {
  return draft.spellings.keys().next().value ?? draft.key;
}

/**
 * The institution a merged innovation belongs to: the most specific one named (a dinas over its
 * pemda, since the unit that runs an innovation is the more precise fact), the first seen on a tie.
 */
function pickInstitution(identities: readonly string[], drafts: ReadonlyMap<string, InstitutionDraft>): string {
  let best = identities[0];
  for (const id of identities.slice(1)) {
    const candidate = drafts.get(id)!;
    const current = drafts.get(best)!;
    if (candidate.parentIdentity !== null && current.parentIdentity === null) best = id;
  }
  return best;
}
