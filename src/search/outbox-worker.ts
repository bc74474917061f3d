/**
 * Drains the search outbox (search_outbox, written by triggers in the same transaction as every
 * change a search document depends on) into each search index. The transitions are the ones modelled
 * and tested in outbox-state.ts.
 *
 * - Postgres target: one transaction claims rows (FOR UPDATE SKIP LOCKED), refreshes the innovations'
 *   search documents and marks the rows done. Either all of it commits or none of it does.
 * - Meilisearch target (when configured): a short transaction claims rows with a lease; the documents
 *   are read and pushed; only after Meilisearch's tasks have succeeded are the rows marked done, and
 *   only if this worker still holds them. A failure puts them back as pending with a backoff; a crash
 *   leaves them claimed until the lease runs out, when any worker takes them again.
 *
 * Every step is idempotent (a refresh or push of an unchanged innovation changes nothing), so a row
 * processed twice after a crash does no harm; many changes of one innovation coalesce into one row.
 */
import { randomUUID } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import type { SearchOutboxTarget } from "../entities/search-outbox-target.entity";
import type { Logger } from "../server/logger";
import { toMeilisearchDocument } from "./meilisearch/documents";
import { unavailableReason } from "./meilisearch/errors";
import type { MeilisearchIndex } from "./meilisearch/meilisearch-index";
import { retryDelayMs } from "./outbox-state";
import { refreshSearchDocuments } from "./postgres-search-index";
import { loadSearchSources, toSearchDocument } from "./search-document";

/** Rows claimed per batch. */
export const OUTBOX_BATCH_SIZE = 500;
/** How often the worker looks for new rows when the outbox is empty. */
export const OUTBOX_POLL_MS = 1_000;
/** Done rows are kept this long (for inspection, and for a reindex's catch-up), then deleted. */
export const OUTBOX_RETENTION_MS = 7 * 24 * 3600 * 1_000;

/** What one drain did for one target. */
export interface TargetDrainReport {
  /** Outbox rows completed, by id (ids are bigint, as strings). */
  readonly rowIds: readonly string[];
  /** Distinct innovations re-indexed (written, or deleted when the innovation is gone). */
  readonly innovations: number;
  /** Why the target stopped early (Meilisearch down); its rows stay pending with a backoff. */
  readonly error: string | null;
}

export interface DrainReport {
  readonly postgres: TargetDrainReport;
  /** Null when Meilisearch is not configured. */
  readonly meilisearch: TargetDrainReport | null;
}

interface ClaimedRow {
  id: string;
  innovationId: number;
  attempts: number;
  events: number;
}

/**
 * A CTE `claimable` that locks up to `limit` claimable rows of target $1 that no one else holds (SKIP
 * LOCKED), oldest first: pending rows past their backoff, and claimed rows whose lease ran out.
 */
function claimable(limit: number): string {
  return `WITH claimable AS (
            SELECT id FROM search_outbox
             WHERE target = $1 AND ((state = 'pending' AND available_at <= now()) OR (state = 'claimed' AND claimed_until < now()))
             ORDER BY available_at, id LIMIT ${Math.trunc(limit)} FOR UPDATE SKIP LOCKED)`;
}

const uniqueInnovations = (rows: readonly ClaimedRow[]): number[] => [...new Set(rows.map((r) => r.innovationId))];

/**
 * Queues innovations for `target` again (coalescing into their pending rows): after a failed push
 * (with `attempts` and a backoff), after a lost claim, or after a reindex. Several rows of one
 * innovation are merged first, as `fail` merges them in the model.
 */
