import type { DataSource, EntityManager } from "typeorm";
import { classifyAwardLabel } from "../domain/award-tier";
import type { AwardTier } from "../domain/enums";
import { AwardResultEntity, CompetitionEditionEntity, CompetitionEntity } from "../entities";
import type { EditionCriterion, EditionStage, EditionTier } from "../entities/competition-edition.entity";
import { selectColumns } from "../resolvers/sql";
import { summariseChange } from "./audit";
import type { AuthenticatedPublisher } from "./authenticate";
import { failWith, idOf, intInRange, optionalText, pastDate, ProblemList, requiredText, textList, todayInIndonesia, type FieldPath } from "./user-errors";
import { assertInScope, publishWrite, rowsOf, validateCitation, type SourceCitationInput, type SubjectChange } from "./write";

/** A tier of an edition; `tier` defaults to what the award-tier rules make of `label`. */
export interface EditionTierInput {
  readonly label: string;
  readonly size?: number | null;
  readonly order: number;
  readonly tier?: AwardTier | null;
}

/**
 * Registers the edition of a competition series for a year, or updates the one registered (absent
 * fields are left alone; lists given replace the old ones). The name defaults to the series' name
 * and the year.
 */
export interface RegisterCompetitionEditionInput {
  readonly competitionId: string;
  readonly year: number;
  readonly editionNumber?: number | null;
  readonly name?: string | null;
  readonly theme?: string | null;
  readonly legalBasis?: string | null;
  readonly stagesText?: string | null;
  readonly stages?: readonly EditionStage[] | null;
  readonly groups?: readonly string[] | null;
  readonly categories?: readonly string[] | null;
  readonly criteria?: readonly { readonly name: string; readonly weightPercent?: number | null }[] | null;
  readonly tiers?: readonly EditionTierInput[] | null;
  readonly entryCount?: number | null;
  readonly source: SourceCitationInput;
}

/** One result of an edition, for an existing innovation. */
export interface AwardResultInput {
  readonly innovationId: string;
  /** The result exactly as the organiser prints it, e.g. "Top 45", "Juara 1". */
  readonly label: string;
  readonly group?: string | null;
  readonly category?: string | null;
  readonly decreeNumber?: string | null;
  readonly decreeDate?: string | null;
}

/**
 * Records results of an edition. A result is identified by innovation and label: recording it again
 * updates its group, category and decree; results not named are left alone.
 */
export interface RecordAwardResultsInput {
  readonly editionId: string;
  readonly results: readonly AwardResultInput[];
  readonly source: SourceCitationInput;
}

/** Most results one call may record; larger lists belong in a batch import. */
export const MAX_RESULTS_PER_CALL = 200;

async function findCompetition(manager: EntityManager, id: number): Promise<CompetitionEntity | undefined> {
  const rows: CompetitionEntity[] = await manager.query(
    `SELECT ${selectColumns(manager.dataSource, CompetitionEntity, "c")} FROM competition c WHERE c.id = $1`,
    [id],
  );
  return rows[0];
}

function validateStages(problems: ProblemList, stages: readonly EditionStage[] | null | undefined, field: FieldPath): EditionStage[] | undefined {
  if (stages === undefined) return undefined;
  const out: EditionStage[] = [];
  (stages ?? []).forEach((stage, i) => {
    const order = intInRange(problems, stage.order, [...field, String(i), "order"], 1, 50);
    const name = requiredText(problems, stage.name, [...field, String(i), "name"], 500);
    if (order == null || name === undefined) return;
    if (out.some((s) => s.order === order)) problems.add([...field, String(i), "order"], "DUPLICATE", `Two stages have order ${order}.`);
    out.push({ order, name });
  });
  return out.sort((a, b) => a.order - b.order);
}

