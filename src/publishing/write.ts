import type { DataSource, EntityManager } from "typeorm";
import type { SourceSubjectType } from "../entities/source-link.entity";
import { recordAudit, type AuditSummary } from "./audit";
import type { AuthenticatedPublisher } from "./authenticate";
import { forbidden } from "./errors";
import { checkScope, type ScopeTarget } from "./scope";
import { citeSource, type SourceCitation } from "./source-citation";
import { httpUrl, optionalText, pastDate, todayInIndonesia, type FieldPath, type ProblemList } from "./user-errors";

/** One record a write made or changed, with the summary its audit entry keeps. */
export interface SubjectChange {
  readonly subjectType: SourceSubjectType;
  readonly subjectId: number;
  readonly summary: AuditSummary;
}

/** What a write's body returns: its result, and every record it touched. */
export interface WriteOutcome<T> {
  readonly result: T;
  readonly changes: readonly SubjectChange[];
}

/** The citation input every mutation takes. */
export interface SourceCitationInput {
  readonly url: string;
  readonly title?: string | null;
  readonly retrievedAt?: string | null;
}

/** Validates a citation; problems are reported under `field` (e.g. `["input", "source"]`). */
export function validateCitation(problems: ProblemList, input: SourceCitationInput, field: FieldPath): SourceCitation {
  const url = httpUrl(problems, input.url, [...field, "url"]) ?? "";
  const title = optionalText(problems, input.title, [...field, "title"], 500) ?? null;
  const retrievedAt = pastDate(problems, input.retrievedAt, [...field, "retrievedAt"], todayInIndonesia()) ?? null;
  return { url, title, retrievedAt };
}

/**
 * The rows a statement returns: its RETURNING rows, for INSERT, UPDATE and DELETE alike (TypeORM's
 * `manager.query` answers `[rows, count]` for UPDATE and DELETE). Needs the transaction's manager.
 */
export async function rowsOf<T>(manager: EntityManager, sql: string, parameters: readonly unknown[]): Promise<T[]> {
  const result = await manager.queryRunner!.query(sql, [...parameters], true);
  return result.records as T[];
}

/** Refuses a write outside the publisher's scope with FORBIDDEN (see scope.ts for the rules). */
export function assertInScope(publisher: AuthenticatedPublisher, target: ScopeTarget): void {
  const decision = checkScope(publisher.scope, target);
  if (!decision.allowed) throw forbidden(`Publisher "${publisher.name}" may not make this write. ${decision.reason}`);
}

/**
 * Runs a publisher's write in one transaction with its provenance: the body's changes, a source link
 * from every touched record to the cited page (asserted by the publisher), and an audit entry per
 * touched record. If anything fails (the body finds a problem, is refused, or a statement fails),
 * nothing is written.
 *
 * The body must use only the `manager` it is given: on the embedded database the pool has one
 * connection, which the transaction holds.
 */
export async function publishWrite<T>(
  dataSource: DataSource,
  publisher: AuthenticatedPublisher,
  operation: string,
  citation: SourceCitation,
  body: (manager: EntityManager) => Promise<WriteOutcome<T>>,
): Promise<T> {
  return dataSource.transaction(async (manager) => {
    const { result, changes } = await body(manager);
    await citeSource(manager, citation, changes, publisher.name);
    await recordAudit(
      manager,
      changes.map((c) => ({
        publisherId: publisher.id,
        apiKeyId: publisher.apiKeyId,
        operation,
        subjectType: c.subjectType,
        subjectId: c.subjectId,
        sourceUrl: citation.url,
        summary: c.summary,
      })),
    );
    return result;
  });
}