export async function requeue(
  manager: EntityManager,
  target: SearchOutboxTarget,
  entries: readonly { innovationId: number; events?: number; attempts?: number; error?: string | null }[],
): Promise<void> {
  const merged = new Map<number, { events: number; attempts: number; error: string | null }>();
  for (const e of entries) {
    const prev = merged.get(e.innovationId);
    merged.set(e.innovationId, {
      events: (prev?.events ?? 0) + (e.events ?? 1),
      attempts: Math.max(prev?.attempts ?? 0, e.attempts ?? 0),
      error: e.error ?? prev?.error ?? null,
    });
  }
  if (merged.size === 0) return;
  const ids = [...merged.keys()].sort((a, b) => a - b);
  const values = ids.map((id) => merged.get(id)!);
  await manager.query(
    `INSERT INTO search_outbox (target, innovation_id, events, attempts, available_at, last_error)
     SELECT $1, x.innovation_id, x.events, x.attempts, now() + x.delay_ms * interval '1 millisecond', x.last_error
       FROM unnest($2::int[], $3::int[], $4::int[], $5::int[], $6::text[]) AS x(innovation_id, events, attempts, delay_ms, last_error)
     ON CONFLICT (target, innovation_id) WHERE state = 'pending'
     DO UPDATE SET events = search_outbox.events + EXCLUDED.events,
                   attempts = GREATEST(search_outbox.attempts, EXCLUDED.attempts),
                   available_at = GREATEST(search_outbox.available_at, EXCLUDED.available_at),
                   last_error = COALESCE(EXCLUDED.last_error, search_outbox.last_error),
                   txid = EXCLUDED.txid, updated_at = now()`,
    [
      target,
      ids,
      values.map((v) => v.events),
      values.map((v) => v.attempts),
      values.map((v) => (v.attempts > 0 ? retryDelayMs(v.attempts) : 0)),
      values.map((v) => v.error),
    ],
  );
}

/** One Postgres-target batch, in one transaction. Returns the rows completed (none when the outbox is empty). */
async function drainPostgresBatch(dataSource: DataSource, batchSize: number): Promise<{ rows: ClaimedRow[] }> {
  return dataSource.transaction(async (manager) => {
    const rows: ClaimedRow[] = await manager.query(
      `${claimable(batchSize)}
       SELECT o.id, o.innovation_id AS "innovationId", o.attempts, o.events FROM search_outbox o JOIN claimable c ON c.id = o.id`,
      ["postgres"],
    );
    if (rows.length === 0) return { rows };
    await refreshSearchDocuments(manager, uniqueInnovations(rows));
    await manager.query(
      `UPDATE search_outbox SET state = 'done', processed_at = now(), updated_at = now(), last_error = NULL
        WHERE id = ANY($1::bigint[])`,
      [rows.map((r) => r.id)],
    );
    return { rows };
  });
}

/** How long a Meilisearch claim is held: long enough for two task waits and the reads around them. */
function leaseMs(index: MeilisearchIndex): number {
  return 2 * index.config.taskTimeoutMs + 60_000;
}

/**
 * One Meilisearch-target batch: claim (committed), read, push and wait, then complete or fail.
 * Throws nothing for Meilisearch being down: the rows go back with a backoff and the reason is returned.
 */
