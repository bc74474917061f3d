/**
 * Rebuilds the search indexes from the catalogue: the Postgres engine's `search_document` in one
 * transaction, and, when Meilisearch is configured, a new Meilisearch index that is swapped in
 * atomically (searches see the old index or the new one, never a half-built one).
 *
 * The Meilisearch build does not hold a database transaction open while it uploads. Instead it notes
 * the database snapshot (`pg_current_snapshot()`) before reading anything; every change committed
 * before it is in the documents read afterwards, and every change the snapshot did not see has an
 * outbox row whose writing transaction (`txid`) is not visible in it. After the swap those
 * innovations are queued again, so the outbox worker brings the new index up to date, including
 * changes a worker had meanwhile pushed to the old index.
 */
import type { DataSource } from "typeorm";
import type { SearchOutboxTarget } from "../entities/search-outbox-target.entity";
import { toMeilisearchDocument } from "./meilisearch/documents";
import type { MeilisearchIndex } from "./meilisearch/meilisearch-index";
import { registerMeilisearchTarget, requeue } from "./outbox-worker";
import { refreshSearchDocuments, type RefreshReport } from "./postgres-search-index";
import { loadSearchSources, toSearchDocument } from "./search-document";

/** Innovations read and uploaded per Meilisearch batch. */
export const REINDEX_BATCH_SIZE = 1_000;

/**
 * The uid of a rebuilt index: the configured name with the build time, e.g.
 * `innovations_20261122174100` (Meilisearch uids allow letters, digits, - and _).
 */
export function freshIndexUid(base: string, at: Date): string {
  return `${base}_${at.toISOString().replace(/\D/g, "").slice(0, 14)}`;
}

export interface MeilisearchReindexReport {
  /** The index that was built and swapped in under the configured name (then deleted under its own). */
  readonly builtIndex: string;
  readonly index: string;
  readonly documents: number;
  /** Innovations changed while the index was being built, queued for the outbox worker. */
  readonly queuedAfterSwap: number;
}

export interface ReindexReport {
  readonly postgres: RefreshReport & { readonly documents: number };
  /** Null when Meilisearch is not configured. */
  readonly meilisearch: MeilisearchReindexReport | null;
}

/** The database's current snapshot (`pg_current_snapshot()`), as text. */
export async function currentSnapshot(dataSource: DataSource): Promise<string> {
  const [{ snapshot }]: { snapshot: string }[] = await dataSource.query(`SELECT pg_current_snapshot()::text AS snapshot`);
  return snapshot;
}

/**
 * Innovations with an outbox row for `target` written by a transaction that `snapshot` does not see
 * (committed after it was taken, or still running then), in any state: the changes a build that read
 * the catalogue after `snapshot` may have missed.
 */
export async function outboxChangesSince(dataSource: DataSource, target: SearchOutboxTarget, snapshot: string): Promise<number[]> {
  const rows: { id: number }[] = await dataSource.query(
    `SELECT DISTINCT innovation_id AS id FROM search_outbox
      WHERE target = $1 AND NOT pg_visible_in_snapshot(txid::text::xid8, $2::pg_snapshot) ORDER BY 1`,
    [target, snapshot],
  );
  return rows.map((r) => r.id);
}

/** Rebuilds the Postgres engine's index in one transaction. */
export async function reindexPostgres(dataSource: DataSource): Promise<ReindexReport["postgres"]> {
  return dataSource.transaction(async (manager) => {
    const report = await refreshSearchDocuments(manager, "all");
    const [{ n }]: { n: number }[] = await manager.query(`SELECT count(*)::int AS n FROM search_document`);
    return { ...report, documents: n };
  });
}

/**
 * Builds a new Meilisearch index with the current settings and every innovation, swaps it in under
 * the configured name, deletes the old one, and queues the innovations changed meanwhile. On failure
 * the half-built index is deleted (when Meilisearch can still be reached) and the error is thrown;
 * the index in use is untouched.
 */
export async function reindexMeilisearch(
  dataSource: DataSource,
  index: MeilisearchIndex,
  options: { now?: Date; onProgress?: (done: number, total: number) => void } = {},
): Promise<MeilisearchReindexReport> {
  // Registered first, so every change from here on has an outbox row for Meilisearch.
  await registerMeilisearchTarget(dataSource);
  const fresh = freshIndexUid(index.uid, options.now ?? new Date());
  try {
    await index.ensure(fresh);
    const snapshot = await currentSnapshot(dataSource);
    const ids = ((await dataSource.query(`SELECT id FROM innovation ORDER BY id`)) as { id: number }[]).map((r) => r.id);
    let documents = 0;
    for (let i = 0; i < ids.length; i += REINDEX_BATCH_SIZE) {
      const sources = await loadSearchSources(dataSource.manager, ids.slice(i, i + REINDEX_BATCH_SIZE));
      await index.apply(sources.map((s) => toMeilisearchDocument(toSearchDocument(s))), [], fresh);
      documents += sources.length;
      options.onProgress?.(Math.min(i + REINDEX_BATCH_SIZE, ids.length), ids.length);
    }
    await index.swapIn(fresh);
    const changed = await outboxChangesSince(dataSource, "meilisearch", snapshot);
    await requeue(dataSource.manager, "meilisearch", changed.map((innovationId) => ({ innovationId })));
    return { builtIndex: fresh, index: index.uid, documents, queuedAfterSwap: changed.length };
  } catch (error) {
    await index.drop(fresh).catch(() => {});
    throw error;
  }
}
