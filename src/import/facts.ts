/**
 * Which incoming facts an import applies to a record the catalogue already holds. Pure.
 *
 * The rule, field by field (README, "Importing data"):
 * - a field the record does not have yet is filled;
 * - a field that already says the same thing is left alone;
 * - a field whose value is the seed catalogue's, or was stated by this same asserter before, is
 *   corrected (a publisher's data is better than the compiled seed, and a publisher may correct itself);
 * - a field whose value another publisher stated (or someone else wrote) is kept: the difference is a
 *   conflict, reported and kept for review, and the incoming claim is recorded with its source, so the
 *   record shows both sources and what each said.
 */

/** One fact of a record: its API field name (as claims record it) and its column. */
export interface FactField {
  field: string;
  column: string;
}

/** A recorded claim about the record: who, and what they said (field → value as text). */
export interface ClaimView {
  asserter: string;
  statements: Readonly<Record<string, string | null>>;
}

/** Who the held value of a field belongs to. */
export type FactOwner = { kind: "empty" } | { kind: "seed" } | { kind: "asserter"; asserter: string } | { kind: "unknown" };

/** A fact the import did not apply because someone else holds a different value. */
export interface FactConflict {
  field: string;
  held: string;
  incoming: string;
  /** The asserter of the held value ("publisher:…", "operator"), or null when unknown (a mutation, a hand edit). */
  heldBy: string | null;
}

/** What to write: column → new value, and the conflicts left for review. */
export interface FactDecision {
  set: Record<string, unknown>;
  conflicts: FactConflict[];
}

/** A value as text, for comparing what a database column holds with what a file states. */
export function factText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return JSON.stringify(value);
}

/**
 * Who the held value of `fact` belongs to: a claim that states it (this asserter's own claim first),
 * else the seed when it equals the seed snapshot, else nobody known.
 */
export function ownerOf(
  fact: FactField,
  held: unknown,
  snapshot: Readonly<Record<string, unknown>> | null,
  claims: readonly ClaimView[],
  asserter: string,
): FactOwner {
  const heldText = factText(held);
  if (heldText === null) return { kind: "empty" };
  const stating = claims.filter((c) => c.statements[fact.field] === heldText);
  if (stating.some((c) => c.asserter === asserter)) return { kind: "asserter", asserter };
  if (stating.length > 0) return { kind: "asserter", asserter: stating[0].asserter };
  if (snapshot && fact.column in snapshot && factText(snapshot[fact.column]) === heldText) return { kind: "seed" };
  return { kind: "unknown" };
}

/**
 * Decides, field by field, what of `incoming` (column → value; null means "not stated") to write over
 * `held` (column → value) for `asserter`. See the file comment for the rule.
 */
export function mergeFacts(
  facts: readonly FactField[],
  held: Readonly<Record<string, unknown>>,
  incoming: Readonly<Record<string, unknown>>,
  owner: (fact: FactField) => FactOwner,
  asserter: string,
): FactDecision {
  const decision: FactDecision = { set: {}, conflicts: [] };
  for (const fact of facts) {
    const next = incoming[fact.column];
    const nextText = factText(next);
    if (nextText === null) continue;
    const heldText = factText(held[fact.column]);
    if (heldText === nextText) continue;
    const who = owner(fact);
    if (who.kind === "empty" || who.kind === "seed" || (who.kind === "asserter" && who.asserter === asserter)) {
      decision.set[fact.column] = next;
    } else {
      decision.conflicts.push({
        field: fact.field,
        held: heldText ?? "",
        incoming: nextText,
        heldBy: who.kind === "asserter" ? who.asserter : null,
      });
    }
  }
  return decision;
}
