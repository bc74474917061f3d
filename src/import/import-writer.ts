/**
 * The second pass of an import: writes what pass 1 planned, inside the caller's transaction. Series,
 * editions, institutions and innovations are written from the plan; award and replication rows are
 * read again in chunks and written a chunk at a time, with batched multi-row statements (a handful per
 * chunk, whatever its size). Held records take incoming facts by the rule of facts.ts; every row's
 * source is linked, and its claim (who said what) recorded.
 */
import { createHash } from "node:crypto";
import type { EntityManager } from "typeorm";
import { classifyAwardLabel } from "../domain/award-tier";
import { fullestSpelling, nameKey, otherSpellings, splitAcronym } from "../domain/normalise";
import type { RegionRecord, RegionResolver } from "../domain/region-resolver";
import { MAX_SLUG_LENGTH, SlugAllocator, slugify } from "../domain/slug";
import type { AwardCsvRow, ReplicationCsvRow, SeedProblem } from "../seed/catalogue-csv";
import { groupOrCategory, publisherFromUrl } from "../seed/catalogue-plan";
import { parseStages } from "../seed/catalogue-csv";
import { q, TABLE_SPECS, upsertRows, type ColumnSpec, type Row, type TableSpec } from "../seed/catalogue-writer";
import { existingSlugs } from "./catalogue-reader";
import { factText, mergeFacts, ownerOf, type ClaimView, type FactField } from "./facts";
import { IMPORT_CHUNK_ROWS, type ImportPart } from "./import-files";
import { SeenRows } from "./import-plan";
import type {
  ImportParts,
  ImportPlanner,
  InnovationRef,
  PlannedEdition,
  PlannedInnovation,
  PlannedInstitution,
  ProgressSink,
  ReviewItem,
  RowRef,
} from "./import-plan";

/** Tables an import writes, as its report counts changes. */
export const IMPORT_TABLES = [
  "region",
  "source",
  "competition",
  "competition_edition",
  "institution",
  "innovation",
  "award_result",
  "replication",
  "source_link",
  "source_claim",
] as const;
/** One of IMPORT_TABLES. */
export type ImportTable = (typeof IMPORT_TABLES)[number];

/** A record the import wrote or merged into, for the audit trail. */
export interface TouchedRecord {
  subjectType: "innovation" | "award_result" | "competition_edition" | "replication";
  subjectId: number;
  /** created; updated (some fact changed); confirmed (stated again, nothing changed). */
  action: "created" | "updated" | "confirmed";
  /** The file and row that said it. */
  file: string;
  row: number;
  sourceUrl: string;
  changes: Record<string, { from: unknown; to: unknown }>;
}

/** What pass 2 did. */
export interface ImportWriteResult {
  changes: Record<ImportTable, number>;
  conflicts: ReviewItem[];
  notes: SeedProblem[];
}

const c = (name: string, type: ColumnSpec["type"]): ColumnSpec => ({ name, type });

/** The seed writer's table specs: imports write new rows the same way (insert-only: held rows are merged by facts.ts). */
const SPEC = {
  region: TABLE_SPECS.region,
  source: TABLE_SPECS.source,
  competition: TABLE_SPECS.competition,
  edition: TABLE_SPECS.competition_edition,
  institution: TABLE_SPECS.institution,
  innovation: TABLE_SPECS.innovation,
  link: TABLE_SPECS.source_link,
};

/** Facts by API field name → column. */
const factFields = (fields: Record<string, string>): FactField[] => Object.entries(fields).map(([field, column]) => ({ field, column }));

/** The facts of each kind of record that imports state, by API field and column (see facts.ts). */
const INNOVATION_FACTS = factFields({ summary: "summary", sector: "sector", launchYear: "launch_year", serviceUnit: "service_unit" });
const EDITION_FACTS = factFields({ editionNumber: "edition_number", theme: "theme", stages: "stages_text", legalBasis: "legal_basis", entryCount: "entry_count" });
const AWARD_FACTS = factFields({ group: "group_name", category: "category" });
const REPLICATION_FACTS = factFields({
  status: "status",
  interestOn: "interest_on",
  agreedOn: "agreed_on",
  implementedOn: "implemented_on",
  adaptations: "adaptations",
  derivedInnovationId: "derived_innovation_id",
});

type SubjectType = "innovation" | "award_result" | "competition_edition" | "replication";

/** A claim to record: one row of a file citing one source for one record. */
interface ClaimInput extends RowRef {
  subjectType: SubjectType;
  subjectId: number;
  url: string;
  statements: Record<string, string | null>;
}

/** A held record with what decides precedence: the seed snapshot and the claims made about it. */
interface HeldRecord {
  id: number;
  values: Record<string, unknown>;
  snapshot: Record<string, unknown> | null;
  claims: ClaimView[];
}

function statementsOf(values: Record<string, unknown>): Record<string, string | null> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, factText(v)]));
}

/**
 * Pass 2. Writes through `manager`, which must be inside the import's transaction (holding the
 * catalogue write lock). `runId` is the import_run row the claims and reviews belong to.
 */
export class ImportWriter {
  private readonly changes = Object.fromEntries(IMPORT_TABLES.map((t) => [t, 0])) as Record<ImportTable, number>;
  private readonly conflicts: ReviewItem[] = [];
  private readonly notes: SeedProblem[] = [];
  private touched: TouchedRecord[] = [];
  private readonly institutionIds = new Map<string, number>();
  private readonly innovationIds = new Map<PlannedInnovation, number>();
  private readonly sourceIds = new Map<string, number>();
  private rowsWritten = 0;