function validateCriteria(problems: ProblemList, criteria: RegisterCompetitionEditionInput["criteria"], field: FieldPath): EditionCriterion[] | undefined {
  if (criteria === undefined) return undefined;
  const out: EditionCriterion[] = [];
  (criteria ?? []).forEach((criterion, i) => {
    const name = requiredText(problems, criterion.name, [...field, String(i), "name"], 300);
    const weight = criterion.weightPercent ?? null;
    if (weight !== null && !(weight >= 0 && weight <= 100)) {
      problems.add([...field, String(i), "weightPercent"], "OUT_OF_RANGE", `A weight is a percentage from 0 to 100, got ${weight}.`);
    }
    if (name !== undefined) out.push({ name, weightPercent: weight });
  });
  const total = out.reduce((sum, c) => sum + (c.weightPercent ?? 0), 0);
  if (total > 100.0001) problems.add(field, "OUT_OF_RANGE", `The criteria's weights add up to ${total}%, more than 100%.`);
  return out;
}

function validateTiers(problems: ProblemList, tiers: readonly EditionTierInput[] | null | undefined, field: FieldPath): EditionTier[] | undefined {
  if (tiers === undefined) return undefined;
  const out: EditionTier[] = [];
  (tiers ?? []).forEach((tier, i) => {
    const at = [...field, String(i)];
    const label = requiredText(problems, tier.label, [...at, "label"], 200);
    const order = intInRange(problems, tier.order, [...at, "order"], 1, 50);
    const size = intInRange(problems, tier.size ?? null, [...at, "size"], 1, 100_000);
    if (label === undefined || order == null || size === undefined) return;
    if (out.some((t) => t.label === label)) problems.add([...at, "label"], "DUPLICATE", `Two tiers are labelled "${label}".`);
    if (out.some((t) => t.order === order)) problems.add([...at, "order"], "DUPLICATE", `Two tiers have order ${order}.`);
    const classified = classifyAwardLabel(label);
    out.push({ label, size: size ?? classified.tierSize, order, tier: tier.tier ?? classified.tier });
  });
  return out.sort((a, b) => a.order - b.order);
}

/** Edition columns a publisher may set, by entity property, with their column names. */
const EDITION_COLUMNS = {
  editionNumber: "edition_number",
  name: "name",
  theme: "theme",
  legalBasis: "legal_basis",
  stagesText: "stages_text",
  stages: "stages",
  groups: "groups",
  categories: "categories",
  criteria: "criteria",
  tiers: "tiers",
  entryCount: "entry_count",
} as const;
type EditionPatch = Partial<Pick<CompetitionEditionEntity, keyof typeof EDITION_COLUMNS>>;
const JSON_COLUMNS: ReadonlySet<string> = new Set(["stages", "groups", "categories", "criteria", "tiers"]);

/**
 * Registers (or updates) an edition for `publisher`, who must organise its competition. Throws
 * UserProblems for invalid input and FORBIDDEN outside the publisher's scope.
 */