async function drainMeilisearchBatch(
  dataSource: DataSource,
  index: MeilisearchIndex,
  batchSize: number,
): Promise<{ rows: ClaimedRow[]; error: string | null }> {
  const token = randomUUID();
  const rows: ClaimedRow[] = await dataSource.query(
    `${claimable(batchSize)},
     claimed AS (
       UPDATE search_outbox o SET state = 'claimed', claim_token = $2, claimed_until = now() + $3 * interval '1 millisecond', updated_at = now()
         FROM claimable c WHERE o.id = c.id
       RETURNING o.id, o.innovation_id AS "innovationId", o.attempts, o.events)
     SELECT * FROM claimed`,
    ["meilisearch", token, leaseMs(index)],
  );
  if (rows.length === 0) return { rows, error: null };
  const ids = uniqueInnovations(rows);
  try {
    const documents = (await loadSearchSources(dataSource.manager, ids)).map((s) => toMeilisearchDocument(toSearchDocument(s)));
    const found = new Set(documents.map((d) => d.innovationId));
    await index.apply(documents, ids.filter((id) => !found.has(id)).map(String));
  } catch (error) {
    const reason = unavailableReason(error) ?? (error instanceof Error ? error.message : String(error));
    await dataSource.transaction(async (manager) => {
      const held: ClaimedRow[] = await manager.query(
        `WITH held AS (
           DELETE FROM search_outbox WHERE id = ANY($1::bigint[]) AND claim_token = $2
           RETURNING id, innovation_id AS "innovationId", attempts, events)
         SELECT * FROM held`,
        [rows.map((r) => r.id), token],
      );
      await requeue(manager, "meilisearch", held.map((r) => ({ innovationId: r.innovationId, events: r.events, attempts: r.attempts + 1, error: reason })));
    });
    return { rows: [], error: reason };
  }
  return dataSource.transaction(async (manager) => {
    const done: { id: string }[] = await manager.query(
      `WITH done AS (
         UPDATE search_outbox SET state = 'done', claim_token = NULL, claimed_until = NULL, processed_at = now(), updated_at = now(), last_error = NULL
          WHERE id = ANY($1::bigint[]) AND claim_token = $2 RETURNING id)
       SELECT id FROM done`,
      [rows.map((r) => r.id), token],
    );
    const doneIds = new Set(done.map((r) => String(r.id)));
    // Rows another worker re-claimed meanwhile: what this worker wrote may have landed over its write.
    const lost = rows.filter((r) => !doneIds.has(String(r.id)));
    await requeue(manager, "meilisearch", lost.map((r) => ({ innovationId: r.innovationId })));
    return { rows: rows.filter((r) => doneIds.has(String(r.id))), error: null };
  });
}

async function drainTarget(batch: () => Promise<{ rows: ClaimedRow[]; error?: string | null }>): Promise<TargetDrainReport> {
  const rowIds: string[] = [];
  const innovations = new Set<number>();
  for (;;) {
    const { rows, error } = await batch();
    for (const r of rows) {
      rowIds.push(String(r.id));
      innovations.add(r.innovationId);
    }
    if (error) return { rowIds, innovations: innovations.size, error };
    if (rows.length === 0) return { rowIds, innovations: innovations.size, error: null };
  }
}

/** Tables whose writes the outbox triggers watch (see migration 1763905000000). */
const WATCHED_TABLES = ["innovation", "award_result", "institution", "region", "competition", "competition_edition"];

/**
 * Registers the Meilisearch target, so that the triggers start writing rows for it, and queues every
 * innovation for it. The watched tables are locked against writes meanwhile (SHARE mode waits for
 * writers in flight and holds off new ones until commit), so that no change can slip between a
 * trigger that did not yet see the target and the queueing. Returns whether it was newly registered;
 * idempotent and cheap once registered.
 */
export async function registerMeilisearchTarget(dataSource: DataSource): Promise<boolean> {
  const [known]: unknown[] = await dataSource.query(`SELECT 1 FROM search_outbox_target WHERE name = 'meilisearch'`);
  if (known) return false;
  return dataSource.transaction(async (manager) => {
    await manager.query(`LOCK TABLE ${WATCHED_TABLES.map((t) => `"${t}"`).join(", ")} IN SHARE MODE`);
    const inserted: unknown[] = await manager.query(
      `INSERT INTO search_outbox_target (name) VALUES ('meilisearch') ON CONFLICT (name) DO NOTHING RETURNING name`,
    );
    if (inserted.length === 0) return false;
    await manager.query(
      `INSERT INTO search_outbox (target, innovation_id) SELECT 'meilisearch', id FROM innovation ORDER BY id
       ON CONFLICT (target, innovation_id) WHERE state = 'pending' DO NOTHING`,
    );
    return true;
  });
}

/**
 * Drains the outbox now: the Postgres target until no claimable row is left, then, when `meilisearch`
 * is given (and registered), the Meilisearch target until it is empty or Meilisearch fails (its rows
 * then wait for their backoff). Safe to run concurrently with other drains and workers: rows are
 * claimed with SKIP LOCKED, so no row is processed by two drains at once.
 */
