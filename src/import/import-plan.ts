/**
 * The first pass of an import: validates every row and resolves every name — regions to Kemendagri
 * codes, competition names to series, institutions and innovations to the records the catalogue holds
 * (entity resolution, see match.ts) or to records to create — without writing anything. What it keeps
 * is one entry per distinct series, edition, institution and innovation (not per row), which the second
 * pass (import-writer.ts) writes; award and replication rows are read again then, in chunks.
 */
import { createHash } from "node:crypto";
import type { EntityManager } from "typeorm";
import type { EditionTierHint } from "../domain/award-tier";
import type { CompetitionLevel, InstitutionKind, Sector } from "../domain/enums";
import { foldKey, nameKey, splitServiceUnit } from "../domain/normalise";
import type { RegionRecord, RegionResolver } from "../domain/region-resolver";
import type {
  AwardCsvRow,
  CatalogueCsvKind,
  CatalogueCsvRowMap,
  CompetitionCsvRow,
  InnovationCsvRow,
  InstitutionLevel,
  ReplicationCsvRow,
  SeedProblem,
} from "../seed/catalogue-csv";
import {
  governmentKindOf,
  governmentNameOf,
  institutionAliasKey,
  institutionKind,
  institutionPlacement,
} from "../seed/catalogue-plan";
import {
  findGovernments,
  findInnovationCandidates,
  findInnovationsByInstitutionName,
  findInstitutions,
  readSeriesAndEditions,
  type InnovationCandidateRow,
} from "./catalogue-reader";
import type { ImportPart } from "./import-files";
import { decideMatch, nameForms, type MatchCandidate, type MatchDecision } from "./match";

/** Where a row is: the file (as the import names it) and the row in it. */
export interface RowRef {
  label: string;
  row: number;
}

/** A competition series an import refers to: held (id), or new from a competitions row. */
export interface PlannedSeries {
  id: number | null;
  name: string;
  level: CompetitionLevel;
  organizer: string | null;
  /** For a new series: the row that registers it. */
  origin: RowRef | null;
}

/** The facts a competitions row states about its edition. */
export interface EditionFacts extends RowRef {
  name: string;
  editionNumber: number | null;
  theme: string | null;
  stagesText: string | null;
  legalBasis: string | null;
  entryCount: number | null;
  sourceUrl: string;
}

/** An edition an import refers to. */
export interface PlannedEdition {
  key: string;
  series: PlannedSeries;
  year: number;
  id: number | null;
  /** Its name: the held one, or the competition name its first row gives. */
  name: string;
  tiers: EditionTierHint[];
  /** What a competitions row of this import states about it, if one does. */
  facts: EditionFacts | null;
  /** For an edition only award rows name: the award rows' source URLs (its sources, as in the seed). */
  derivedSources: { url: string; ref: RowRef }[];
}

/** An institution an import refers to: held (id) or to create. */
export interface PlannedInstitution {
  identity: string;
  id: number | null;
  name: string;
  key: string;
  kind: InstitutionKind;
  regionCode: string | null;
  /** The parent: a held institution's id, or the identity of one to create. */
  parentId: number | null;
  parentIdentity: string | null;
  origin: RowRef;
}

/** One innovations row, as the writer needs it. */
export interface InnovationFacts extends RowRef {
  name: string;
  institutionIdentity: string;
  serviceUnit: string | null;
  summary: string | null;
  sector: Sector;
  launchYear: number | null;
  sourceUrl: string;
}

/** An innovation the import's innovations rows describe: merged into a held one, or new. */
export interface PlannedInnovation {
  identity: string;
  /** The held innovation it merges into (a certain match); null when it is new. */
  id: number | null;
  regionCode: string | null;
  rows: InnovationFacts[];
  /** For a new innovation that resembles a held one: what to list for review. */
  review: { candidate: MatchCandidate; reason: string } | null;
}

/** How an awards or replications row names an innovation: one of this import's, or a held one. */
export type InnovationRef = { planned: PlannedInnovation } | { heldId: number };

/** Something left for a person to decide (README, "Importing data": review). */
export interface ReviewItem extends RowRef {
  kind: "uncertain_match" | "conflict";
  subjectType: "innovation" | "award_result" | "competition_edition" | "replication";
  /** The held record. */
  subjectId: number;
  subjectName: string;
  /** For an uncertain match: the identity of the planned innovation created instead of merging. */
  incomingIdentity: string | null;
  incoming: Record<string, unknown>;
  held: Record<string, unknown>;
  similarity: number | null;
  message: string;
}

