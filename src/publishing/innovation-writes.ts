import { NARRATIVE_SECTIONS } from "../domain/narrative";
import type { DataSource, EntityManager } from "typeorm";
import type { InnovationStatus, Sector } from "../domain/enums";
import { nameKey, splitAcronym } from "../domain/normalise";
import { slugify } from "../domain/slug";
import { InnovationEntity } from "../entities";
import { selectColumns } from "../resolvers/sql";
import { summariseChange } from "./audit";
import type { AuthenticatedPublisher } from "./authenticate";
import {
  allocateSlug,
  institutionRegionCode,
  materialiseInstitution,
  resolveInstitutionRef,
  resolveRegion,
  type InstitutionChoice,
  type InstitutionRefInput,
} from "./references";
import { loadInnovationScopeFacts, regionInScope } from "./scope";
import {
  failWith,
  httpUrl,
  idOf,
  intInRange,
  optionalText,
  pastDate,
  ProblemList,
  requiredText,
  textList,
  todayInIndonesia,
  type FieldPath,
} from "./user-errors";
import { assertInScope, publishWrite, rowsOf, validateCitation, type SourceCitationInput, type SubjectChange } from "./write";

/** The narrative sections of an innovation; each may be set, cleared (null) or left alone (absent). */
export interface NarrativeInput {
  readonly problem?: string | null;
  readonly objectives?: string | null;
  readonly novelty?: string | null;
  readonly implementation?: string | null;
  readonly results?: string | null;
  readonly replicationRequirements?: string | null;
  readonly resourcesAndCost?: string | null;
  readonly sustainability?: string | null;
}

/**
 * Creates an innovation (no `id`) or updates one (`id`). Absent fields are left alone on update;
 * null clears a field that may be empty. Creating needs `name`, `sector` and `institution`; the
 * region defaults to the institution's, and the acronym and its expansion to what the name shows
 * ("SELFI (Sekolah Filial)").
 */
export interface SaveInnovationInput {
  readonly id?: string | null;
  readonly name?: string | null;
  readonly acronym?: string | null;
  readonly acronymExpansion?: string | null;
  readonly aliases?: readonly string[] | null;
  readonly summary?: string | null;
  readonly narrative?: NarrativeInput | null;
  readonly sector?: Sector | null;
  readonly governmentAffair?: string | null;
  readonly sdgs?: readonly number[] | null;
  readonly isDigital?: boolean | null;
  readonly stage?: string | null;
  readonly launchYear?: number | null;
  readonly serviceUnit?: string | null;
  readonly links?: readonly string[] | null;
  /** A Kemendagri code or a region name; null for a national body. */
  readonly region?: string | null;
  readonly institution?: InstitutionRefInput | null;
  readonly source: SourceCitationInput;
}

/** Sets an innovation's dated status. */
export interface UpdateInnovationStatusInput {
  readonly innovationId: string;
  readonly status: InnovationStatus;
  /** The date the status is known for; not in the future, not older than the status recorded. */
  readonly asOf: string;
  readonly note?: string | null;
  readonly source: SourceCitationInput;
}

/** Innovation columns a publisher may set, by entity property. */
type InnovationPatch = Partial<
  Pick<
    InnovationEntity,
    | "name"
    | "acronym"
    | "acronymExpansion"
    | "aliases"
    | "summary"
    | (typeof NARRATIVE_SECTIONS)[number]
    | "sector"
    | "governmentAffair"
    | "sdgs"
    | "isDigital"
    | "stage"
    | "launchYear"
    | "serviceUnit"
    | "links"
    | "regionCode"
    | "institutionId"
  >
>;

/** Property → column, for the columns of InnovationPatch. */
const COLUMNS: Readonly<Record<keyof InnovationPatch, string>> = {
  name: "name",
  acronym: "acronym",
  acronymExpansion: "acronym_expansion",
  aliases: "aliases",
  summary: "summary",
  problem: "problem",
  objectives: "objectives",
  novelty: "novelty",
  implementation: "implementation",
  results: "results",
  replicationRequirements: "replication_requirements",
  resourcesAndCost: "resources_and_cost",
  sustainability: "sustainability",
  sector: "sector",
  governmentAffair: "government_affair",
  sdgs: "sdgs",
  isDigital: "is_digital",
  stage: "stage",
  launchYear: "launch_year",
  serviceUnit: "service_unit",
  links: "links",
  regionCode: "region_code",
  institutionId: "institution_id",
};