  constructor(
    private readonly manager: EntityManager,
    private readonly plan: ImportPlanner,
    private readonly regions: RegionResolver,
    private readonly runId: number,
    private readonly progress: ProgressSink = () => {},
    /** Called with the records each step touched (for the audit trail), inside the transaction. */
    private readonly onTouched: ((records: TouchedRecord[]) => Promise<void>) | null = null,
  ) {}

  private get asserter(): string {
    return this.plan.actor.asserter;
  }

  private assertedBy(ref: RowRef): string {
    const who = this.plan.actor.publisher ?? "operator";
    return `${who}: ${ref.label}:row ${ref.row}`;
  }

  async write(parts: ImportParts): Promise<ImportWriteResult> {
    await this.writeRegions();
    await this.writeSeries();
    await this.writeEditions();
    await this.writeInstitutions();
    await this.writeInnovations();
    await this.flushTouched();
    this.rowsWritten = this.plan.kindRows.competitions + this.plan.kindRows.innovations;
    this.progress("write", this.rowsWritten);
    const seenAwards = new SeenRows();
    for (const part of parts.awards) await this.eachChunk<AwardCsvRow>(part, (rows) => this.writeAwards(part, rows, seenAwards));
    for (const part of parts.replications) await this.eachChunk<ReplicationCsvRow>(part, (rows) => this.writeReplications(part, rows));
    await this.writeReviews([...this.plan.reviews, ...this.conflicts]);
    return { changes: this.changes, conflicts: this.conflicts, notes: this.notes };
  }

  private async flushTouched(): Promise<void> {
    if (this.onTouched && this.touched.length > 0) await this.onTouched(this.touched);
    this.touched = [];
  }

  private async eachChunk<T>(part: ImportPart, write: (rows: T[]) => Promise<void>): Promise<void> {
    const problems: SeedProblem[] = [];
    for await (const rows of part.chunks(problems)) {
      await write(rows as T[]);
      await this.flushTouched();
      this.rowsWritten += rows.length;
      this.progress("write", this.rowsWritten);
    }
    // Pass 1 read the same bytes without a problem; a problem now means the file changed meanwhile.
    if (problems.length > 0) throw new Error(`${part.label} changed during the import (row ${problems[0].row}: ${problems[0].message}); nothing was written`);
  }

  private async upsert(table: ImportTable, spec: TableSpec, rows: Row[], mode: "update" | "insert-only" = "insert-only"): Promise<number[]> {
    const result = await upsertRows(this.manager, spec, rows, mode);
    this.changes[table] += result.changed;
    return result.ids;
  }

  // ---- regions, series, editions ------------------------------------------------------------------

  /** The regions the import's institutions and innovations are in, with their provinces (from idn-area-data). */
  private async writeRegions(): Promise<void> {
    const codes = new Set<string>();
    const add = (code: string | null) => {
      const region = code ? this.regions.byKemendagriCode(code) : null;
      if (!region) return;
      codes.add(region.code);
      if (region.parentCode) codes.add(region.parentCode);
    };
    for (const i of this.plan.institutions.values()) if (i.id === null) add(i.regionCode);
    for (const i of this.plan.innovations.values()) if (i.id === null) add(i.regionCode);
    const regions = [...codes].map((code) => this.regions.byKemendagriCode(code)!) as RegionRecord[];
    regions.sort((a, b) => a.code.length - b.code.length || a.code.localeCompare(b.code));
    await this.upsert("region", SPEC.region, regions.map((r) => ({ code: r.code, name: r.name, kind: r.kind, parent_code: r.parentCode })));
  }

  private async writeSeries(): Promise<void> {
    const series = this.plan.newSeries;
    if (series.length === 0) return;
    const slugs = await this.allocateSlugs("competition", series.map((s) => ({ base: slugify(s.name), qualifiers: [] })));
    const ids = await this.upsert(
      "competition",
      SPEC.competition,
      series.map((s, n) => ({
        slug: slugs[n],
        name: s.name,
        short_name: null,
        aliases: [],
        organizer: s.organizer,
        level: s.level,
        scope_region_code: null,
        description: null,
      })),
    );
    series.forEach((s, n) => (s.id = ids[n]));
  }

