import type { EntityManager } from "typeorm";

/**
 * What a publisher may write. Two independent parts, either or both:
 * - a region: innovations (and the institutions created for them) belong to regions;
 * - the competition series it organises: editions and results belong to competitions.
 *
 * "In scope", precisely:
 * - A region scope R covers a region code X when X = R, or R is a province and X one of its regencies
 *   or cities (X starts with "R."). It covers no national body (region null).
 * - A competition is in scope when the publisher organises it (publisher_competition). A region scope
 *   alone covers no competition, not even a provincial one: organisers are named explicitly.
 * - Creating an innovation: R covers its region; or the publisher organises a competition whose
 *   scope region covers it (organisers register their entrants; a national or international series
 *   takes entrants from anywhere).
 * - Changing an innovation (its fields, its status): R covers its region, and also the region it is
 *   being moved to; or it has a result in a competition the publisher organises (an organiser keeps
 *   the records of its own entrants). So a Jawa Tengah (33) publisher cannot change a Jawa Timur (35)
 *   innovation.
 * - Registering an edition, recording an edition's results: the edition's competition is in scope.
 *   The innovations named in results may be anywhere (a national competition's entrants are).
 *   So a Jawa Tengah publisher cannot touch a national edition unless it organises that competition.
 * - Recording a replication: R covers the adopter's region or the origin innovation's region (either
 *   side may report it); or the origin innovation has a result in a competition the publisher
 *   organises.
 */
export interface PublisherScope {
  /** Kemendagri code of the region the publisher writes in, or null. */
  readonly regionCode: string | null;
  /** The competition series it organises. */
  readonly competitions: readonly ScopedCompetition[];
}

/** A competition series a publisher organises, with the region it is held for (null: national or international). */
export interface ScopedCompetition {
  readonly id: number;
  readonly scopeRegionCode: string | null;
}

/** Scope facts about an existing innovation. */
export interface InnovationScopeFacts {
  readonly regionCode: string | null;
  /** Competition series in which it has a result. */
  readonly resultCompetitionIds: readonly number[];
}

/** What a write touches, as far as scope is concerned. Labels are only for the refusal's message. */
export type ScopeTarget =
  | { readonly kind: "newInnovation"; readonly regionCode: string | null }
  | {
      readonly kind: "innovation";
      readonly label: string;
      readonly facts: InnovationScopeFacts;
      /** The region it is being moved to, when the write changes it. */
      readonly newRegionCode?: string | null;
    }
  | { readonly kind: "competition"; readonly label: string; readonly competitionId: number }
  | {
      readonly kind: "replication";
      readonly adopterRegionCode: string | null;
      readonly originLabel: string;
      readonly origin: InnovationScopeFacts;
    };

/** The outcome of {@link checkScope}: allowed, or refused with a reason that names what is outside. */
export type ScopeDecision = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

const ALLOWED: ScopeDecision = Object.freeze({ allowed: true });

/** Whether region `outer` covers region `inner`: the same region, or a province and one of its regencies or cities. */
export function regionCovers(outer: string | null, inner: string | null): boolean {
  if (outer === null || inner === null) return false;
  return inner === outer || inner.startsWith(`${outer}.`);
}

/** Whether the region scope covers `regionCode` (see {@link PublisherScope}). */
export function regionInScope(scope: PublisherScope, regionCode: string | null): boolean {
  return regionCovers(scope.regionCode, regionCode);
}

/** Whether the publisher organises the competition. */
export function competitionInScope(scope: PublisherScope, competitionId: number): boolean {
  return scope.competitions.some((c) => c.id === competitionId);
}

/** Whether the publisher organises a competition that takes entrants from `regionCode`. */
function takesEntrantsFrom(scope: PublisherScope, regionCode: string | null): boolean {
  return scope.competitions.some((c) => c.scopeRegionCode === null || regionCovers(c.scopeRegionCode, regionCode));
}

function organisesAnyOf(scope: PublisherScope, competitionIds: readonly number[]): boolean {
  return competitionIds.some((id) => competitionInScope(scope, id));
}

function regionName(code: string | null): string {
  return code === null ? "no region (a national body)" : `region ${code}`;
}

function outside(scope: PublisherScope): string {
  const parts = [scope.regionCode === null ? "no region" : `region ${scope.regionCode}`];
  parts.push(scope.competitions.length === 0 ? "no competitions" : `${scope.competitions.length} competition(s) it organises`);
  return `this publisher's scope (${parts.join(" and ")})`;
}

/** Decides whether a write to `target` is inside `scope`, by the rules of {@link PublisherScope}. Pure. */
export function checkScope(scope: PublisherScope, target: ScopeTarget): ScopeDecision {
  switch (target.kind) {
    case "newInnovation":
      if (regionInScope(scope, target.regionCode) || takesEntrantsFrom(scope, target.regionCode)) return ALLOWED;
      return { allowed: false, reason: `A new innovation in ${regionName(target.regionCode)} is outside ${outside(scope)}.` };
    case "innovation": {
      if (organisesAnyOf(scope, target.facts.resultCompetitionIds)) return ALLOWED;
      if (!regionInScope(scope, target.facts.regionCode)) {
        return {
          allowed: false,
          reason: `${target.label} is in ${regionName(target.facts.regionCode)}, outside ${outside(scope)}, and has no result in a competition this publisher organises.`,
        };
      }
      if (target.newRegionCode !== undefined && !regionInScope(scope, target.newRegionCode)) {
        return { allowed: false, reason: `${target.label} cannot be moved to ${regionName(target.newRegionCode)}, outside ${outside(scope)}.` };
      }
      return ALLOWED;
    }
    case "competition":
      if (competitionInScope(scope, target.competitionId)) return ALLOWED;
      return { allowed: false, reason: `${target.label} is not a competition this publisher organises.` };
    case "replication":
      if (
        regionInScope(scope, target.adopterRegionCode) ||
        regionInScope(scope, target.origin.regionCode) ||
        organisesAnyOf(scope, target.origin.resultCompetitionIds)
      ) {
        return ALLOWED;
      }
      return {
        allowed: false,
        reason:
          `Neither the adopter (${regionName(target.adopterRegionCode)}) nor ${target.originLabel} (${regionName(target.origin.regionCode)}) ` +
          `is inside ${outside(scope)}, and ${target.originLabel} has no result in a competition this publisher organises.`,
      };
  }
}

/**
 * Scope facts of existing innovations, in one statement: each one's region and the competitions it
 * has results in. Innovations that do not exist are absent from the map.
 */
export async function loadInnovationScopeFacts(manager: EntityManager, innovationIds: readonly number[]): Promise<Map<number, InnovationScopeFacts>> {
  const rows: { id: number; regionCode: string | null; competitionIds: number[] }[] = await manager.query(
    `SELECT i.id, i.region_code AS "regionCode",
            COALESCE(array_agg(DISTINCT e.competition_id) FILTER (WHERE e.competition_id IS NOT NULL), '{}') AS "competitionIds"
       FROM innovation i
       LEFT JOIN award_result a ON a.innovation_id = i.id
       LEFT JOIN competition_edition e ON e.id = a.edition_id
      WHERE i.id = ANY($1::int[])
      GROUP BY i.id`,
    [innovationIds],
  );
  return new Map(rows.map((r) => [r.id, { regionCode: r.regionCode, resultCompetitionIds: r.competitionIds }]));
}
