import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  claim,
  complete,
  EMPTY_OUTBOX,
  enqueue,
  fail,
  isClaimable,
  OUTBOX_RETRY,
  retryDelayMs,
  type OutboxModel,
} from "../../src/search/outbox-state";

const LEASE = 60_000;

describe("retryDelayMs", () => {
  it("doubles from one second and stops at five minutes", () => {
    expect([1, 2, 3, 4, 9].map(retryDelayMs)).toEqual([1_000, 2_000, 4_000, 8_000, 256_000]);
    expect(retryDelayMs(10)).toBe(OUTBOX_RETRY.maxMs);
    expect(retryDelayMs(10_000)).toBe(OUTBOX_RETRY.maxMs);
    expect(() => retryDelayMs(0)).toThrow(RangeError);
  });
});

describe("the outbox state machine", () => {
  it("coalesces changes of one key into its pending row", () => {
    let model = enqueue(EMPTY_OUTBOX, "postgres:1", 0);
    model = enqueue(model, "postgres:1", 1);
    model = enqueue(model, "postgres:2", 2);
    expect(model.rows.map((r) => [r.key, r.state, r.events])).toEqual([
      ["postgres:1", "pending", 2],
      ["postgres:2", "pending", 1],
    ]);
  });

  it("opens a new pending row for a change made while the key is claimed", () => {
    const claimed = claim(enqueue(EMPTY_OUTBOX, "meilisearch:1", 0), { token: "a", now: 1, leaseMs: LEASE, limit: 10 });
    const model = enqueue(claimed.model, "meilisearch:1", 2);
    expect(model.rows.map((r) => r.state)).toEqual(["claimed", "pending"]);
    const done = complete(model, { token: "a", ids: [1], now: 3 });
    expect(done.lost).toEqual([]);
    expect(done.model.rows.map((r) => r.state)).toEqual(["done", "pending"]);
  });

  it("retries a failed row after its backoff, counting attempts", () => {
    let model = claim(enqueue(EMPTY_OUTBOX, "meilisearch:1", 0), { token: "a", now: 0, leaseMs: LEASE, limit: 10 }).model;
    model = fail(model, { token: "a", ids: [1], now: 10, error: "unreachable" });
    const [row] = model.rows;
    expect(row).toMatchObject({ state: "pending", attempts: 1, availableAt: 10 + 1_000, lastError: "unreachable", events: 1 });
    expect(claim(model, { token: "b", now: 1_009, leaseMs: LEASE, limit: 10 }).claimed).toEqual([]);
    const second = claim(model, { token: "b", now: 1_010, leaseMs: LEASE, limit: 10 });
    model = fail(second.model, { token: "b", ids: second.claimed.map((r) => r.id), now: 1_010, error: "still down" });
    expect(model.rows[0]).toMatchObject({ attempts: 2, availableAt: 1_010 + 2_000 });
  });

  it("merges a failed row into a pending row that a change made meanwhile", () => {
    let model = claim(enqueue(EMPTY_OUTBOX, "meilisearch:1", 0), { token: "a", now: 1, leaseMs: LEASE, limit: 10 }).model;
    model = enqueue(model, "meilisearch:1", 2);
    model = fail(model, { token: "a", ids: [1], now: 3, error: "timeout" });
    expect(model.rows).toHaveLength(1);
    expect(model.rows[0]).toMatchObject({ state: "pending", events: 2, attempts: 1, availableAt: 3 + 1_000, lastError: "timeout" });
  });

  it("gives a crashed worker's rows to the next worker once the lease runs out", () => {
    const crashed = claim(enqueue(EMPTY_OUTBOX, "meilisearch:1", 0), { token: "a", now: 0, leaseMs: LEASE, limit: 10 }).model;
    expect(isClaimable(crashed.rows[0], LEASE)).toBe(false);
    expect(claim(crashed, { token: "b", now: LEASE, leaseMs: LEASE, limit: 10 }).claimed).toEqual([]);
    const restarted = claim(crashed, { token: "b", now: LEASE + 1, leaseMs: LEASE, limit: 10 });
    expect(restarted.claimed.map((r) => r.claimToken)).toEqual(["b"]);
    expect(complete(restarted.model, { token: "b", ids: [1], now: LEASE + 2 }).model.rows[0].state).toBe("done");
  });

  it("does not let a worker that comes back late mark done what another holds, and queues the key again", () => {
    const first = claim(enqueue(EMPTY_OUTBOX, "meilisearch:1", 0), { token: "a", now: 0, leaseMs: LEASE, limit: 10 }).model;
    const second = claim(first, { token: "b", now: LEASE + 1, leaseMs: LEASE, limit: 10 }).model;
    const late = complete(second, { token: "a", ids: [1], now: LEASE + 2 });
    expect(late.lost).toEqual(["meilisearch:1"]);
    expect(late.model.rows.map((r) => [r.state, r.claimToken])).toEqual([
      ["claimed", "b"],
      ["pending", null],
    ]);
    expect(fail(second, { token: "a", ids: [1], now: LEASE + 2, error: "x" })).toEqual(second);
  });

  it("claims the longest-waiting rows first, at most the batch size", () => {
    let model: OutboxModel = EMPTY_OUTBOX;
    for (const [key, now] of [["postgres:3", 5], ["postgres:1", 1], ["postgres:2", 3]] as const) model = enqueue(model, key, now);
    expect(claim(model, { token: "a", now: 10, leaseMs: LEASE, limit: 2 }).claimed.map((r) => r.key)).toEqual(["postgres:1", "postgres:2"]);
  });
});