export async function drainSearchOutbox(
  dataSource: DataSource,
  options: { meilisearch?: MeilisearchIndex | null; batchSize?: number } = {},
): Promise<DrainReport> {
  const batchSize = options.batchSize ?? OUTBOX_BATCH_SIZE;
  const postgres = await drainTarget(() => drainPostgresBatch(dataSource, batchSize));
  const index = options.meilisearch;
  const meilisearch = index ? await drainTarget(() => drainMeilisearchBatch(dataSource, index, batchSize)) : null;
  return { postgres, meilisearch };
}

/** Deletes done rows older than {@link OUTBOX_RETENTION_MS}. Returns how many. */
export async function pruneSearchOutbox(dataSource: DataSource): Promise<number> {
  const [{ n }]: { n: number }[] = await dataSource.query(
    `WITH gone AS (DELETE FROM search_outbox WHERE state = 'done' AND processed_at < now() - $1 * interval '1 millisecond' RETURNING 1)
     SELECT count(*)::int AS n FROM gone`,
    [OUTBOX_RETENTION_MS],
  );
  return n;
}

/**
 * The outbox worker of a server: drains every {@link OUTBOX_POLL_MS} (at once again when a batch was
 * full), logs what it did and what failed, and keeps going through database and Meilisearch outages.
 */
export class SearchOutboxWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private meiliReady = false;
  private lastPrune = 0;
  private lastMeiliError: string | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly meilisearch: MeilisearchIndex | null,
    private readonly logger: Logger,
    private readonly pollMs: number = OUTBOX_POLL_MS,
  ) {}

  /** Starts polling; the first drain runs immediately. */
  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops polling and waits for a drain in progress to finish. Idempotent. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.tick().finally(() => {
        this.running = null;
      });
    }, delayMs);
    this.timer.unref();
  }

  /** Makes the Meilisearch target ready once: registered, and its index created with its settings. */
  private async prepareMeilisearch(): Promise<MeilisearchIndex | null> {
    if (!this.meilisearch) return null;
    if (this.meiliReady) return this.meilisearch;
    try {
      if (await registerMeilisearchTarget(this.dataSource)) {
        this.logger.info("search outbox: Meilisearch target registered; every innovation queued for it");
      }
      if (await this.meilisearch.ensure()) this.logger.info(`search outbox: created Meilisearch index "${this.meilisearch.uid}"`);
      this.meiliReady = true;
      return this.meilisearch;
    } catch (error) {
      this.reportMeiliError(unavailableReason(error) ?? (error as Error).message);
      return null;
    }
  }

  private reportMeiliError(reason: string | null): void {
    if (reason && reason !== this.lastMeiliError) this.logger.warn(`search outbox: pushing to Meilisearch failed, retrying with backoff: ${reason}`);
    if (!reason && this.lastMeiliError) this.logger.info("search outbox: Meilisearch is available again");
    this.lastMeiliError = reason;
  }

  private async tick(): Promise<void> {
    try {
      const meilisearch = await this.prepareMeilisearch();
      const report = await drainSearchOutbox(this.dataSource, { meilisearch });
      if (meilisearch) this.reportMeiliError(report.meilisearch?.error ?? null);
      const p = report.postgres.innovations;
      const m = report.meilisearch?.innovations ?? 0;
      if (p + m > 0) this.logger.debug(`search outbox: re-indexed ${p} innovation(s) in Postgres, ${m} in Meilisearch`);
      if (Date.now() - this.lastPrune > 3_600_000) {
        this.lastPrune = Date.now();
        await pruneSearchOutbox(this.dataSource);
      }
    } catch (error) {
      // The database is down or a refresh failed: rows stay pending; try again next poll.
      this.logger.error(`search outbox: drain failed: ${(error as Error).message}`);
    } finally {
      this.schedule(this.pollMs);
    }
  }
}