/** What the publisher of an import may write (see src/publishing/scope.ts); absent for an operator. */
export interface ImportScopeGuard {
  /** Checks the targets in one go; returns, per target, why it is out of scope, or null. */
  check(manager: EntityManager, targets: readonly ImportScopeTarget[]): Promise<(string | null)[]>;
}

/** A record an import row writes, as far as scope is concerned. */
export type ImportScopeTarget =
  | { kind: "newInnovation"; regionCode: string | null }
  | { kind: "innovation"; id: number; label: string }
  | { kind: "competition"; competitionId: number | null; label: string }
  | { kind: "replication"; adopterRegionCode: string | null; origin: { id: number } | { regionCode: string | null }; label: string };

/** Who an import is made by. */
export interface ImportActor {
  /** The publisher's name; null for an operator's import from the command line. */
  publisher: string | null;
  /** How claims and precedence name the asserter: "publisher:<name>" or "operator". */
  asserter: string;
  scope: ImportScopeGuard | null;
}

/** The asserter of claims for a publisher (or the operator, for null). */
export function asserterOf(publisher: string | null): string {
  return publisher === null ? "operator" : `publisher:${publisher}`;
}

/** The parts of an import, grouped by kind in the order they must be planned and written. */
export interface ImportParts {
  competitions: ImportPart<"competitions">[];
  innovations: ImportPart<"innovations">[];
  awards: ImportPart<"awards">[];
  replications: ImportPart<"replications">[];
}

/** Groups parts by kind (files may be given in any order). */
export function groupParts(parts: readonly ImportPart[]): ImportParts {
  const out: ImportParts = { competitions: [], innovations: [], awards: [], replications: [] };
  for (const part of parts) (out[part.kind] as ImportPart[]).push(part);
  return out;
}

/** Reports progress: rows read so far out of an estimate, per phase. */
export type ProgressSink = (phase: "validate" | "write", rowsDone: number) => void;

/** A short digest of a row's identifying fields: what duplicate detection keeps per row (96 bits). */
export function rowDigest(fields: readonly (string | number | null)[]): string {
  return createHash("sha1").update(fields.join("\u0000")).digest("base64").slice(0, 16);
}

/**
 * The rows of an import seen so far, by a digest of their identifying fields, for finding repeated rows
 * across all files. Keeps a digest and a number per row (tens of bytes), not the rows.
 */
export class SeenRows {
  private readonly rows = new Map<string, number>();
  private readonly labels: string[] = [];

  /** Records `ref` under `fields`; returns the row first recorded under the same fields, if any. */
  repeatOf(fields: readonly (string | number | null)[], ref: RowRef): RowRef | null {
    const digest = rowDigest(fields);
    const earlier = this.rows.get(digest);
    if (earlier !== undefined) return { label: this.labels[Math.floor(earlier / 2 ** 32)], row: earlier % 2 ** 32 };
    let label = this.labels.lastIndexOf(ref.label);
    if (label === -1) label = this.labels.push(ref.label) - 1;
    this.rows.set(digest, label * 2 ** 32 + ref.row);
    return null;
  }
}

const editionKeyOf = (series: PlannedSeries, year: number) => `${series.id ?? `new:${foldKey(series.name)}`}|${year}`;
const institutionIdentityOf = (key: string, regionCode: string | null) => `${key}|${regionCode ?? ""}`;
const pairKey = (innovation: string, institution: string) => `${innovation}\u0000${institution}`;
const loosePairKey = (innovation: string, institution: string) => `${nameKey(innovation)}\u0000${nameKey(institution)}`;

/**
 * The import plan: built by {@link ImportPlanner.plan} (pass 1), read by the writer (pass 2). Its
 * `resolveAward` and `resolveReplication` resolve a row from the maps built in pass 1, so that pass 2
 * gives every row the meaning pass 1 validated.
 */
export class ImportPlanner {
  readonly problems: SeedProblem[] = [];
  readonly notes: SeedProblem[] = [];
  readonly reviews: ReviewItem[] = [];