  private async writeEditions(): Promise<void> {
    const editions = [...this.plan.editions.values()];
    const fresh = editions.filter((e) => e.id === null);
    const ids = await this.upsert(
      "competition_edition",
      SPEC.edition,
      fresh.map((e) => ({
        competition_id: e.series.id,
        year: e.year,
        name: e.facts?.name ?? e.name,
        edition_number: e.facts?.editionNumber ?? null,
        theme: e.facts?.theme ?? null,
        legal_basis: e.facts?.legalBasis ?? null,
        stages_text: e.facts?.stagesText ?? null,
        stages: parseStages(e.facts?.stagesText ?? null),
        groups: [],
        categories: [],
        criteria: [],
        tiers: [],
        entry_count: e.facts?.entryCount ?? null,
      })),
    );
    fresh.forEach((e, n) => {
      e.id = ids[n];
      const origin = e.facts ? { ...e.facts, url: e.facts.sourceUrl } : e.derivedSources[0] ? { ...e.derivedSources[0].ref, url: e.derivedSources[0].url } : null;
      if (origin) this.touch("competition_edition", e.id, "created", origin, origin.url, {});
    });

    const stated = editions.filter((e) => e.facts !== null);
    const held = await this.readHeld("competition_edition", stated.filter((e) => !fresh.includes(e)).map((e) => e.id!), EDITION_FACTS.map((f) => f.column));
    const updates: Row[] = [];
    for (const edition of stated) {
      const facts = edition.facts!;
      const incoming = {
        edition_number: facts.editionNumber,
        theme: facts.theme,
        stages_text: facts.stagesText,
        legal_basis: facts.legalBasis,
        entry_count: facts.entryCount,
      };
      const record = held.get(edition.id!);
      if (record) {
        const set = this.merge("competition_edition", record, EDITION_FACTS, incoming, facts, `${edition.series.name} ${edition.year}`);
        if ("stages_text" in set) set.stages = parseStages(set.stages_text as string);
        if (Object.keys(set).length > 0) updates.push({ id: record.id, ...set });
        this.touch("competition_edition", record.id, Object.keys(set).length > 0 ? "updated" : "confirmed", facts, facts.sourceUrl, changesOf(record.values, set));
      }
    }
    await this.update("competition_edition", "competition_edition", [...EDITION_FACTS.map((f) => c(f.column, f.column === "edition_number" || f.column === "entry_count" ? "int" : "text")), c("stages", "jsonb")], updates);

    const claims: ClaimInput[] = stated.map((e) => ({
      label: e.facts!.label,
      row: e.facts!.row,
      subjectType: "competition_edition",
      subjectId: e.id!,
      url: e.facts!.sourceUrl,
      statements: statementsOf({
        name: e.facts!.name,
        year: e.year,
        editionNumber: e.facts!.editionNumber,
        theme: e.facts!.theme,
        stages: e.facts!.stagesText,
        legalBasis: e.facts!.legalBasis,
        entryCount: e.facts!.entryCount,
      }),
    }));
    const derived = editions.flatMap((e) => e.derivedSources.map((s) => ({ subjectType: "competition_edition" as const, subjectId: e.id!, url: s.url, ref: s.ref })));
    await this.writeProvenance(claims, derived);
  }

  // ---- institutions and innovations ------------------------------------------------------------------

  private async writeInstitutions(): Promise<void> {
    const all = [...new Set(this.plan.institutions.values())];
    for (const i of all) if (i.id !== null) this.institutionIds.set(i.identity, i.id);
    const fresh = all.filter((i) => i.id === null);
    if (fresh.length === 0) return;
    const slugs = await this.allocateSlugs("institution", fresh.map((i) => ({ base: slugify(i.key), qualifiers: this.regionNames(i.regionCode) })));
    const slugOf = new Map(fresh.map((i, n) => [i, slugs[n]]));
    // Parents before children: in waves by depth among the new ones.
    const depth = (i: PlannedInstitution, seen = new Set<PlannedInstitution>()): number => {
      const parent = i.parentIdentity ? this.plan.institution(i.parentIdentity) : null;
      if (!parent || parent.id !== null || seen.has(i)) return 0;
      seen.add(i);
      return depth(parent, seen) + 1;
    };
    const waves: PlannedInstitution[][] = [];
    for (const i of fresh) (waves[depth(i)] ??= []).push(i);
    for (const wave of waves.filter((w) => w !== undefined)) {
      const ids = await this.upsert(
        "institution",
        SPEC.institution,
        wave.map((i) => ({
          slug: slugOf.get(i),
          name: i.name,
          name_key: i.key,
          kind: i.kind,
          region_code: i.regionCode,
          parent_id: i.parentIdentity ? this.institutionId(this.plan.institution(i.parentIdentity)) : i.parentId,
        })),
      );
      wave.forEach((i, n) => {
        i.id = ids[n];
        this.institutionIds.set(i.identity, ids[n]);
      });
    }
  }

  private institutionId(institution: PlannedInstitution): number {
    if (institution.id === null) throw new Error(`import writer: institution ${institution.identity} has no id yet`);
    return institution.id;
  }

  private regionNames(code: string | null): string[] {
    const region = code ? this.regions.byKemendagriCode(code) : null;
    return region ? [region.name] : [];
  }

  /** Innovations in batches of IMPORT_CHUNK_ROWS, so that no statement grows with the file. */
  private async writeInnovations(): Promise<void> {
    const planned = [...this.plan.innovations.values()];
    for (let at = 0; at < planned.length; at += IMPORT_CHUNK_ROWS) await this.writeInnovationBatch(planned.slice(at, at + IMPORT_CHUNK_ROWS));
  }

