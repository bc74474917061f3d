import type { EntityManager } from "typeorm";
import type { SourceSubjectType } from "../entities/source-link.entity";

/**
 * The audit trail: one `audit_entry` per record a publisher writes. Public API for every writer
 * (the mutations here, and batch imports): call {@link recordAudit} with the transaction's manager,
 * in the same transaction as the change, so that a change and its audit entry exist together or not
 * at all.
 */

/** Operations the mutations record. Other writers (a batch import) may use their own names. */
export const AUDIT_OPERATIONS = [
  "saveInnovation",
  "updateInnovationStatus",
  "registerCompetitionEdition",
  "recordAwardResults",
  "recordReplication",
] as const;

/** What happened to the subject: made, changed, or written again with the same values (a re-assertion). */
export type AuditAction = "created" | "updated" | "confirmed";

/** A JSON value as stored in the summary. */
export type AuditValue = string | number | boolean | null | readonly AuditValue[] | { readonly [key: string]: AuditValue };

/**
 * The JSON summary of one change. `changes` holds every field the write set to a new value, with the
 * value before (null when created) and after. `context` holds what a reader needs to make sense of
 * the entry without joining, e.g. the innovation and edition of an award result.
 */
export interface AuditSummary {
  readonly action: AuditAction;
  readonly changes: { readonly [field: string]: { readonly from: AuditValue; readonly to: AuditValue } };
  readonly context?: { readonly [key: string]: AuditValue };
}

/** One audit entry to record. */
export interface AuditEntryInput {
  readonly publisherId: number;
  /** The key the write was made with; null when none was (a command-line import run for a publisher). */
  readonly apiKeyId: number | null;
  /** e.g. one of {@link AUDIT_OPERATIONS}, or "importBatch". */
  readonly operation: string;
  readonly subjectType: SourceSubjectType;
  readonly subjectId: number;
  /** The public page the write cites. */
  readonly sourceUrl: string;
  readonly summary: AuditSummary;
}

/**
 * Records audit entries, any number in one statement, through `manager` (pass the manager of the
 * write's transaction). The time recorded is the transaction's start (`now()`).
 */
export async function recordAudit(manager: EntityManager, entries: AuditEntryInput | readonly AuditEntryInput[]): Promise<void> {
  const list: readonly AuditEntryInput[] = Array.isArray(entries) ? entries : [entries as AuditEntryInput];
  if (list.length === 0) return;
  await manager.query(
    `INSERT INTO audit_entry (publisher_id, api_key_id, operation, subject_type, subject_id, source_url, summary)
     SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::int[], $6::text[], $7::jsonb[])`,
    [
      list.map((e) => e.publisherId),
      list.map((e) => e.apiKeyId),
      list.map((e) => e.operation),
      list.map((e) => e.subjectType),
      list.map((e) => e.subjectId),
      list.map((e) => e.sourceUrl),
      list.map((e) => JSON.stringify(e.summary)),
    ],
  );
}

/**
 * The summary of writing `after` over `before` (null when the record is new): every field of `after`
 * whose value differs, compared as JSON.
 */
export function summariseChange(
  before: { readonly [field: string]: unknown } | null,
  after: { readonly [field: string]: unknown },
  context?: AuditSummary["context"],
): AuditSummary {
  const changes: Record<string, { from: AuditValue; to: AuditValue }> = {};
  for (const [field, value] of Object.entries(after)) {
    const from = before ? toAuditValue(before[field]) : null;
    const to = toAuditValue(value);
    if (before && JSON.stringify(from) === JSON.stringify(to)) continue;
    changes[field] = { from, to };
  }
  const action: AuditAction = before === null ? "created" : Object.keys(changes).length > 0 ? "updated" : "confirmed";
  return context ? { action, changes, context } : { action, changes };
}

function toAuditValue(value: unknown): AuditValue {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  return JSON.parse(JSON.stringify(value)) as AuditValue;
}