export async function registerCompetitionEdition(
  dataSource: DataSource,
  publisher: AuthenticatedPublisher,
  input: RegisterCompetitionEditionInput,
): Promise<CompetitionEditionEntity> {
  const problems = new ProblemList();
  const citation = validateCitation(problems, input.source, ["input", "source"]);
  const competitionKey = idOf(problems, input.competitionId, "Competition", ["input", "competitionId"]);
  intInRange(problems, input.year, ["input", "year"], 1990, Number(todayInIndonesia().slice(0, 4)) + 1);
  const patch: EditionPatch = {};
  const set = <K extends keyof EditionPatch>(key: K, value: EditionPatch[K] | undefined) => {
    if (value !== undefined) patch[key] = value;
  };
  set("editionNumber", intInRange(problems, input.editionNumber, ["input", "editionNumber"], 1, 1_000));
  if (input.name !== undefined) set("name", requiredText(problems, input.name, ["input", "name"], 300));
  set("theme", optionalText(problems, input.theme, ["input", "theme"], 1_000));
  set("legalBasis", optionalText(problems, input.legalBasis, ["input", "legalBasis"], 5_000));
  set("stagesText", optionalText(problems, input.stagesText, ["input", "stagesText"], 5_000));
  set("stages", validateStages(problems, input.stages, ["input", "stages"]));
  set("groups", textList(problems, input.groups, ["input", "groups"], 50, 200));
  set("categories", textList(problems, input.categories, ["input", "categories"], 100, 200));
  set("criteria", validateCriteria(problems, input.criteria, ["input", "criteria"]));
  set("tiers", validateTiers(problems, input.tiers, ["input", "tiers"]));
  set("entryCount", intInRange(problems, input.entryCount, ["input", "entryCount"], 0, 10_000_000));
  problems.throwIfAny();

  return publishWrite(dataSource, publisher, "registerCompetitionEdition", citation, async (manager) => {
    const competition = await findCompetition(manager, Number(competitionKey));
    if (!competition) failWith(["input", "competitionId"], "NOT_FOUND", `No competition has the id "${input.competitionId}".`);
    assertInScope(publisher, { kind: "competition", label: `Competition "${competition.name}"`, competitionId: competition.id });

    const returning = selectColumns(manager.dataSource, CompetitionEditionEntity, "competition_edition");
    const [before]: CompetitionEditionEntity[] = await manager.query(
      `SELECT ${returning} FROM competition_edition WHERE competition_id = $1 AND year = $2 FOR UPDATE`,
      [competition.id, input.year],
    );
    if (!before) patch.name ??= `${competition.name} ${input.year}`;
    const columns = Object.keys(patch).map((key) => EDITION_COLUMNS[key as keyof EditionPatch]);
    const values = Object.entries(patch).map(([key, value]) => (JSON_COLUMNS.has(key) ? JSON.stringify(value) : value));
    let after: CompetitionEditionEntity;
    if (!before) {
      [after] = await rowsOf<CompetitionEditionEntity>(
        manager,
        `INSERT INTO competition_edition (competition_id, year${columns.map((c) => `, "${c}"`).join("")})
         VALUES ($1, $2${columns.map((_, i) => `, $${i + 3}`).join("")}) RETURNING ${returning}`,
        [competition.id, input.year, ...values],
      );
    } else if (columns.length > 0) {
      [after] = await rowsOf<CompetitionEditionEntity>(
        manager,
        `UPDATE competition_edition SET ${columns.map((c, i) => `"${c}" = $${i + 2}`).join(", ")} WHERE id = $1 RETURNING ${returning}`,
        [before.id, ...values],
      );
    } else {
      after = before;
    }
    const fields = (e: CompetitionEditionEntity) => Object.fromEntries(Object.keys(patch).map((k) => [k, e[k as keyof EditionPatch]]));
    const summary = summariseChange(before ? fields(before) : null, { ...(before ? {} : { year: after.year }), ...fields(after) }, {
      competition: competition.slug,
    });
    return { result: after, changes: [{ subjectType: "competition_edition", subjectId: after.id, summary }] };
  });
}

/** What {@link recordAwardResults} returns: the edition, and the results in the order they were given. */
export interface RecordedAwardResults {
  readonly edition: CompetitionEditionEntity;
  readonly results: readonly AwardResultEntity[];
}

/**
 * Records results of an edition for `publisher`, who must organise its competition; the innovations
 * may be anywhere. Labels are classified by the award-tier rules, with the edition's tiers. Throws
 * UserProblems for invalid input and FORBIDDEN outside the publisher's scope.
 */