type Action =
  | { kind: "change"; key: string }
  | { kind: "claim"; worker: number; limit: number }
  | { kind: "succeed"; worker: number }
  | { kind: "fail"; worker: number }
  | { kind: "crash"; worker: number }
  | { kind: "wait"; ms: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant("change" as const), key: fc.constantFrom("meilisearch:1", "meilisearch:2", "meilisearch:3") }),
  fc.record({ kind: fc.constant("claim" as const), worker: fc.integer({ min: 0, max: 2 }), limit: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant("succeed" as const), worker: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ kind: fc.constant("fail" as const), worker: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ kind: fc.constant("crash" as const), worker: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ kind: fc.constant("wait" as const), ms: fc.integer({ min: 1, max: 2 * LEASE }) }),
);

describe("the outbox state machine under any interleaving (property)", () => {
  it("keeps one pending row per key, loses no change, and drains completely", () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 60 }), (actions) => {
        let model: OutboxModel = EMPTY_OUTBOX;
        let now = 0;
        let tokens = 0;
        const held: ({ token: string; ids: number[] } | null)[] = [null, null, null];
        const changes: { key: string; at: number }[] = [];

        // A change is safe while its key has a pending row, or a claim taken after it (whose reader saw it).
        const covered = (m: OutboxModel, change: { key: string; at: number }) =>
          m.rows.some((r) => r.key === change.key && (r.state === "pending" || (r.claimedAt !== null && r.claimedAt > change.at)));
        const checkInvariants = () => {
          const pendingKeys = model.rows.filter((r) => r.state === "pending").map((r) => r.key);
          expect(new Set(pendingKeys).size).toBe(pendingKeys.length);
          for (const change of changes) expect(covered(model, change), JSON.stringify(change)).toBe(true);
        };

        for (const a of actions) {
          now += 1;
          if (a.kind === "change") {
            model = enqueue(model, a.key, now);
            changes.push({ key: a.key, at: now });
          } else if (a.kind === "claim" && !held[a.worker]) {
            const token = `w${a.worker}-${++tokens}`;
            const result = claim(model, { token, now, leaseMs: LEASE, limit: a.limit });
            model = result.model;
            held[a.worker] = { token, ids: result.claimed.map((r) => r.id) };
          } else if (a.kind === "succeed" && held[a.worker]) {
            model = complete(model, { ...held[a.worker]!, now }).model;
            held[a.worker] = null;
          } else if (a.kind === "fail" && held[a.worker]) {
            model = fail(model, { ...held[a.worker]!, now, error: "down" });
            held[a.worker] = null;
          } else if (a.kind === "crash") {
            held[a.worker] = null;
          } else if (a.kind === "wait") {
            now += a.ms;
          }
          checkInvariants();
        }

        // Then every worker is gone, changes stop, and one healthy worker drains until nothing is left.
        for (let round = 0; round < 50; round++) {
          now += LEASE + OUTBOX_RETRY.maxMs + 1;
          const result = claim(model, { token: `final-${round}`, now, leaseMs: LEASE, limit: 100 });
          if (result.claimed.length === 0) break;
          now += 1;
          model = complete(result.model, { token: `final-${round}`, ids: result.claimed.map((r) => r.id), now }).model;
        }
        expect(model.rows.every((r) => r.state === "done")).toBe(true);
        for (const change of changes) expect(covered(model, change)).toBe(true);
      }),
      { numRuns: 1_000 },
    );
  });
});