/** Validates the plain fields of a save (everything but id, region, institution and source). */
function validateFields(problems: ProblemList, input: SaveInnovationInput, creating: boolean): InnovationPatch {
  const at = (name: string): FieldPath => ["input", name];
  const patch: InnovationPatch = {};
  const set = <K extends keyof InnovationPatch>(key: K, value: InnovationPatch[K] | undefined) => {
    if (value !== undefined) patch[key] = value;
  };
  if (creating || input.name !== undefined) set("name", requiredText(problems, input.name, at("name"), 300));
  set("acronym", optionalText(problems, input.acronym, at("acronym"), 80));
  set("acronymExpansion", optionalText(problems, input.acronymExpansion, at("acronymExpansion"), 300));
  set("aliases", textList(problems, input.aliases, at("aliases"), 20, 300));
  set("summary", optionalText(problems, input.summary, at("summary"), 2_000));
  for (const section of NARRATIVE_SECTIONS) {
    set(section, optionalText(problems, input.narrative?.[section], ["input", "narrative", section], 20_000));
  }
  if (creating || input.sector !== undefined) {
    if (input.sector == null) problems.add(at("sector"), "REQUIRED", `"input.sector" is required.`);
    else set("sector", input.sector);
  }
  set("governmentAffair", optionalText(problems, input.governmentAffair, at("governmentAffair"), 200));
  if (input.sdgs !== undefined) {
    const sdgs = [...new Set(input.sdgs ?? [])].sort((a, b) => a - b);
    const bad = sdgs.filter((n) => !Number.isInteger(n) || n < 1 || n > 17);
    if (bad.length > 0) problems.add(at("sdgs"), "OUT_OF_RANGE", `"input.sdgs" holds SDG numbers 1 to 17; ${bad.join(", ")} is not one.`);
    else patch.sdgs = sdgs;
  }
  if (input.isDigital !== undefined) patch.isDigital = input.isDigital;
  set("stage", optionalText(problems, input.stage, at("stage"), 200));
  set("launchYear", intInRange(problems, input.launchYear, at("launchYear"), 1945, Number(todayInIndonesia().slice(0, 4)) + 1));
  set("serviceUnit", optionalText(problems, input.serviceUnit, at("serviceUnit"), 300));
  if (input.links !== undefined) {
    const links: string[] = [];
    (input.links ?? []).forEach((link, i) => {
      const url = httpUrl(problems, link, ["input", "links", String(i)]);
      if (url !== undefined && !links.includes(url)) links.push(url);
    });
    if ((input.links ?? []).length > 20) problems.add(at("links"), "OUT_OF_RANGE", `"input.links" has more than 20 links.`);
    else patch.links = links;
  }
  if (creating && input.institution == null) problems.add(at("institution"), "REQUIRED", `"input.institution" is required to create an innovation.`);
  if (!creating && input.institution === null) problems.add(at("institution"), "REQUIRED", `"input.institution" cannot be cleared; every innovation has one.`);
  return patch;
}