  readonly seriesByName = new Map<string, PlannedSeries>();
  readonly newSeries: PlannedSeries[] = [];
  readonly editions = new Map<string, PlannedEdition>();
  readonly institutions = new Map<string, PlannedInstitution>();
  readonly innovations = new Map<string, PlannedInnovation>();
  /** Held innovations named by awards or replications rows (not by innovations rows), by loose pair key. */
  private readonly heldByPair = new Map<string, number>();
  private readonly seriesByPrintedName = new Map<string, PlannedSeries | null>();
  private readonly pairs = new Map<string, PlannedInnovation>();
  private readonly loosePairs = new Map<string, PlannedInnovation>();
  private readonly governmentsFetched = new Set<string>();
  /** Institutions already looked up in the catalogue (held ones have an id; the others are new). */
  private readonly lookedUp = new Set<string>();
  /** The institution of each held innovation pass 1 has seen (to refuse an institution replicating its own innovation). */
  private readonly heldInnovationInstitution = new Map<number, number>();
  private readonly heldEditions = new Map<string, { id: number; name: string; tiers: EditionTierHint[] }>();
  private rowsRead = 0;
  private readonly fileRows = new Map<string, number>();
  /** Rows read in pass 1, per kind. */
  readonly kindRows: Record<CatalogueCsvKind, number> = { competitions: 0, innovations: 0, awards: 0, replications: 0 };

  /**
   * @param regions the region resolver (provinces and regencies/cities)
   * @param actor who the import is made by
   * @param institutionAliases known spellings of institutions (see institutionAliasMap: the seeds' institutions.json)
   * @param progress told the rows read so far
   */
  constructor(
    private readonly regions: RegionResolver,
    readonly actor: ImportActor,
    private readonly institutionAliases: ReadonlyMap<string, string> = new Map(),
    private readonly progress: ProgressSink = () => {},
  ) {}

  private problem(ref: RowRef, field: string, message: string): void {
    this.problems.push({ file: ref.label, row: ref.row, field, message });
  }

  private note(ref: RowRef, field: string, message: string): void {
    this.notes.push({ file: ref.label, row: ref.row, field, message });
  }

  /** The series a competition name (as a row prints it) names, if any; memoised, rows repeat names. */
  private seriesOf(name: string): PlannedSeries | undefined {
    let found = this.seriesByPrintedName.get(name);
    if (found === undefined) {
      found = this.seriesByName.get(foldKey(name)) ?? null;
      if (found) this.seriesByPrintedName.set(name, found);
    }
    return found ?? undefined;
  }

  /** Pass 1 over every part. Afterwards `problems` lists everything that forbids writing. */
  async plan(manager: EntityManager, parts: ImportParts): Promise<void> {
    const held = await readSeriesAndEditions(manager);
    for (const s of held.series) {
      const planned: PlannedSeries = { id: s.id, name: s.name, level: s.level, organizer: null, origin: null };
      for (const name of s.names) if (!this.seriesByName.has(foldKey(name))) this.seriesByName.set(foldKey(name), planned);
    }
    for (const e of held.editions) this.heldEditions.set(`${e.competitionId}|${e.year}`, { id: e.id, name: e.name, tiers: e.tiers });

    for (const part of parts.competitions) await this.eachChunk(part, (rows) => this.planCompetitions(manager, part, rows));
    const seenInnovations = new SeenRows();
    for (const part of parts.innovations) await this.eachChunk(part, (rows) => this.planInnovations(manager, part, rows, seenInnovations));
    const seenAwards = new SeenRows();
    for (const part of parts.awards) await this.eachChunk(part, (rows) => this.planAwards(manager, part, rows, seenAwards));
    const seenReplications = new SeenRows();
    for (const part of parts.replications) await this.eachChunk(part, (rows) => this.planReplications(manager, part, rows, seenReplications));
  }

  private async eachChunk<K extends CatalogueCsvKind>(part: ImportPart<K>, plan: (rows: CatalogueCsvRowMap[K][]) => Promise<void>): Promise<void> {
    for await (const rows of part.chunks(this.problems)) {
      await plan(rows);
      this.rowsRead += rows.length;
      this.fileRows.set(part.file.name, (this.fileRows.get(part.file.name) ?? 0) + rows.length);
      this.kindRows[part.kind] += rows.length;
      this.progress("validate", this.rowsRead);
    }
  }

  /** Rows read in pass 1 (those without problems). */
  get rowCount(): number {
    return this.rowsRead;
  }

  /** Rows read per file, by the file's name. */
  rowsByFile(): Record<string, number> {
    return Object.fromEntries(this.fileRows);
  }

  // ---- competitions ---------------------------------------------------------------------------