  private async writeInnovationBatch(planned: PlannedInnovation[]): Promise<void> {
    const fresh = planned.filter((p) => p.id === null);
    const institutionOf = (p: PlannedInnovation) => {
      // The most specific institution named (a dinas rather than its pemda), as the seed does.
      const institutions = p.rows.map((r) => this.plan.institution(r.institutionIdentity));
      return institutions.find((i) => i.parentIdentity !== null || i.parentId !== null) ?? institutions[0];
    };
    const slugs = await this.allocateSlugs(
      "innovation",
      fresh.map((p) => ({ base: slugify(nameKey(innovationFacts(p).name)), qualifiers: [...this.regionNames(p.regionCode), institutionOf(p).name] })),
    );
    const freshRows = fresh.map((p, n) => {
      const facts = innovationFacts(p);
      const spellings = p.rows.map((r) => r.name);
      const split = [facts.name, ...spellings].map(splitAcronym).find((s) => s.acronym !== null) ?? { acronym: null, expansion: null };
      const institution = institutionOf(p);
      return {
        slug: slugs[n],
        name: facts.name,
        name_key: nameKey(facts.name),
        acronym: split.acronym,
        acronym_expansion: split.expansion,
        aliases: otherSpellings(facts.name, spellings),
        summary: facts.summary,
        sector: facts.sector,
        launch_year: facts.launch_year,
        status: null,
        status_as_of: null,
        status_note: null,
        institution_id: this.institutionId(institution),
        service_unit: p.rows.find((r) => r.institutionIdentity === institution.identity && r.serviceUnit)?.serviceUnit ?? null,
        region_code: p.regionCode,
      };
    });
    const ids = await this.upsert("innovation", SPEC.innovation, freshRows);
    fresh.forEach((p, n) => {
      this.innovationIds.set(p, ids[n]);
      this.touch("innovation", ids[n], "created", p.rows[0], p.rows[0].sourceUrl, {});
    });

    const merged = planned.filter((p) => p.id !== null);
    const held = await this.readHeld("innovation", merged.map((p) => p.id!), ["name", "aliases", "acronym", "acronym_expansion", ...INNOVATION_FACTS.map((f) => f.column)]);
    const updates: Row[] = [];
    for (const p of merged) {
      this.innovationIds.set(p, p.id!);
      const record = held.get(p.id!)!;
      const first = p.rows[0];
      const { summary, sector, launch_year } = innovationFacts(p);
      const incoming = { summary, sector, launch_year, service_unit: p.rows.find((r) => r.serviceUnit)?.serviceUnit ?? null };
      const set = this.merge("innovation", record, INNOVATION_FACTS, incoming, first, String(record.values.name));
      // Other spellings join the aliases; an acronym and expansion fill what is empty. Never conflicts.
      const aliases = otherSpellings(String(record.values.name), [...(record.values.aliases as string[]), ...p.rows.map((r) => r.name)]);
      if (aliases.length !== (record.values.aliases as string[]).length) set.aliases = aliases;
      const split = p.rows.map((r) => splitAcronym(r.name)).find((s) => s.acronym !== null);
      if (split && record.values.acronym === null) set.acronym = split.acronym;
      if (split && record.values.acronym_expansion === null) set.acronym_expansion = split.expansion;
      if (Object.keys(set).length > 0) updates.push({ id: record.id, ...set });
      this.touch("innovation", record.id, Object.keys(set).length > 0 ? "updated" : "confirmed", first, first.sourceUrl, changesOf(record.values, set));
    }
    await this.update("innovation", "innovation", [
      c("summary", "text"),
      c("sector", "text"),
      c("launch_year", "int"),
      c("service_unit", "text"),
      c("aliases", "text[]"),
      c("acronym", "text"),
      c("acronym_expansion", "text"),
    ], updates, "updated_at");

    const claims: ClaimInput[] = planned.flatMap((p) =>
      p.rows.map((r) => ({
        label: r.label,
        row: r.row,
        subjectType: "innovation" as const,
        subjectId: this.innovationIds.get(p)!,
        url: r.sourceUrl,
        statements: statementsOf({
          name: r.name,
          institution: this.plan.institution(r.institutionIdentity).name,
          region: p.regionCode,
          sector: r.sector,
          summary: r.summary,
          launchYear: r.launchYear,
          serviceUnit: r.serviceUnit,
        }),
      })),
    );
    await this.writeProvenance(claims, []);
  }

  /** The id of the innovation an awards or replications row names. */
  private innovationId(ref: InnovationRef): number {
    if ("heldId" in ref) return ref.heldId;
    const id = this.innovationIds.get(ref.planned);
    if (id === undefined) throw new Error(`import writer: innovation ${ref.planned.identity} has no id`);
    return id;
  }

  // ---- awards and replications ------------------------------------------------------------------------