export async function recordAwardResults(dataSource: DataSource, publisher: AuthenticatedPublisher, input: RecordAwardResultsInput): Promise<RecordedAwardResults> {
  const problems = new ProblemList();
  const citation = validateCitation(problems, input.source, ["input", "source"]);
  const editionKey = idOf(problems, input.editionId, "CompetitionEdition", ["input", "editionId"]);
  if (input.results.length === 0 || input.results.length > MAX_RESULTS_PER_CALL) {
    problems.add(["input", "results"], "OUT_OF_RANGE", `Record 1 to ${MAX_RESULTS_PER_CALL} results per call, got ${input.results.length}.`);
  }
  const today = todayInIndonesia();
  const rows = input.results.map((result, i) => {
    const at: FieldPath = ["input", "results", String(i)];
    return {
      at,
      innovationKey: idOf(problems, result.innovationId, "Innovation", [...at, "innovationId"]),
      label: requiredText(problems, result.label, [...at, "label"], 200),
      groupName: optionalText(problems, result.group, [...at, "group"], 200) ?? null,
      category: optionalText(problems, result.category, [...at, "category"], 200) ?? null,
      decreeNumber: optionalText(problems, result.decreeNumber, [...at, "decreeNumber"], 200) ?? null,
      decreeDate: pastDate(problems, result.decreeDate, [...at, "decreeDate"], today) ?? null,
    };
  });
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    const key = `${row.innovationKey}|${row.label}`;
    const first = seen.get(key);
    if (first !== undefined) problems.add([...row.at, "label"], "DUPLICATE", `Result ${i} repeats result ${first}: the same innovation and label.`);
    else seen.set(key, i);
  });
  problems.throwIfAny();

  return publishWrite(dataSource, publisher, "recordAwardResults", citation, async (manager) => {
    const [edition]: CompetitionEditionEntity[] = await manager.query(
      `SELECT ${selectColumns(manager.dataSource, CompetitionEditionEntity, "e")} FROM competition_edition e WHERE e.id = $1`,
      [Number(editionKey)],
    );
    if (!edition) failWith(["input", "editionId"], "NOT_FOUND", `No competition edition has the id "${input.editionId}".`);
    const competition = (await findCompetition(manager, edition.competitionId))!;
    assertInScope(publisher, { kind: "competition", label: `Competition "${competition.name}" (edition ${edition.year})`, competitionId: competition.id });

    const innovationIds = rows.map((r) => Number(r.innovationKey));
    const found: { id: number }[] = await manager.query(`SELECT id FROM innovation WHERE id = ANY($1::int[])`, [innovationIds]);
    const known = new Set(found.map((f) => f.id));
    rows.forEach((row, i) => {
      if (!known.has(innovationIds[i])) problems.add([...row.at, "innovationId"], "NOT_FOUND", `No innovation has the id "${input.results[i].innovationId}".`);
    });
    problems.throwIfAny();

    const columns = selectColumns(manager.dataSource, AwardResultEntity, "award_result");
    const existing: AwardResultEntity[] = await manager.query(
      `SELECT ${columns} FROM award_result
         JOIN unnest($2::int[], $3::text[]) AS k(innovation_id, raw_label)
           ON k.innovation_id = award_result.innovation_id AND k.raw_label = award_result.raw_label
        WHERE award_result.edition_id = $1
        FOR UPDATE OF award_result`,
      [edition.id, innovationIds, rows.map((r) => r.label)],
    );
    const byKey = new Map(existing.map((a) => [`${a.innovationId}|${a.rawLabel}`, a]));
    const results: AwardResultEntity[] = [];
    const changes: SubjectChange[] = [];
    for (const [i, row] of rows.entries()) {
      const label = row.label!;
      const classified = classifyAwardLabel(label, edition.tiers);
      const fields = {
        tier: classified.tier,
        tierRank: classified.tierRank,
        place: classified.place,
        tierSize: classified.tierSize,
        groupName: row.groupName,
        category: row.category,
        decreeNumber: row.decreeNumber,
        decreeDate: row.decreeDate,
      };
      const before = byKey.get(`${innovationIds[i]}|${label}`);
      const params = [fields.tier, fields.tierRank, fields.place, fields.tierSize, fields.groupName, fields.category, fields.decreeNumber, fields.decreeDate];
      const [after]: AwardResultEntity[] = before
        ? await rowsOf(
            manager,
            `UPDATE award_result SET tier = $2, tier_rank = $3, place = $4, tier_size = $5, group_name = $6, category = $7,
                    decree_number = $8, decree_date = $9 WHERE id = $1 RETURNING ${columns}`,
            [before.id, ...params],
          )
        : await rowsOf(
            manager,
            `INSERT INTO award_result (innovation_id, edition_id, raw_label, tier, tier_rank, place, tier_size, group_name, category, decree_number, decree_date)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${columns}`,
            [innovationIds[i], edition.id, label, ...params],
          );
      const audited = (a: AwardResultEntity) => Object.fromEntries(Object.keys(fields).map((k) => [k, a[k as keyof typeof fields]]));
      const context = { innovationId: innovationIds[i], editionId: edition.id, competition: competition.slug, year: edition.year };
      changes.push({
        subjectType: "award_result",
        subjectId: after.id,
        summary: summariseChange(before ? audited(before) : null, { ...(before ? {} : { label }), ...audited(after) }, context),
      });
      results.push(after);
    }
    return { result: { edition, results }, changes };
  });
}