  private async planCompetitions(manager: EntityManager, part: ImportPart<"competitions">, rows: CompetitionCsvRow[]): Promise<void> {
    const scopeTargets: { ref: RowRef; target: ImportScopeTarget }[] = [];
    for (const row of rows) {
      const ref = { label: part.label, row: row.row };
      let series = this.seriesByName.get(foldKey(row.competition)) ?? null;
      if (!series) {
        series = { id: null, name: row.competition, level: row.level, organizer: row.organizer, origin: ref };
        if (!row.organizer) this.problem(ref, "organizer", `is empty; a new competition series ("${row.competition}") needs its organiser`);
        this.seriesByName.set(foldKey(row.competition), series);
        this.newSeries.push(series);
        this.note(ref, "competition", `"${row.competition}" is a new competition series; it is registered with this row`);
      } else if (series.level !== row.level) {
        this.problem(ref, "level", `"${row.level}" differs from the level of "${series.name}" (${series.level})`);
        continue;
      }
      const edition = this.editionOf(series, row.year, row.competition);
      if (edition.facts) {
        this.problem(ref, "year", `repeats row ${edition.facts.row} of ${edition.facts.label} (the same competition and year); give each edition once`);
        continue;
      }
      edition.facts = {
        ...ref,
        name: row.competition,
        editionNumber: row.editionNumber,
        theme: row.theme,
        stagesText: row.stages,
        legalBasis: row.legalBasis,
        entryCount: row.numberOfEntries,
        sourceUrl: row.sourceUrl,
      };
      scopeTargets.push({ ref, target: { kind: "competition", competitionId: series.id, label: `the competition "${series.name}"` } });
    }
    await this.checkScope(manager, scopeTargets, "competition");
  }

  /** The edition of `series` in `year`: held, already planned, or new (named `name`). */
  private editionOf(series: PlannedSeries, year: number, name: string): PlannedEdition {
    const key = editionKeyOf(series, year);
    let edition = this.editions.get(key);
    if (!edition) {
      const held = series.id === null ? undefined : this.heldEditions.get(`${series.id}|${year}`);
      edition = { key, series, year, id: held?.id ?? null, name: held?.name ?? name, tiers: held?.tiers ?? [], facts: null, derivedSources: [] };
      this.editions.set(key, edition);
    }
    return edition;
  }

  // ---- institutions -----------------------------------------------------------------------------

  /**
   * The institution a row names, planned (held or to create), with its parent. Creating one needs a
   * region that resolves to a Kemendagri code, except for national bodies. Returns null, with a
   * problem recorded, when the row's place does not resolve.
   */
  private planInstitution(
    ref: RowRef,
    /** The row's columns for the province and the regency or city, for problems. */
    fields: { province: string; regency: string },
    name: string,
    level: InstitutionLevel,
    province: string | null,
    regencyOrCity: string | null,
  ): { institution: PlannedInstitution; region: RegionRecord | null } | null {
    const place = this.regions.place(province, regencyOrCity);
    if (!place.ok) {
      this.problem(ref, place.field === "province" ? fields.province : fields.regency, `${place.message}: not a Kemendagri region, so nothing is created for it`);
      return null;
    }
    const kind = institutionKind(name, level);
    if (place.region === null && !["ministry", "agency", "bumn", "other"].includes(kind)) {
      this.problem(ref, fields.province, `is empty; a ${level}-level institution needs its province (and regency or city) to resolve to a Kemendagri code`);
      return null;
    }
    const placement = institutionPlacement(name, kind, level, place);
    const institution = this.ensureInstitution(name, kind, placement.regionCode, ref);
    if (institution.id === null && institution.parentIdentity === null) {
      if (placement.parentMinistry && nameKey(placement.parentMinistry) !== institution.key) {
        institution.parentIdentity = this.ensureInstitution(placement.parentMinistry, "ministry", null, ref).identity;
      } else if (placement.parentRegion) {
        institution.parentIdentity = `government|${placement.parentRegion.code}`;
      }
    }
    return { institution, region: place.region };
  }

  /** The identity of an institution spelled `spelling` in a region: its (canonical) name key and the region. */
  private identityOf(spelling: string, regionCode: string | null): string {
    return institutionIdentityOf(nameKey(this.institutionAliases.get(institutionAliasKey(spelling, regionCode)) ?? spelling), regionCode);
  }

  private ensureInstitution(spelling: string, kind: InstitutionKind, regionCode: string | null, ref: RowRef): PlannedInstitution {
    const name = this.institutionAliases.get(institutionAliasKey(spelling, regionCode)) ?? spelling;
    const key = nameKey(name);
    const identity = institutionIdentityOf(key, regionCode);
    let planned = this.institutions.get(identity);
    if (!planned) {
      planned = { identity, id: null, name, key, kind, regionCode, parentId: null, parentIdentity: null, origin: ref };
      this.institutions.set(identity, planned);
    }
    return planned;
  }

