import type { DataSource } from "typeorm";
import { loadConfig } from "../../src/config";
import { MeilisearchSearchBackend } from "../../src/search/meilisearch-search-backend";
import { toMeilisearchDocument } from "../../src/search/meilisearch/documents";
import { MeilisearchIndex } from "../../src/search/meilisearch/meilisearch-index";
import { loadSearchSources, toSearchDocument } from "../../src/search/search-document";

/** A throwaway Meilisearch index of a database, on the server named by MEILI_HOST and MEILI_API_KEY. */
export interface ThrowawayMeilisearchIndex {
  readonly backend: MeilisearchSearchBackend;
  /** Writes the given innovations' documents (deleting those of innovations that are gone), and waits until they are searchable. */
  index(innovationIds: readonly number[] | "all"): Promise<void>;
  /** Deletes the index. */
  drop(): Promise<void>;
}

/**
 * Creates an index of its own (`<prefix>_<pid>_<time>`, with the settings of the real one), fills it
 * with every innovation of `ds`, and returns a backend searching it. Throws when MEILI_HOST is unset.
 */
export async function openThrowawayMeilisearchIndex(ds: DataSource, prefix: string): Promise<ThrowawayMeilisearchIndex> {
  const config = loadConfig({ ...process.env, MEILI_INDEX: `${prefix}_${process.pid}_${Date.now()}` }).meili;
  if (!config) throw new Error("MEILI_HOST and MEILI_API_KEY must both be set to use a Meilisearch index");
  const meili = new MeilisearchIndex(config);
  const write = async (ids: readonly number[] | "all") => {
    const docs = (await loadSearchSources(ds.manager, ids)).map((s) => toMeilisearchDocument(toSearchDocument(s)));
    const found = new Set(docs.map((d) => d.innovationId));
    const deleted = ids === "all" ? [] : ids.filter((id) => !found.has(id)).map(String);
    await meili.apply(docs, deleted);
  };
  await meili.ensure();
  await write("all");
  return { backend: new MeilisearchSearchBackend(config), index: write, drop: () => meili.drop(config.index) };
}
