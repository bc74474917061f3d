import type { DataSource } from "typeorm";
import type { ReplicationStatus } from "../domain/enums";
import { InnovationEntity, ReplicationEntity } from "../entities";
import { selectColumns } from "../resolvers/sql";
import { summariseChange } from "./audit";
import type { AuthenticatedPublisher } from "./authenticate";
import { institutionRegionCode, materialiseInstitution, resolveInstitutionRef, type InstitutionRefInput } from "./references";
import { loadInnovationScopeFacts } from "./scope";
import { failWith, idOf, optionalText, pastDate, ProblemList, todayInIndonesia } from "./user-errors";
import { assertInScope, publishWrite, rowsOf, validateCitation, type SourceCitationInput, type SubjectChange } from "./write";

/**
 * Records that an institution replicates (or means to replicate) an innovation. A replication is
 * identified by origin and adopter: recording it again updates it. Absent dates and adaptations are
 * left alone on update. A named adopter that does not exist is created in its `region`.
 */
export interface RecordReplicationInput {
  readonly originInnovationId: string;
  readonly adopter: InstitutionRefInput;
  readonly status: ReplicationStatus;
  readonly interestOn?: string | null;
  readonly agreedOn?: string | null;
  readonly implementedOn?: string | null;
  readonly adaptations?: string | null;
  /** The adopter's own innovation derived from the origin, when it has one. */
  readonly derivedInnovationId?: string | null;
  readonly source: SourceCitationInput;
}

const DATE_FIELDS = ["interestOn", "agreedOn", "implementedOn"] as const;

/**
 * Records a replication for `publisher` (in scope when the adopter or the origin is in its region, or
 * the origin has a result in a competition it organises). Throws UserProblems for invalid input and
 * FORBIDDEN outside the publisher's scope.
 */
export async function recordReplication(dataSource: DataSource, publisher: AuthenticatedPublisher, input: RecordReplicationInput): Promise<ReplicationEntity> {
  const problems = new ProblemList();
  const citation = validateCitation(problems, input.source, ["input", "source"]);
  const originKey = idOf(problems, input.originInnovationId, "Innovation", ["input", "originInnovationId"]);
  const derivedKey = input.derivedInnovationId == null ? input.derivedInnovationId : idOf(problems, input.derivedInnovationId, "Innovation", ["input", "derivedInnovationId"]);
  const today = todayInIndonesia();
  const dates = Object.fromEntries(DATE_FIELDS.map((f) => [f, pastDate(problems, input[f], ["input", f], today)])) as Record<(typeof DATE_FIELDS)[number], string | null | undefined>;
  const adaptations = optionalText(problems, input.adaptations, ["input", "adaptations"], 5_000);
  if (derivedKey != null && derivedKey === originKey) {
    problems.add(["input", "derivedInnovationId"], "INVALID", "An innovation cannot be derived from itself.");
  }
  problems.throwIfAny();

  return publishWrite(dataSource, publisher, "recordReplication", citation, async (manager) => {
    const innovationColumns = selectColumns(manager.dataSource, InnovationEntity, "i");
    const [origin]: InnovationEntity[] = await manager.query(`SELECT ${innovationColumns} FROM innovation i WHERE i.id = $1`, [Number(originKey)]);
    if (!origin) failWith(["input", "originInnovationId"], "NOT_FOUND", `No innovation has the id "${input.originInnovationId}".`);
    if (derivedKey != null) {
      const [derived]: { id: number }[] = await manager.query(`SELECT id FROM innovation WHERE id = $1`, [Number(derivedKey)]);
      if (!derived) problems.add(["input", "derivedInnovationId"], "NOT_FOUND", `No innovation has the id "${input.derivedInnovationId}".`);
    }
    const adopter = await resolveInstitutionRef(manager, problems, input.adopter, ["input", "adopter"], null);
    problems.throwIfAny();
    if (adopter && "existing" in adopter && adopter.existing.id === origin.institutionId) {
      failWith(["input", "adopter"], "INVALID", "The adopter is the institution that runs the innovation; a replication is another institution adopting it.");
    }

    const facts = (await loadInnovationScopeFacts(manager, [origin.id])).get(origin.id)!;
    assertInScope(publisher, { kind: "replication", adopterRegionCode: institutionRegionCode(adopter!), originLabel: `innovation "${origin.name}"`, origin: facts });

    const changes: SubjectChange[] = [];
    const made = await materialiseInstitution(manager, adopter!);
    if (made.change) changes.push(made.change);

    const columns = selectColumns(manager.dataSource, ReplicationEntity, "replication");
    const [before]: ReplicationEntity[] = await manager.query(
      `SELECT ${columns} FROM replication WHERE origin_innovation_id = $1 AND adopter_institution_id = $2 FOR UPDATE`,
      [origin.id, made.institution.id],
    );
    const merged = {
      status: input.status,
      interestOn: dates.interestOn !== undefined ? dates.interestOn : (before?.interestOn ?? null),
      agreedOn: dates.agreedOn !== undefined ? dates.agreedOn : (before?.agreedOn ?? null),
      implementedOn: dates.implementedOn !== undefined ? dates.implementedOn : (before?.implementedOn ?? null),
      adaptations: adaptations !== undefined ? adaptations : (before?.adaptations ?? null),
      derivedInnovationId: derivedKey !== undefined ? (derivedKey === null ? null : Number(derivedKey)) : (before?.derivedInnovationId ?? null),
    };
    const ordered = DATE_FIELDS.map((f) => merged[f]).filter((d): d is string => d !== null);
    if (ordered.some((d, i) => i > 0 && d < ordered[i - 1])) {
      failWith(["input"], "INVALID", `The dates must follow the replication's course: interest, then agreement, then implementation (got ${DATE_FIELDS.map((f) => `${f} ${merged[f] ?? "-"}`).join(", ")}).`);
    }
    const params = [merged.status, merged.interestOn, merged.agreedOn, merged.implementedOn, merged.adaptations, merged.derivedInnovationId];
    const [after]: ReplicationEntity[] = before
      ? await rowsOf(
          manager,
          `UPDATE replication SET status = $2, interest_on = $3, agreed_on = $4, implemented_on = $5, adaptations = $6, derived_innovation_id = $7
            WHERE id = $1 RETURNING ${columns}`,
          [before.id, ...params],
        )
      : await rowsOf(
          manager,
          `INSERT INTO replication (origin_innovation_id, adopter_institution_id, status, interest_on, agreed_on, implemented_on, adaptations, derived_innovation_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${columns}`,
          [origin.id, made.institution.id, ...params],
        );
    const audited = (r: Pick<ReplicationEntity, keyof typeof merged>) => Object.fromEntries(Object.keys(merged).map((k) => [k, r[k as keyof typeof merged]]));
    const context = { originInnovationId: origin.id, adopterInstitutionId: made.institution.id };
    changes.push({ subjectType: "replication", subjectId: after.id, summary: summariseChange(before ? audited(before) : null, audited(after), context) });
    return { result: after, changes };
  });
}
