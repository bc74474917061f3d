/**
 * Imports made for a publisher: finding the publisher, holding every row to its scope (the rules of
 * src/publishing/scope.ts, the same as for the mutations), and recording an audit entry for every
 * record the import created or changed (src/publishing/audit.ts), in the import's transaction.
 */
import type { EntityManager } from "typeorm";
import { recordAudit, type AuditEntryInput } from "../publishing/audit";
import { checkScope, loadInnovationScopeFacts, type PublisherScope, type ScopedCompetition, type ScopeTarget } from "../publishing/scope";
import type { ImportScopeGuard, ImportScopeTarget } from "./import-plan";
import type { TouchedRecord } from "./import-writer";

/** The audit trail's name for writes made by an import. */
export const IMPORT_AUDIT_OPERATION = "importBatch";

/** A publisher an import is made for. */
export interface ImportPublisher {
  id: number;
  name: string;
  scope: PublisherScope;
  /** The API key of the request (the batch-import mutation); null for the command line. */
  apiKeyId: number | null;
}

/**
 * The publisher named `name` (exactly, or ignoring case when that is unambiguous), or null with the
 * names of all publishers, for the message.
 */
export async function findImportPublisher(manager: EntityManager, name: string): Promise<{ publisher: ImportPublisher | null; known: string[] }> {
  const rows: { id: number; name: string; regionCode: string | null; competitions: ScopedCompetition[] }[] = await manager.query(
    `SELECT p.id, p.name, p.region_code AS "regionCode",
            COALESCE(json_agg(json_build_object('id', c.id, 'scopeRegionCode', c.scope_region_code) ORDER BY c.id)
                       FILTER (WHERE c.id IS NOT NULL), '[]') AS competitions
       FROM publisher p
       LEFT JOIN publisher_competition pc ON pc.publisher_id = p.id
       LEFT JOIN competition c ON c.id = pc.competition_id
      GROUP BY p.id ORDER BY p.name`,
  );
  const exact = rows.find((r) => r.name === name);
  const folded = rows.filter((r) => r.name.toLowerCase() === name.toLowerCase());
  const found = exact ?? (folded.length === 1 ? folded[0] : undefined);
  return {
    publisher: found ? { id: found.id, name: found.name, scope: { regionCode: found.regionCode, competitions: found.competitions }, apiKeyId: null } : null,
    known: rows.map((r) => r.name),
  };
}

/** Holds import rows to `scope`: the reason each target is out of it, or null. Innovation facts are read in one statement. */
export function publisherScopeGuard(scope: PublisherScope): ImportScopeGuard {
  return {
    async check(manager, targets) {
      const ids = targets.flatMap((t) => (t.kind === "innovation" ? [t.id] : t.kind === "replication" && "id" in t.origin ? [t.origin.id] : []));
      const facts = ids.length > 0 ? await loadInnovationScopeFacts(manager, [...new Set(ids)]) : new Map();
      return targets.map((target) => {
        const scoped = toScopeTarget(target, facts);
        if (scoped === null) return "a new competition series is registered by the catalogue's operator (an import without --publisher), who then assigns it to its organiser";
        const decision = checkScope(scope, scoped);
        return decision.allowed ? null : decision.reason;
      });
    },
  };
}

function toScopeTarget(target: ImportScopeTarget, facts: Map<number, { regionCode: string | null; resultCompetitionIds: readonly number[] }>): ScopeTarget | null {
  const none = { regionCode: null, resultCompetitionIds: [] };
  switch (target.kind) {
    case "newInnovation":
      return { kind: "newInnovation", regionCode: target.regionCode };
    case "innovation":
      return { kind: "innovation", label: target.label, facts: facts.get(target.id) ?? none };
    case "competition":
      return target.competitionId === null ? null : { kind: "competition", label: target.label, competitionId: target.competitionId };
    case "replication":
      return {
        kind: "replication",
        adopterRegionCode: target.adopterRegionCode,
        originLabel: target.label,
        origin: "id" in target.origin ? (facts.get(target.origin.id) ?? none) : { regionCode: target.origin.regionCode, resultCompetitionIds: [] },
      };
  }
}

/**
 * Records an audit entry, through the import's transaction, for every record an import created or
 * changed for `publisher` (a record stated again without change is not a write, and is not recorded).
 */
export function publisherAudit(publisher: ImportPublisher): (manager: EntityManager, records: TouchedRecord[], runId: number) => Promise<void> {
  return async (manager, records, runId) => {
    const entries: AuditEntryInput[] = records
      .filter((r) => r.action !== "confirmed")
      .map((r) => ({
        publisherId: publisher.id,
        apiKeyId: publisher.apiKeyId,
        operation: IMPORT_AUDIT_OPERATION,
        subjectType: r.subjectType,
        subjectId: r.subjectId,
        sourceUrl: r.sourceUrl,
        summary: {
          action: r.action,
          changes: Object.fromEntries(Object.entries(r.changes).map(([field, c]) => [field, { from: auditValue(c.from), to: auditValue(c.to) }])),
          context: { importRun: runId, file: r.file, row: r.row },
        },
      }));
    await recordAudit(manager, entries);
  };
}

function auditValue(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return JSON.stringify(value);
}
