/**
 * The search outbox's state machine, as pure functions over an in-memory model. The SQL in
 * outbox-worker.ts performs the same transitions on `search_outbox`; this model states them once,
 * precisely, and test/unit/outbox-state.test.ts checks its guarantees over random interleavings of
 * changes, claims, successes, failures and crashes:
 *
 * - at most one row per (target, innovation) is pending: changes coalesce into it;
 * - no change is lost: every change is followed by a claim of its key that started after it (and so
 *   read the changed data), or its key still has a pending or claimed row;
 * - a worker that crashes holding rows loses nothing: its lease runs out and the rows are claimed
 *   again; a worker that comes back late cannot mark done what another worker has re-claimed.
 *
 *   change ──▶ pending ──claim──▶ claimed ──success──▶ done
 *                 ▲                  │ ╲
 *                 └── failure: back  │  ╲ lease runs out (crash): claimable again
 *                     with backoff ◀─┘
 */
import type { SearchOutboxState } from "../entities/search-outbox.entity";

/** Retry backoff after failed attempts: 1 s, 2 s, 4 s, … capped at 5 minutes. */
export const OUTBOX_RETRY = { baseMs: 1_000, maxMs: 300_000 } as const;

/** How long a pending row waits after its `attempts`-th failure (attempts ≥ 1). */
export function retryDelayMs(attempts: number): number {
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be a positive integer, got ${attempts}`);
  return Math.min(OUTBOX_RETRY.maxMs, OUTBOX_RETRY.baseMs * 2 ** Math.min(attempts - 1, 30));
}

/** One outbox row. Times are milliseconds since the epoch. */
export interface OutboxRow {
  readonly id: number;
  /** The (target, innovation) the row is about, e.g. "meilisearch:17". */
  readonly key: string;
  readonly state: SearchOutboxState;
  /** Changes coalesced into the row. */
  readonly events: number;
  readonly attempts: number;
  readonly availableAt: number;
  readonly claimToken: string | null;
  readonly claimedUntil: number | null;
  /** When the current claim was taken (what the claimant read is at least this fresh). */
  readonly claimedAt: number | null;
  readonly lastError: string | null;
}

export interface OutboxModel {
  readonly rows: readonly OutboxRow[];
  readonly nextId: number;
}

export const EMPTY_OUTBOX: OutboxModel = { rows: [], nextId: 1 };

/**
 * Whether a worker may claim the row now: pending and past its backoff, or claimed by a worker
 * whose lease has run out (it crashed or hung).
 */
export function isClaimable(row: OutboxRow, now: number): boolean {
  if (row.state === "pending") return row.availableAt <= now;
  if (row.state === "claimed") return row.claimedUntil !== null && row.claimedUntil < now;
  return false;
}

/**
 * Records changes of `key` (the trigger, or a re-queue): coalesced into the key's pending row if there
 * is one, else a new pending row. A re-queue after failure passes its attempts, backoff and error;
 * merged into an existing pending row, they take the larger attempts and the later availability.
 */
export function enqueue(
  model: OutboxModel,
  key: string,
  now: number,
  carry: { events?: number; attempts?: number; availableAt?: number; lastError?: string | null } = {},
): OutboxModel {
  const events = carry.events ?? 1;
  const pending = model.rows.find((r) => r.key === key && r.state === "pending");
  if (pending) {
    const merged: OutboxRow = {
      ...pending,
      events: pending.events + events,
      attempts: Math.max(pending.attempts, carry.attempts ?? 0),
      availableAt: Math.max(pending.availableAt, carry.availableAt ?? now),
      lastError: carry.lastError ?? pending.lastError,
    };
    return { ...model, rows: model.rows.map((r) => (r === pending ? merged : r)) };
  }
  const row: OutboxRow = {
    id: model.nextId,
    key,
    state: "pending",
    events,
    attempts: carry.attempts ?? 0,
    availableAt: carry.availableAt ?? now,
    claimToken: null,
    claimedUntil: null,
    claimedAt: null,
    lastError: carry.lastError ?? null,
  };
  return { rows: [...model.rows, row], nextId: model.nextId + 1 };
}

/** Claims up to `limit` claimable rows (oldest availability first) for the worker holding `token`. */
export function claim(
  model: OutboxModel,
  options: { token: string; now: number; leaseMs: number; limit: number },
): { model: OutboxModel; claimed: readonly OutboxRow[] } {
  const { token, now, leaseMs, limit } = options;
  const chosen = new Set(
    model.rows
      .filter((r) => isClaimable(r, now))
      .sort((a, b) => a.availableAt - b.availableAt || a.id - b.id)
      .slice(0, limit)
      .map((r) => r.id),
  );
  const rows = model.rows.map((r): OutboxRow =>
    chosen.has(r.id) ? { ...r, state: "claimed", claimToken: token, claimedUntil: now + leaseMs, claimedAt: now } : r,
  );
  return { model: { ...model, rows }, claimed: rows.filter((r) => chosen.has(r.id)) };
}

/**
 * The worker holding `token` applied rows `ids`: they become done. A row it no longer holds (its
 * lease ran out and another worker claimed it) is not touched; its key is queued again, because what
 * this worker wrote may have landed after, and over, the other worker's fresher write.
 */
export function complete(
  model: OutboxModel,
  options: { token: string; ids: readonly number[]; now: number },
): { model: OutboxModel; lost: readonly string[] } {
  const { token, ids, now } = options;
  const held = (r: OutboxRow) => ids.includes(r.id) && r.state === "claimed" && r.claimToken === token;
  const lost = [...new Set(model.rows.filter((r) => ids.includes(r.id) && !held(r)).map((r) => r.key))];
  let next: OutboxModel = {
    ...model,
    rows: model.rows.map((r): OutboxRow =>
      held(r) ? { ...r, state: "done", claimToken: null, claimedUntil: null, lastError: null } : r,
    ),
  };
  for (const key of lost) next = enqueue(next, key, now);
  return { model: next, lost };
}

/**
 * The worker holding `token` could not apply rows `ids`: each held row is replaced by a pending row
 * of its key (merged into the key's pending row if another change made one meanwhile), with one more
 * attempt and the backoff {@link retryDelayMs}. Rows it no longer holds are left to their new holder.
 */
export function fail(model: OutboxModel, options: { token: string; ids: readonly number[]; now: number; error: string }): OutboxModel {
  const { token, ids, now, error } = options;
  const held = model.rows.filter((r) => ids.includes(r.id) && r.state === "claimed" && r.claimToken === token);
  let next: OutboxModel = { ...model, rows: model.rows.filter((r) => !held.includes(r)) };
  for (const row of held) {
    const attempts = row.attempts + 1;
    next = enqueue(next, row.key, now, { events: row.events, attempts, availableAt: now + retryDelayMs(attempts), lastError: error });
  }
  return next;
}