  private async writeAwards(part: ImportPart, rows: AwardCsvRow[], seen: SeenRows): Promise<void> {
    type Planned = { row: AwardCsvRow; ref: RowRef; innovationId: number; edition: PlannedEdition; key: string; split: ReturnType<typeof groupOrCategory> };
    const planned: Planned[] = [];
    const repeats: Planned[] = [];
    for (const row of rows) {
      const resolved = this.plan.resolveAward(row);
      if (!resolved) throw new Error(`import writer: ${part.label} row ${row.row} no longer resolves`);
      const innovationId = this.innovationId(resolved.innovation);
      const entry = {
        row,
        ref: { label: part.label, row: row.row },
        innovationId,
        edition: resolved.edition,
        key: `${innovationId}|${resolved.edition.id}|${row.result}`,
        split: groupOrCategory(row.categoryOrCluster),
      };
      if (seen.repeatOf([entry.key], entry.ref)) {
        repeats.push(entry);
        this.notes.push({ file: part.label, row: row.row, field: "result", message: "the same result as an earlier row for this innovation and edition (under another spelling); sources merged" });
      } else {
        planned.push(entry);
      }
    }
    const held = await this.readHeldAwards(planned.map((p) => ({ innovation_id: p.innovationId, edition_id: p.edition.id!, raw_label: p.row.result })));
    const inserts: Row[] = [];
    const insertOf: Planned[] = [];
    const updates: Row[] = [];
    const ids = new Map<Planned, number>();
    for (const p of planned) {
      const split = p.split;
      const record = held.get(p.key);
      if (record) {
        ids.set(p, record.id);
        const set = this.merge("award_result", record, AWARD_FACTS, { group_name: split.groupName, category: split.category }, p.ref, `${p.row.innovationName}, ${p.row.result} (${p.row.competition} ${p.row.year})`);
        if (Object.keys(set).length > 0) updates.push({ id: record.id, ...set });
        this.touch("award_result", record.id, Object.keys(set).length > 0 ? "updated" : "confirmed", p.ref, p.row.sourceUrl, changesOf(record.values, set));
      } else {
        const classification = classifyAwardLabel(p.row.result, p.edition.tiers);
        if (classification.tier === "unclassified") this.notes.push({ file: p.ref.label, row: p.ref.row, field: "result", message: `"${p.row.result}" kept as unclassified` });
        inserts.push({
          innovation_id: p.innovationId,
          edition_id: p.edition.id,
          raw_label: p.row.result,
          tier: classification.tier,
          tier_rank: classification.tierRank,
          place: classification.place,
          tier_size: classification.tierSize,
          group_name: split.groupName,
          category: split.category,
        });
        insertOf.push(p);
      }
    }
    const inserted = await this.insertReturning("award_result", AWARD_INSERT, 3, inserts);
    insertOf.forEach((p, n) => {
      ids.set(p, inserted[n]);
      this.touch("award_result", inserted[n], "created", p.ref, p.row.sourceUrl, {});
    });
    await this.update("award_result", "award_result", [c("group_name", "text"), c("category", "text")], updates);
    const keyIds = new Map([...ids].map(([p, id]) => [p.key, id]));
    const claims: ClaimInput[] = [...planned, ...repeats].map((p) => ({
      ...p.ref,
      subjectType: "award_result",
      subjectId: keyIds.get(p.key)!,
      url: p.row.sourceUrl,
      statements: statementsOf({
        innovation: p.row.innovationName,
        institution: p.row.institution,
        competition: p.row.competition,
        year: p.row.year,
        label: p.row.result,
        group: p.split.groupName,
        category: p.split.category,
      }),
    }));
    await this.writeProvenance(claims, []);
  }

  private async writeReplications(part: ImportPart, rows: ReplicationCsvRow[]): Promise<void> {
    const planned = rows.map((row) => {
      const resolved = this.plan.resolveReplication(row);
      if (!resolved) throw new Error(`import writer: ${part.label} row ${row.row} no longer resolves`);
      return {
        row,
        ref: { label: part.label, row: row.row },
        originId: this.innovationId(resolved.origin),
        adopterId: this.institutionId(resolved.adopter),
        derivedId: resolved.derived ? this.innovationId(resolved.derived) : null,
      };
    });
    const held = await this.readHeldReplications(planned.map((p) => ({ origin_innovation_id: p.originId, adopter_institution_id: p.adopterId })));
    const inserts: Row[] = [];
    const insertOf: typeof planned = [];
    const updates: Row[] = [];
    const ids = new Map<(typeof planned)[number], number>();
    for (const p of planned) {
      const values = {
        status: p.row.status,
        interest_on: p.row.interestOn,
        agreed_on: p.row.agreedOn,
        implemented_on: p.row.implementedOn,
        adaptations: p.row.adaptations,
        derived_innovation_id: p.derivedId,
      };
      const record = held.get(`${p.originId}|${p.adopterId}`);
      if (record) {
        ids.set(p, record.id);
        const set = this.merge("replication", record, REPLICATION_FACTS, values, p.ref, `the replication of "${p.row.originInnovation}" by "${p.row.adopterInstitution}"`);
        if (Object.keys(set).length > 0) updates.push({ id: record.id, ...set });
        this.touch("replication", record.id, Object.keys(set).length > 0 ? "updated" : "confirmed", p.ref, p.row.sourceUrl, changesOf(record.values, set));
      } else {
        inserts.push({ origin_innovation_id: p.originId, adopter_institution_id: p.adopterId, ...values });
        insertOf.push(p);
      }
    }
    const inserted = await this.insertReturning("replication", REPLICATION_INSERT, 2, inserts);
    insertOf.forEach((p, n) => {
      ids.set(p, inserted[n]);
      this.touch("replication", inserted[n], "created", p.ref, p.row.sourceUrl, {});
    });
    await this.update("replication", "replication", REPLICATION_INSERT.slice(2), updates);
    await this.writeProvenance(
      planned.map((p) => ({
        ...p.ref,
        subjectType: "replication",
        subjectId: ids.get(p)!,
        url: p.row.sourceUrl,
        statements: statementsOf({
          originInnovation: p.row.originInnovation,
          adopter: p.row.adopterInstitution,
          status: p.row.status,
          interestOn: p.row.interestOn,
          agreedOn: p.row.agreedOn,
          implementedOn: p.row.implementedOn,
          adaptations: p.row.adaptations,
          derivedInnovationId: p.derivedId,
        }),
      })),
      [],
    );
  }

  // ---- precedence -------------------------------------------------------------------------------------