async function lockInnovation(manager: EntityManager, id: number): Promise<InnovationEntity | undefined> {
  const rows: InnovationEntity[] = await manager.query(
    `SELECT ${selectColumns(manager.dataSource, InnovationEntity, "i")} FROM innovation i WHERE i.id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0];
}

/** The fields of an innovation as its audit summary shows them. */
function auditedFields(entity: Partial<InnovationEntity>, patch: InnovationPatch): Record<string, unknown> {
  return Object.fromEntries(Object.keys(patch).map((key) => [key, entity[key as keyof InnovationEntity]]));
}

/**
 * Creates or updates an innovation for `publisher` (see {@link SaveInnovationInput}), in scope (see
 * scope.ts), with its source link and audit entry, in one transaction. Throws UserProblems for
 * invalid input and FORBIDDEN outside the publisher's scope.
 */
export async function saveInnovation(dataSource: DataSource, publisher: AuthenticatedPublisher, input: SaveInnovationInput): Promise<InnovationEntity> {
  const problems = new ProblemList();
  const citation = validateCitation(problems, input.source, ["input", "source"]);
  const creating = input.id == null;
  const idKey = creating ? null : idOf(problems, input.id, "Innovation", ["input", "id"]);
  const patch = validateFields(problems, input, creating);
  problems.throwIfAny();

  return publishWrite(dataSource, publisher, "saveInnovation", citation, async (manager) => {
    const before = idKey != null ? await lockInnovation(manager, Number(idKey)) : null;
    if (idKey != null && !before) failWith(["input", "id"], "NOT_FOUND", `No innovation has the id "${input.id}".`);

    const region = input.region !== undefined ? await resolveRegion(manager, problems, input.region, ["input", "region"]) : undefined;
    let institution: InstitutionChoice | undefined;
    if (input.institution != null) {
      // A named institution is looked for (or made) where the innovation is.
      const where =
        region !== undefined ? region : before?.regionCode ? await resolveRegion(manager, problems, before.regionCode, ["input", "id"]) : null;
      institution = await resolveInstitutionRef(manager, problems, input.institution, ["input", "institution"], where ?? null);
    }
    problems.throwIfAny();

    // Creating: the region given, else the institution's. Updating: the region given, else unchanged.
    const regionCode = region !== undefined ? (region?.code ?? null) : before ? before.regionCode : institution ? institutionRegionCode(institution) : null;
    if (!before) {
      assertInScope(publisher, { kind: "newInnovation", regionCode });
    } else {
      const facts = (await loadInnovationScopeFacts(manager, [before.id])).get(before.id)!;
      const moving = regionCode !== before.regionCode ? { newRegionCode: regionCode } : {};
      assertInScope(publisher, { kind: "innovation", label: `Innovation "${before.name}"`, facts, ...moving });
    }
    if (institution && "create" in institution) {
      const where = institution.create.region?.code ?? null;
      if (where !== regionCode && !regionInScope(publisher.scope, where)) {
        failWith(["input", "institution", "region"], "INVALID", `A new institution must be in the innovation's region or inside the publisher's region.`);
      }
    }

    const changes: SubjectChange[] = [];
    if (institution) {
      const made = await materialiseInstitution(manager, institution);
      patch.institutionId = made.institution.id;
      if (made.change) changes.push(made.change);
    }
    if (region !== undefined || !before) patch.regionCode = regionCode;
    if (!before && patch.name && patch.acronym === undefined && patch.acronymExpansion === undefined) {
      const split = splitAcronym(patch.name);
      patch.acronym = split.acronym;
      patch.acronymExpansion = split.expansion;
    }

    const name = patch.name ?? before!.name;
    const institutionId = patch.institutionId ?? before!.institutionId;
    const [duplicate]: { id: number; slug: string }[] = await manager.query(
      `SELECT id, slug FROM innovation WHERE name_key = $1 AND institution_id = $2 AND id <> $3 LIMIT 1`,
      [nameKey(name), institutionId, before?.id ?? 0],
    );
    if (duplicate) {
      failWith(
        ["input", "name"],
        "DUPLICATE",
        `The institution already has an innovation named like "${name}" ("${duplicate.slug}"); pass its id to update it instead.`,
      );
    }

    const values: Record<string, unknown> = Object.fromEntries(Object.entries(patch).map(([key, value]) => [COLUMNS[key as keyof InnovationPatch], value]));
    if (patch.name !== undefined) values.name_key = nameKey(patch.name);
    let after: InnovationEntity;
    const returning = selectColumns(manager.dataSource, InnovationEntity, "innovation");
    if (!before) {
      values.slug = await allocateSlug(manager, "innovation", slugify(nameKey(name)), region ? [region.name] : []);
      const columns = Object.keys(values);
      [after] = await rowsOf<InnovationEntity>(
        manager,
        `INSERT INTO innovation (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(", ")}) RETURNING ${returning}`,
        Object.values(values),
      );
      changes.push({ subjectType: "innovation", subjectId: after.id, summary: summariseChange(null, { slug: after.slug, ...auditedFields(after, patch) }) });
    } else {
      const columns = Object.keys(values);
      [after] = await rowsOf<InnovationEntity>(
        manager,
        `UPDATE innovation SET ${[...columns.map((c, i) => `"${c}" = $${i + 2}`), "updated_at = now()"].join(", ")} WHERE id = $1 RETURNING ${returning}`,
        [before.id, ...Object.values(values)],
      );
      changes.push({ subjectType: "innovation", subjectId: after.id, summary: summariseChange(auditedFields(before, patch), auditedFields(after, patch)) });
    }
    return { result: after, changes };
  });
}

/**
 * Sets an innovation's dated status for `publisher`. A status older than the one recorded is STALE:
 * records go stale, so the newest dated status wins.
 */
export async function updateInnovationStatus(dataSource: DataSource, publisher: AuthenticatedPublisher, input: UpdateInnovationStatusInput): Promise<InnovationEntity> {
  const problems = new ProblemList();
  const citation = validateCitation(problems, input.source, ["input", "source"]);
  const idKey = idOf(problems, input.innovationId, "Innovation", ["input", "innovationId"]);
  const asOf = pastDate(problems, input.asOf, ["input", "asOf"], todayInIndonesia());
  const note = optionalText(problems, input.note, ["input", "note"], 2_000) ?? null;
  problems.throwIfAny();

  return publishWrite(dataSource, publisher, "updateInnovationStatus", citation, async (manager) => {
    const before = await lockInnovation(manager, Number(idKey));
    if (!before) failWith(["input", "innovationId"], "NOT_FOUND", `No innovation has the id "${input.innovationId}".`);
    const facts = (await loadInnovationScopeFacts(manager, [before.id])).get(before.id)!;
    assertInScope(publisher, { kind: "innovation", label: `Innovation "${before.name}"`, facts });
    if (before.statusAsOf && before.statusAsOf > asOf!) {
      failWith(["input", "asOf"], "STALE", `A newer status is recorded (${before.status} as of ${before.statusAsOf}); a status as of ${asOf} would replace it with older news.`);
    }
    const [after]: InnovationEntity[] = await rowsOf(
      manager,
      `UPDATE innovation SET status = $2, status_as_of = $3, status_note = $4, updated_at = now() WHERE id = $1
       RETURNING ${selectColumns(manager.dataSource, InnovationEntity, "innovation")}`,
      [before.id, input.status, asOf, note],
    );
    const fields = (e: InnovationEntity) => ({ status: e.status, statusAsOf: e.statusAsOf, statusNote: e.statusNote });
    return { result: after, changes: [{ subjectType: "innovation", subjectId: after.id, summary: summariseChange(fields(before), fields(after)) }] };
  });
}