  /**
   * Looks up every planned institution not looked up yet (one statement), then the pemda of every
   * region a new one needs as its parent (one statement; planned, and looked up in turn, when missing).
   */
  private async resolveInstitutions(manager: EntityManager): Promise<void> {
    for (;;) {
      const fresh = [...new Set(this.institutions.values())].filter((i) => i.id === null && !this.lookedUp.has(i.identity));
      if (fresh.length === 0) return;
      const held = await findInstitutions(manager, fresh.map((i) => ({ key: i.key, regionCode: i.regionCode })));
      fresh.forEach((planned, n) => {
        this.lookedUp.add(planned.identity);
        const found = held[n];
        if (found) {
          planned.id = found.id;
          planned.name = found.name;
          planned.kind = found.kind;
          planned.parentId = found.parentId;
          planned.parentIdentity = null;
        }
      });
      await this.resolveGovernments(manager, fresh);
    }
  }

  private async resolveGovernments(manager: EntityManager, fresh: PlannedInstitution[]): Promise<void> {
    const codes = new Set(fresh.filter((i) => i.id === null && i.parentIdentity?.startsWith("government|")).map((i) => i.parentIdentity!.slice("government|".length)));
    const regions = [...codes].filter((code) => !this.governmentsFetched.has(code)).map((code) => this.regions.byKemendagriCode(code)!);
    const governments = await findGovernments(manager, regions.map((r) => ({ code: r.code, canonicalKey: nameKey(governmentNameOf(r)) })));
    for (const region of regions) {
      this.governmentsFetched.add(region.code);
      const found = governments.get(region.code);
      const identity = `government|${region.code}`;
      if (found) {
        const key = nameKey(found.name);
        const planned = this.institutions.get(institutionIdentityOf(key, region.code)) ?? {
          identity: institutionIdentityOf(key, region.code),
          id: found.id,
          name: found.name,
          key,
          kind: found.kind,
          regionCode: region.code,
          parentId: found.parentId,
          parentIdentity: null,
          origin: { label: "", row: 0 },
        };
        this.lookedUp.add(planned.identity);
        this.institutions.set(planned.identity, planned);
        this.institutions.set(identity, planned);
      } else {
        // The pemda may be one of this import's institutions; otherwise it is created under its canonical name.
        const name = governmentNameOf(region);
        const origin = fresh.find((i) => i.parentIdentity === identity)!.origin;
        const own = this.institutions.get(institutionIdentityOf(nameKey(name), region.code));
        this.institutions.set(identity, own ?? this.ensureInstitution(name, governmentKindOf(region), region.code, origin));
        if (!own) this.note(origin, "institution", `creates the parent "${name}" (the catalogue holds no government of ${region.name})`);
      }
    }
  }

  /** The planned institution behind an identity, following the "government|code" aliases. */
  institution(identity: string): PlannedInstitution {
    const planned = this.institutions.get(identity);
    if (!planned) throw new Error(`import plan: no institution ${identity}`);
    return planned;
  }

  // ---- innovations ------------------------------------------------------------------------------

  private async planInnovations(manager: EntityManager, part: ImportPart<"innovations">, rows: InnovationCsvRow[], seen: SeenRows): Promise<void> {
    const resolved: { row: InnovationCsvRow; ref: RowRef; institution: PlannedInstitution; region: RegionRecord | null; serviceUnit: string | null }[] = [];
    for (const row of rows) {
      const ref = { label: part.label, row: row.row };
      const earlier = seen.repeatOf([row.innovationName, row.institution, row.regencyOrCity, row.province], ref);
      if (earlier) {
        this.problem(ref, "innovation_name", `repeats row ${earlier.row} of ${earlier.label} (the same innovation, institution and region); give each innovation once`);
        continue;
      }
      const { institution: institutionName, serviceUnit } = splitServiceUnit(row.institution);
      const placed = this.planInstitution(
        ref,
        { province: "province", regency: "regency_or_city" },
        institutionName,
        row.institutionLevel,
        row.province,
        row.regencyOrCity,
      );
      if (!placed) continue;
      resolved.push({ row, ref, institution: placed.institution, region: placed.region, serviceUnit });
    }
    await this.resolveInstitutions(manager);

    const fresh: PlannedInnovation[] = [];
    for (const { row, ref, institution, region, serviceUnit } of resolved) {
      const regionCode = region?.code ?? null;
      const identity = `${nameKey(row.innovationName)}|${regionCode ?? `institution:${institution.identity}`}`;
      let planned = this.innovations.get(identity);
      if (!planned) {
        planned = { identity, id: null, regionCode, rows: [], review: null };
        this.innovations.set(identity, planned);
        fresh.push(planned);
      } else {
        const first = planned.rows[0];
        this.note(ref, "innovation_name", `"${row.innovationName}" is the same innovation as row ${first.row} of ${first.label} ("${first.name}"): same name and region; merged`);
      }
      planned.rows.push({
        ...ref,
        name: row.innovationName,
        institutionIdentity: institution.identity,
        serviceUnit,
        summary: row.summary,
        sector: row.sector,
        launchYear: row.launchYear,
        sourceUrl: row.sourceUrl,
      });
      this.pairs.set(pairKey(row.innovationName, row.institution), planned);
      this.loosePairs.set(loosePairKey(row.innovationName, row.institution), planned);
    }
    await this.matchInnovations(manager, fresh);

    const targets = fresh.map((p) => ({
      ref: p.rows[0] as RowRef,
      target: (p.id === null ? { kind: "newInnovation", regionCode: p.regionCode } : { kind: "innovation", id: p.id, label: `the innovation "${p.rows[0].name}"` }) as ImportScopeTarget,
    }));
    await this.checkScope(manager, targets, "innovation_name");
  }

