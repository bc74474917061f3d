import { DateTimeResolver, JSONObjectResolver, JSONResolver } from "graphql-scalars";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import type { AuditEntryEntity } from "../entities";
import type { SourceSubjectType } from "../entities/source-link.entity";
import type { AuditValue } from "../publishing/audit";
import { Connection } from "./connection";
import { encodeGlobalId, type NodeTypeName } from "./global-id";

/** What an audit entry says happened to its subject. */
export enum AuditAction {
  CREATED = "created",
  UPDATED = "updated",
  CONFIRMED = "confirmed",
}
registerEnumType(AuditAction, {
  name: "AuditAction",
  description: "What a write did to its record.",
  valuesConfig: {
    CREATED: { description: "Made the record." },
    UPDATED: { description: "Changed the fields listed in `changes`." },
    CONFIRMED: { description: "Wrote the values the record already held: the publisher re-asserted them, citing its source." },
  },
});

/** The Node type of each audited subject type. */
export const SUBJECT_NODE_TYPES: Readonly<Record<SourceSubjectType, NodeTypeName>> = {
  innovation: "Innovation",
  award_result: "AwardResult",
  competition_edition: "CompetitionEdition",
  knowledge_event: "KnowledgeEvent",
  replication: "Replication",
  institution: "Institution",
  competition: "Competition",
};

@ObjectType("AuditFieldChange", { description: "One field a write set: its value before and after." })
export class AuditFieldChange {
  @Field(() => String, { description: "The field, as the API names it (e.g. `regionCode`, `tier`)." })
  field: string;

  @Field(() => JSONResolver, { nullable: true, description: "The value before; null when the record was created or the field was empty." })
  from: AuditValue;

  @Field(() => JSONResolver, { nullable: true, description: "The value after." })
  to: AuditValue;
}

@ObjectType("AuditEntry", {
  description:
    "One write by a publisher to one record: who made it, when, what changed, and the public page it cites. " +
    "The audit trail is public provenance; it never shows key material.",
})
export class AuditEntry {
  rowId: number;
  publisherId: number;
  subjectType: SourceSubjectType;
  subjectRowId: number;

  @Field(() => Int, { description: "Sequence number of the entry: later writes have higher numbers." })
  number: number;

  @Field(() => DateTimeResolver, { description: "When the write was made." })
  recordedAt: Date;

  @Field(() => String, { description: 'The operation, e.g. "saveInnovation" or "recordAwardResults".' })
  operation: string;

  @Field(() => ID, { description: "Global ID of the record written; fetch it with `node(id:)`, or through `subject`." })
  subjectId: string;

  @Field(() => String, { description: "The public page the write cites." })
  sourceUrl: string;

  @Field(() => AuditAction, { description: "What the write did to the record." })
  action: AuditAction;

  @Field(() => [AuditFieldChange], { description: "The fields it set, with values before and after; empty when it confirmed the record as it was." })
  changes: AuditFieldChange[];

  @Field(() => JSONObjectResolver, { nullable: true, description: "What else identifies the change, e.g. the innovation and edition of an award result." })
  context: Record<string, AuditValue> | null;

  static from(entity: AuditEntryEntity): AuditEntry {
    const changes = Object.entries(entity.summary.changes ?? {}).map(([field, change]) =>
      Object.assign(new AuditFieldChange(), { field, from: change.from, to: change.to }),
    );
    return Object.assign(new AuditEntry(), {
      rowId: entity.id,
      publisherId: entity.publisherId,
      subjectType: entity.subjectType,
      subjectRowId: entity.subjectId,
      number: entity.id,
      recordedAt: entity.recordedAt,
      operation: entity.operation,
      subjectId: encodeGlobalId(SUBJECT_NODE_TYPES[entity.subjectType], entity.subjectId),
      sourceUrl: entity.sourceUrl,
      action: entity.summary.action as AuditAction,
      changes,
      context: (entity.summary.context as Record<string, AuditValue> | undefined) ?? null,
    });
  }
}

@ObjectType("AuditEntryConnection", { description: "A page of audit entries, newest first (Relay cursor connection)." })
export class AuditEntryConnection extends Connection(AuditEntry, "AuditEntry", "Number of audit entries that match.") {}
