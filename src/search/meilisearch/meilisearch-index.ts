/**
 * The Meilisearch index as the outbox worker and the reindex use it: a client built from the
 * configuration, index creation with its settings applied and awaited, document pushes that are
 * done only when Meilisearch's task has succeeded, and the atomic swap of a rebuilt index.
 */
import { Meilisearch, type EnqueuedTaskPromise, type Task } from "meilisearch";
import type { MeiliConfig } from "../../config";
import { loadSearchLexicon, type SearchLexicon } from "../text/lexicon";
import type { MeilisearchDocument } from "./documents";
import { MeilisearchTaskFailedError } from "./errors";
import { buildMeilisearchSettings } from "./settings";

/** The primary key of the index: the projection's string id. */
export const PRIMARY_KEY = "id";

/** A Meilisearch client whose requests time out after the configured `timeoutMs`. */
export function createMeilisearchClient(meili: MeiliConfig): Meilisearch {
  return new Meilisearch({
    host: meili.host,
    apiKey: meili.apiKey,
    timeout: meili.timeoutMs,
    clientAgents: ["inovasi-graph"],
    defaultWaitOptions: { timeout: meili.taskTimeoutMs, interval: 100 },
  });
}

/**
 * Waits for an enqueued task and returns it once it has succeeded.
 *
 * @throws MeilisearchTaskFailedError when the task failed or was canceled
 * @throws the client's errors when Meilisearch cannot be reached or the wait times out
 */
export async function succeeded(enqueued: EnqueuedTaskPromise): Promise<Task> {
  const task = await enqueued.waitTask();
  if (task.status !== "succeeded") {
    throw new MeilisearchTaskFailedError(
      task.uid,
      task.status,
      task.error?.code ?? null,
      `Meilisearch task ${task.uid} (${task.type}) ${task.status}${task.error ? `: ${task.error.message}` : ""}`,
    );
  }
  return task;
}

/** The index of innovations in one Meilisearch, with the settings derived from the lexicon. */
export class MeilisearchIndex {
  readonly client: Meilisearch;
  private readonly lexicon: SearchLexicon;

  constructor(
    readonly config: MeiliConfig,
    options: { client?: Meilisearch; lexicon?: SearchLexicon } = {},
  ) {
    this.client = options.client ?? createMeilisearchClient(config);
    this.lexicon = options.lexicon ?? loadSearchLexicon();
  }

  /** The index searches and the outbox use (MEILI_INDEX). */
  get uid(): string {
    return this.config.index;
  }

  /**
   * Makes sure index `uid` exists with the current settings: creates it if missing, then applies the
   * settings and waits until they are in force (a no-op for Meilisearch when they are unchanged).
   * Returns whether the index was created.
   */
  async ensure(uid: string = this.uid): Promise<boolean> {
    let created = false;
    const existing = await this.client.getRawIndex(uid).catch((error: unknown) => {
      if ((error as { cause?: { code?: string } }).cause?.code === "index_not_found") return null;
      throw error;
    });
    if (!existing) {
      await succeeded(this.client.createIndex(uid, { primaryKey: PRIMARY_KEY }));
      created = true;
    }
    await succeeded(this.client.index(uid).updateSettings(buildMeilisearchSettings(this.lexicon)));
    return created;
  }

  /**
   * Writes documents and deletes ids in index `uid`, resolving only once both tasks have succeeded:
   * a caller may then consider the change applied.
   */
  async apply(documents: readonly MeilisearchDocument[], deletedIds: readonly string[], uid: string = this.uid): Promise<void> {
    const index = this.client.index<MeilisearchDocument>(uid);
    if (documents.length > 0) await succeeded(index.addDocuments([...documents], { primaryKey: PRIMARY_KEY }));
    if (deletedIds.length > 0) await succeeded(index.deleteDocuments([...deletedIds]));
  }

  /**
   * Swaps index `fresh` in under the configured name, atomically (searches see the old index or the
   * new one, never a mix), then deletes the old one, which now carries the name `fresh`.
   */
  async swapIn(fresh: string): Promise<void> {
    const current = await this.client.getRawIndex(this.uid).catch((error: unknown) => {
      if ((error as { cause?: { code?: string } }).cause?.code === "index_not_found") return null;
      throw error;
    });
    if (!current) {
      // Nothing to swap with: create an empty index under the name so that the swap has two sides.
      await succeeded(this.client.createIndex(this.uid, { primaryKey: PRIMARY_KEY }));
    }
    await succeeded(this.client.swapIndexes([{ indexes: [this.uid, fresh], rename: false }]));
    await succeeded(this.client.deleteIndex(fresh));
  }

  /** Deletes index `uid` if it exists (a failed reindex's half-built index). */
  async drop(uid: string): Promise<void> {
    await this.client.deleteIndexIfExists(uid);
  }
}