  /** Entity resolution for innovations new to this import: one statement for the whole chunk. */
  private async matchInnovations(manager: EntityManager, fresh: PlannedInnovation[]): Promise<void> {
    const candidates = await findInnovationCandidates(
      manager,
      fresh.map((p) => ({ key: nameKey(p.rows[0].name), forms: nameForms(p.rows[0].name), regionCode: p.regionCode })),
    );
    fresh.forEach((planned, n) => {
      const first = planned.rows[0];
      const institution = this.institution(first.institutionIdentity);
      for (const c of candidates[n]) this.heldInnovationInstitution.set(c.id, c.institutionId);
      const decision = decideMatch(nameForms(first.name), candidates[n].map((c) => this.relate(c, institution)));
      this.apply(planned, decision);
    });
  }

  /** A candidate with `institutionRelated` worked out against the incoming row's institution. */
  private relate(candidate: InnovationCandidateRow, institution: PlannedInstitution): MatchCandidate {
    const incomingId = institution.id;
    const incomingParentId = institution.id !== null ? institution.parentId : institution.parentIdentity ? (this.institutions.get(institution.parentIdentity)?.id ?? null) : null;
    const related =
      (incomingId !== null && (incomingId === candidate.institutionId || incomingId === candidate.institutionParentId)) ||
      (incomingParentId !== null && incomingParentId === candidate.institutionId) ||
      // A ministry's innovation is placed by the innovation's region; its units are related by name.
      (incomingId === null && institution.kind === "ministry" && candidate.regionCode === null);
    return { id: candidate.id, name: candidate.name, forms: candidate.forms, similarity: candidate.similarity, institutionRelated: related };
  }

  private apply(planned: PlannedInnovation, decision: MatchDecision): void {
    const first = planned.rows[0];
    if (decision.kind === "certain") {
      planned.id = decision.candidate.id;
      if (decision.how === "typo" || first.name !== decision.candidate.name) {
        this.note(first, "innovation_name", `"${first.name}" is the catalogue's "${decision.candidate.name}" (#${decision.candidate.id}) ${decision.how === "typo" ? "up to a small typo" : "by its normalised name"}; merged`);
      }
    } else if (decision.kind === "uncertain") {
      planned.review = { candidate: decision.candidate, reason: decision.reason };
      this.reviews.push({
        kind: "uncertain_match",
        label: first.label,
        row: first.row,
        subjectType: "innovation",
        subjectId: decision.candidate.id,
        subjectName: decision.candidate.name,
        incomingIdentity: planned.identity,
        incoming: { name: first.name, institution: this.institution(first.institutionIdentity).name, region: planned.regionCode },
        held: { name: decision.candidate.name, id: decision.candidate.id },
        similarity: decision.candidate.similarity,
        message: `"${first.name}" may be the catalogue's "${decision.candidate.name}" (#${decision.candidate.id}): ${decision.reason}. Imported as a new innovation, not merged; merge them by hand if they are one.`,
      });
    }
  }

  // ---- awards and replications --------------------------------------------------------------------