  /**
   * Applies the facts rule (facts.ts) to one held record: returns the columns to set, and records each
   * conflict for review.
   */
  private merge(subjectType: SubjectType, record: HeldRecord, facts: FactField[], incoming: Record<string, unknown>, ref: RowRef, name: string): Record<string, unknown> {
    const decision = mergeFacts(facts, record.values, incoming, (fact) => ownerOf(fact, record.values[fact.column], record.snapshot, record.claims, this.asserter), this.asserter);
    for (const conflict of decision.conflicts) {
      const heldBy = conflict.heldBy === null ? "another writer" : conflict.heldBy;
      this.conflicts.push({
        kind: "conflict",
        label: ref.label,
        row: ref.row,
        subjectType,
        subjectId: record.id,
        subjectName: name,
        incomingIdentity: null,
        incoming: { [conflict.field]: conflict.incoming },
        held: { [conflict.field]: conflict.held, heldBy: conflict.heldBy },
        similarity: null,
        message: `${conflict.field} of ${name}: the catalogue holds "${conflict.held}" (stated by ${heldBy}), this row says "${conflict.incoming}"; the held value is kept and both sources are linked`,
      });
    }
    return decision.set;
  }

  // ---- statements -------------------------------------------------------------------------------------

  /** Held records of `table` by id, with the seed snapshot and the claims about each. One statement. */
  private async readHeld(table: SubjectType, ids: number[], columns: string[]): Promise<Map<number, HeldRecord>> {
    if (ids.length === 0) return new Map();
    const rows: { id: number; snapshot: Record<string, unknown> | null; claims: ClaimView[] }[] = await this.manager.query(
      `SELECT t.id, ${columns.map((col) => `t.${q(col)}`).join(", ")}, s.snapshot, ${CLAIMS_OF("t", table)} AS claims
         FROM ${q(table)} t LEFT JOIN seed_snapshot s ON s.table_name = '${table}' AND s.row_id = t.id
        WHERE t.id = ANY($1::int[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, toHeld(r, columns)]));
  }

  private async readHeldAwards(keys: { innovation_id: number; edition_id: number; raw_label: string }[]): Promise<Map<string, HeldRecord>> {
    if (keys.length === 0) return new Map();
    const columns = ["group_name", "category"];
    const rows: { id: number; key: string; snapshot: Record<string, unknown> | null; claims: ClaimView[] }[] = await this.manager.query(
      `SELECT t.id, t.innovation_id || '|' || t.edition_id || '|' || t.raw_label AS key, t.group_name, t.category, s.snapshot, ${CLAIMS_OF("t", "award_result")} AS claims
         FROM jsonb_to_recordset($1::jsonb) AS v(innovation_id int, edition_id int, raw_label text)
         JOIN award_result t ON t.innovation_id = v.innovation_id AND t.edition_id = v.edition_id AND t.raw_label = v.raw_label
         LEFT JOIN seed_snapshot s ON s.table_name = 'award_result' AND s.row_id = t.id`,
      [JSON.stringify(keys)],
    );
    return new Map(rows.map((r) => [r.key, toHeld(r, columns)]));
  }

  private async readHeldReplications(keys: { origin_innovation_id: number; adopter_institution_id: number }[]): Promise<Map<string, HeldRecord>> {
    if (keys.length === 0) return new Map();
    const columns = REPLICATION_FACTS.map((f) => f.column);
    const rows: { id: number; key: string; snapshot: Record<string, unknown> | null; claims: ClaimView[] }[] = await this.manager.query(
      `SELECT t.id, t.origin_innovation_id || '|' || t.adopter_institution_id AS key, ${columns.map((col) => `t.${q(col)}`).join(", ")},
              s.snapshot, ${CLAIMS_OF("t", "replication")} AS claims
         FROM jsonb_to_recordset($1::jsonb) AS v(origin_innovation_id int, adopter_institution_id int)
         JOIN replication t ON t.origin_innovation_id = v.origin_innovation_id AND t.adopter_institution_id = v.adopter_institution_id
         LEFT JOIN seed_snapshot s ON s.table_name = 'replication' AND s.row_id = t.id`,
      [JSON.stringify(keys)],
    );
    return new Map(rows.map((r) => [r.key, toHeld(r, columns)]));
  }

  /**
   * Inserts rows and returns their ids in input order, matching them back by the table's natural key
   * (`key`, a prefix of `columns`; never null). One statement.
   */
  private async insertReturning(table: ImportTable, columns: ColumnSpec[], key: number, rows: Row[]): Promise<number[]> {
    if (rows.length === 0) return [];
    const keyColumns = columns.slice(0, key);
    const found: { ord: number; id: number }[] = await this.manager.query(
      `WITH v AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS v(ord int, ${columns.map((col) => `${q(col.name)} ${col.type}`).join(", ")})),
            ins AS (INSERT INTO ${q(table)} (${columns.map((col) => q(col.name)).join(", ")})
                    SELECT ${columns.map((col) => `v.${q(col.name)}`).join(", ")} FROM v ORDER BY v.ord
                    RETURNING id, ${keyColumns.map((col) => q(col.name)).join(", ")})
       SELECT v.ord, ins.id FROM v JOIN ins ON ${keyColumns.map((col) => `ins.${q(col.name)} = v.${q(col.name)}`).join(" AND ")}`,
      [JSON.stringify(rows.map((row, ord) => ({ ...row, ord })))],
    );
    this.changes[table] += rows.length;
    const ids = new Array<number>(rows.length);
    for (const f of found) ids[f.ord] = f.id;
    return ids;
  }

  /**
   * Updates held rows by id, each only in the columns it names (the others keep their values). One
   * statement.
   */
  private async update(table: ImportTable, sqlTable: string, columns: ColumnSpec[], rows: Row[], touch?: string): Promise<void> {
    if (rows.length === 0) return;
    const payload = rows.map((row) => {
      const out: Row = { id: row.id };
      for (const col of columns) {
        out[col.name] = row[col.name] ?? null;
        out[`${col.name}__set`] = col.name in row;
      }
      return out;
    });
    const sets = columns.map((col) => `${q(col.name)} = CASE WHEN v.${q(`${col.name}__set`)} THEN v.${q(col.name)} ELSE t.${q(col.name)} END`);
    if (touch) sets.push(`${q(touch)} = now()`);
    await this.manager.query(
      `UPDATE ${q(sqlTable)} t SET ${sets.join(", ")}
         FROM jsonb_to_recordset($1::jsonb) AS v(id int, ${columns.map((col) => `${q(col.name)} ${col.type}, ${q(`${col.name}__set`)} boolean`).join(", ")})
        WHERE t.id = v.id`,
      [JSON.stringify(payload)],
    );
    this.changes[table] += rows.length;
  }

  /**
   * Links each record to the sources its rows cite (source, source_link) and records each row's
   * claim (source_claim). Sources and links are only added, never changed; a claim is rewritten only
   * when what it states changed. A few statements for any number of rows.
   */
  private async writeProvenance(claims: ClaimInput[], links: { subjectType: SubjectType; subjectId: number; url: string; ref: RowRef }[]): Promise<void> {
    const urls = [...new Set([...claims.map((c) => c.url), ...links.map((l) => l.url)])].filter((u) => !this.sourceIds.has(u));
    const ids = await this.upsert("source", SPEC.source, urls.map((url) => ({ url, title: null, publisher: publisherFromUrl(url), retrieved_at: null })));
    urls.forEach((url, n) => this.sourceIds.set(url, ids[n]));

    const linkRows = new Map<string, Row>();
    for (const l of [...claims.map((c) => ({ subjectType: c.subjectType, subjectId: c.subjectId, url: c.url, ref: c as RowRef })), ...links]) {
      const key = `${l.subjectType}|${l.subjectId}|${l.url}`;
      if (!linkRows.has(key)) {
        linkRows.set(key, { subject_type: l.subjectType, subject_id: l.subjectId, source_id: this.sourceIds.get(l.url), asserted_by: this.assertedBy(l.ref) });
      }
    }
    await this.upsert("source_link", SPEC.link, [...linkRows.values()]);

    // One claim per (record, source) for this asserter: rows of one file that cite the same page for
    // the same record (a merged innovation) share it, the first row's statements filled by the later.
    const byKey = new Map<string, ClaimInput>();
    for (const claim of claims) {
      const key = `${claim.subjectType}|${claim.subjectId}|${claim.url}`;
      const earlier = byKey.get(key);
      if (!earlier) byKey.set(key, { ...claim, statements: { ...claim.statements } });
      else for (const [k, v] of Object.entries(claim.statements)) earlier.statements[k] ??= v;
    }
    if (byKey.size === 0) return;
    const publisher = this.plan.actor.publisher;
    const [written] = await this.manager.query(
      `WITH up AS (
         INSERT INTO source_claim (subject_type, subject_id, source_id, asserter, publisher, file, "row", statements, import_run_id)
         SELECT v.subject_type, v.subject_id, v.source_id, $2, $3, v.file, v.row, v.statements, $4
           FROM jsonb_to_recordset($1::jsonb) AS v(subject_type text, subject_id int, source_id int, file text, "row" int, statements jsonb)
         ON CONFLICT (subject_type, subject_id, source_id, asserter) DO UPDATE
           SET statements = EXCLUDED.statements, file = EXCLUDED.file, "row" = EXCLUDED."row",
               import_run_id = EXCLUDED.import_run_id, publisher = EXCLUDED.publisher, updated_at = now()
           WHERE source_claim.statements IS DISTINCT FROM EXCLUDED.statements
         RETURNING 1)
       SELECT count(*)::int AS n FROM up`,
      [
        JSON.stringify(
          [...byKey.values()].map((c) => ({
            subject_type: c.subjectType,
            subject_id: c.subjectId,
            source_id: this.sourceIds.get(c.url),
            file: c.label,
            row: c.row,
            statements: c.statements,
          })),
        ),
        this.asserter,
        publisher,
        this.runId,
      ],
    );
    this.changes.source_claim += Number(written.n);
  }

  /** Uncertain matches and conflicts, kept in import_review: one row per distinct question. */
  private async writeReviews(items: ReviewItem[]): Promise<void> {
    if (items.length === 0) return;
    const rows = items.map((item) => {
      const incomingId = item.incomingIdentity ? (this.innovationIds.get(this.plan.innovations.get(item.incomingIdentity)!) ?? null) : null;
      return {
        kind: item.kind,
        subject_type: item.subjectType,
        subject_id: item.subjectId,
        incoming_id: incomingId,
        incoming: item.incoming,
        held: item.held,
        similarity: item.similarity,
        message: item.message,
        file: item.label,
        row: item.row,
        fingerprint: createHash("sha256")
          .update(JSON.stringify([item.kind, item.subjectType, item.subjectId, incomingId, item.incoming, this.asserter]))
          .digest("hex"),
      };
    });
    const unique = [...new Map(rows.map((r) => [r.fingerprint, r])).values()];
    await this.manager.query(
      `INSERT INTO import_review (kind, subject_type, subject_id, incoming_id, incoming, held, similarity, message, file, "row", publisher, fingerprint, last_run_id)
       SELECT v.kind, v.subject_type, v.subject_id, v.incoming_id, v.incoming, v.held, v.similarity, v.message, v.file, v.row, $2, v.fingerprint, $3
         FROM jsonb_to_recordset($1::jsonb) AS v(kind text, subject_type text, subject_id int, incoming_id int, incoming jsonb, held jsonb,
                                                 similarity real, message text, file text, "row" int, fingerprint text)
       ON CONFLICT (fingerprint) DO UPDATE SET last_run_id = EXCLUDED.last_run_id, message = EXCLUDED.message, held = EXCLUDED.held, updated_at = now()`,
      [JSON.stringify(unique), this.plan.actor.publisher, this.runId],
    );
  }

  /**
   * Unique slugs for new records of `table`, as SlugAllocator gives them (the base, else the first free
   * qualified form, else a counter), checked against the table with indexed lookups of exactly the
   * slugs that could be given: a round per set of candidates, usually one.
   */
  private async allocateSlugs(table: "innovation" | "institution" | "competition", items: { base: string; qualifiers: string[] }[]): Promise<string[]> {
    const taken = new Set<string>();
    const checked = new Set<string>();
    let toCheck = items.flatMap(({ base, qualifiers }) => {
      const root = base.length > 0 ? base : "item";
      return [root, ...qualifiers.map((qualifier) => slugify(`${root} ${qualifier}`, MAX_SLUG_LENGTH + 40)), `${root}-2`, `${root}-3`];
    });
    for (;;) {
      for (const slug of await existingSlugs(this.manager, table, toCheck)) taken.add(slug);
      for (const slug of toCheck) checked.add(slug);
      const allocator = new SlugAllocator();
      for (const slug of taken) allocator.claim(slug);
      const slugs = items.map(({ base, qualifiers }) => allocator.claim(base, qualifiers));
      toCheck = slugs.filter((slug) => !checked.has(slug));
      if (toCheck.length === 0) return slugs;
    }
  }

  private touch(
    subjectType: TouchedRecord["subjectType"],
    subjectId: number,
    action: TouchedRecord["action"],
    ref: RowRef,
    sourceUrl: string,
    changes: TouchedRecord["changes"],
  ): void {
    if (this.onTouched) this.touched.push({ subjectType, subjectId, action, file: ref.label, row: ref.row, sourceUrl, changes });
  }
}

/** Columns of a new award result; the first three are its natural key. */
const AWARD_INSERT: ColumnSpec[] = [
  c("innovation_id", "int"),
  c("edition_id", "int"),
  c("raw_label", "text"),
  c("tier", "text"),
  c("tier_rank", "int"),
  c("place", "int"),
  c("tier_size", "int"),
  c("group_name", "text"),
  c("category", "text"),
];

/** Columns of a new replication; the first two are its natural key, the others its facts (updatable). */
const REPLICATION_INSERT: ColumnSpec[] = [
  c("origin_innovation_id", "int"),
  c("adopter_institution_id", "int"),
  c("status", "text"),
  c("interest_on", "date"),
  c("agreed_on", "date"),
  c("implemented_on", "date"),
  c("adaptations", "text"),
  c("derived_innovation_id", "int"),
];

/** SQL for the claims about record `alias`.id of `table`, newest first, as a jsonb array of ClaimView. */
const CLAIMS_OF = (alias: string, table: SubjectType) =>
  `COALESCE((SELECT jsonb_agg(jsonb_build_object('asserter', sc.asserter, 'statements', sc.statements) ORDER BY sc.updated_at DESC, sc.id DESC)
               FROM source_claim sc WHERE sc.subject_type = '${table}' AND sc.subject_id = ${alias}.id), '[]'::jsonb)`;

function toHeld(row: Record<string, unknown>, columns: string[]): HeldRecord {
  return {
    id: Number(row.id),
    values: Object.fromEntries(columns.map((col) => [col, row[col] ?? null])),
    snapshot: (row.snapshot as Record<string, unknown> | null) ?? null,
    claims: (row.claims as ClaimView[]) ?? [],
  };
}

/**
 * What an innovation's rows in one import say, taken as the seed takes them: the name is the fullest
 * spelling, and the row under that name gives the summary and sector; the launch year is the earliest.
 */
function innovationFacts(p: PlannedInnovation): { name: string; summary: string | null; sector: string; launch_year: number | null } {
  const name = fullestSpelling(p.rows.map((r) => r.name));
  const nameRow = p.rows.find((r) => r.name.trim() === name) ?? p.rows[0];
  const years = p.rows.map((r) => r.launchYear).filter((y): y is number => y !== null);
  return {
    name,
    summary: nameRow.summary ?? p.rows.find((r) => r.summary)?.summary ?? null,
    sector: nameRow.sector,
    launch_year: years.length > 0 ? Math.min(...years) : null,
  };
}

function changesOf(before: Record<string, unknown>, set: Record<string, unknown>): TouchedRecord["changes"] {
  return Object.fromEntries(Object.entries(set).map(([k, v]) => [k, { from: before[k] ?? null, to: v }]));
}