  /**
   * Resolves, in one statement, the innovations named by (name, institution) pairs that this import's
   * innovations rows do not describe, against the catalogue. A pair that matches no held innovation
   * for certain is a problem of each row that names it.
   */
  private async resolveHeldPairs(manager: EntityManager, pairs: { name: string; institution: string }[]): Promise<Map<string, string>> {
    const failures = new Map<string, string>();
    const todo = [...new Map(pairs.filter((p) => !this.innovationFor(p.name, p.institution)).map((p) => [loosePairKey(p.name, p.institution), p])).values()].filter(
      (p) => !this.heldByPair.has(loosePairKey(p.name, p.institution)),
    );
    const candidates = await findInnovationsByInstitutionName(manager, todo);
    todo.forEach((pair, n) => {
      for (const c of candidates[n]) this.heldInnovationInstitution.set(c.id, c.institutionId);
      const decision = decideMatch(
        nameForms(pair.name),
        candidates[n].map((c) => ({ id: c.id, name: c.name, forms: c.forms, similarity: c.similarity, institutionRelated: true })),
      );
      const key = loosePairKey(pair.name, pair.institution);
      if (decision.kind === "certain") this.heldByPair.set(key, decision.candidate.id);
      else if (decision.kind === "uncertain") {
        failures.set(key, `"${pair.name}" of "${pair.institution}" is not certainly the catalogue's "${decision.candidate.name}" (#${decision.candidate.id}): ${decision.reason}; use the catalogue's name, or add an innovations row for it`);
      } else {
        failures.set(key, `no innovation "${pair.name}" of "${pair.institution}" in this import's innovations rows or in the catalogue; add an innovations row for it`);
      }
    });
    return failures;
  }

  /** The innovation a pair names, from this import's innovations rows or from the catalogue. */
  innovationFor(name: string, institution: string): InnovationRef | null {
    const planned = this.pairs.get(pairKey(name, institution)) ?? this.loosePairs.get(loosePairKey(name, institution));
    if (planned) return { planned };
    const heldId = this.heldByPair.get(loosePairKey(name, institution));
    return heldId !== undefined ? { heldId } : null;
  }

  /**
   * The series, edition and innovation of an awards row, from the maps pass 1 built. Null when the
   * row does not resolve (pass 1 then recorded why).
   */
  resolveAward(row: AwardCsvRow): { edition: PlannedEdition; innovation: InnovationRef } | null {
    const series = this.seriesOf(row.competition);
    const innovation = this.innovationFor(row.innovationName, row.institution);
    if (!series || !innovation || series.level !== row.level) return null;
    const edition = this.editions.get(editionKeyOf(series, row.year));
    return edition ? { edition, innovation } : null;
  }

  private async planAwards(manager: EntityManager, part: ImportPart<"awards">, rows: AwardCsvRow[], seen: SeenRows): Promise<void> {
    const failures = await this.resolveHeldPairs(manager, rows.map((r) => ({ name: r.innovationName, institution: r.institution })));
    const targets: { ref: RowRef; target: ImportScopeTarget }[] = [];
    for (const row of rows) {
      const ref = { label: part.label, row: row.row };
      const earlier = seen.repeatOf([row.innovationName, row.institution, row.competition, row.year, row.result], ref);
      if (earlier) {
        this.problem(ref, "result", `repeats row ${earlier.row} of ${earlier.label} (the same innovation, competition, year and result); give each result once`);
        continue;
      }
      const series = this.seriesOf(row.competition);
      if (!series) {
        this.problem(ref, "competition", `"${row.competition}" is not a competition the catalogue knows (by name, short name or alias); use its catalogue name, or register it with a competitions row in this import`);
      } else if (series.level !== row.level) {
        this.problem(ref, "level", `"${row.level}" differs from the level of "${series.name}" (${series.level})`);
      }
      const failure = failures.size > 0 ? failures.get(loosePairKey(row.innovationName, row.institution)) : undefined;
      if (failure) this.problem(ref, "innovation_name", failure);
      if (!series || failure || series.level !== row.level) continue;
      const edition = this.editionOf(series, row.year, row.competition);
      if (edition.id === null && !edition.facts) {
        if (edition.derivedSources.length === 0) this.note(ref, "year", `edition ${series.name} ${row.year} is new; created from award rows`);
        if (!edition.derivedSources.some((s) => s.url === row.sourceUrl)) edition.derivedSources.push({ url: row.sourceUrl, ref });
      }
      targets.push({ ref, target: { kind: "competition", competitionId: series.id, label: `the competition "${series.name}"` } });
    }
    await this.checkScope(manager, targets, "competition");
  }

  /**
   * The origin innovation, adopter institution and derived innovation of a replications row, from the
   * maps pass 1 built; null when the row does not resolve.
   */
  resolveReplication(row: ReplicationCsvRow): { origin: InnovationRef; adopter: PlannedInstitution; derived: InnovationRef | null } | null {
    const origin = this.innovationFor(row.originInnovation, row.originInstitution);
    const place = this.regions.place(row.adopterProvince, row.adopterRegencyOrCity);
    if (!origin || !place.ok) return null;
    const { institution } = splitServiceUnit(row.adopterInstitution);
    const kind = institutionKind(institution, row.adopterLevel);
    const placement = institutionPlacement(institution, kind, row.adopterLevel, place);
    const adopter = this.institutions.get(this.identityOf(institution, placement.regionCode));
    if (!adopter) return null;
    const derived = row.derivedInnovation ? this.innovationFor(row.derivedInnovation, row.adopterInstitution) : null;
    if (row.derivedInnovation && !derived) return null;
    return { origin, adopter, derived };
  }

  private async planReplications(manager: EntityManager, part: ImportPart<"replications">, rows: ReplicationCsvRow[], seen: SeenRows): Promise<void> {
    const failures = await this.resolveHeldPairs(manager, [
      ...rows.map((r) => ({ name: r.originInnovation, institution: r.originInstitution })),
      ...rows.filter((r) => r.derivedInnovation).map((r) => ({ name: r.derivedInnovation!, institution: r.adopterInstitution })),
    ]);
    const placed: { row: ReplicationCsvRow; ref: RowRef; adopter: PlannedInstitution; region: RegionRecord | null }[] = [];
    for (const row of rows) {
      const ref = { label: part.label, row: row.row };
      const originFailure = failures.get(loosePairKey(row.originInnovation, row.originInstitution));
      if (originFailure) this.problem(ref, "origin_innovation", originFailure);
      const derivedFailure = row.derivedInnovation ? failures.get(loosePairKey(row.derivedInnovation, row.adopterInstitution)) : undefined;
      if (derivedFailure) this.problem(ref, "derived_innovation", derivedFailure);
      const { institution: adopterName } = splitServiceUnit(row.adopterInstitution);
      const adopter = this.planInstitution(
        ref,
        { province: "adopter_province", regency: "adopter_regency_or_city" },
        adopterName,
        row.adopterLevel,
        row.adopterProvince,
        row.adopterRegencyOrCity,
      );
      if (originFailure || derivedFailure || !adopter) continue;
      placed.push({ row, ref, adopter: adopter.institution, region: adopter.region });
    }
    await this.resolveInstitutions(manager);

    const targets: { ref: RowRef; target: ImportScopeTarget }[] = [];
    for (const { row, ref, adopter, region } of placed) {
      const origin = this.innovationFor(row.originInnovation, row.originInstitution)!;
      const originKey = "heldId" in origin ? `held:${origin.heldId}` : `planned:${origin.planned.identity}`;
      const earlier = seen.repeatOf([originKey, adopter.identity], ref);
      if (earlier) {
        this.problem(ref, "adopter_institution", `repeats row ${earlier.row} of ${earlier.label} (the same origin innovation and adopter); give each replication once`);
        continue;
      }
      const originInnovationId = "heldId" in origin ? origin.heldId : origin.planned.id;
      const selfAdoption =
        (originInnovationId !== null && adopter.id !== null && this.institutionOfHeldInnovationIs(originInnovationId, adopter.id)) ||
        ("planned" in origin && origin.planned.rows.some((r) => this.institution(r.institutionIdentity) === adopter));
      if (selfAdoption) {
        this.problem(ref, "adopter_institution", "is the institution that runs the origin innovation; a replication is another institution adopting it");
        continue;
      }
      targets.push({
        ref,
        target: {
          kind: "replication",
          adopterRegionCode: region?.code ?? null,
          origin: originInnovationId !== null ? { id: originInnovationId } : { regionCode: "planned" in origin ? origin.planned.regionCode : null },
          label: `the innovation "${row.originInnovation}"`,
        },
      });
    }
    await this.checkScope(manager, targets, "origin_innovation");
  }

  private institutionOfHeldInnovationIs(innovationId: number, institutionId: number): boolean {
    return this.heldInnovationInstitution.get(innovationId) === institutionId;
  }

  // ---- scope ------------------------------------------------------------------------------------

  private async checkScope(manager: EntityManager, targets: { ref: RowRef; target: ImportScopeTarget }[], field: string): Promise<void> {
    if (!this.actor.scope || targets.length === 0) return;
    const reasons = await this.actor.scope.check(manager, targets.map((t) => t.target));
    targets.forEach((t, n) => {
      const reason = reasons[n];
      if (reason) this.problem(t.ref, field, `outside the scope of publisher "${this.actor.publisher}": ${reason}`);
    });
  }
}
