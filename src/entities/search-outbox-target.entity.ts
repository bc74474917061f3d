import { Check, CreateDateColumn, Entity, PrimaryColumn } from "typeorm";

/** The search indexes the outbox feeds. */
export const SEARCH_OUTBOX_TARGETS = ["postgres", "meilisearch"] as const;
export type SearchOutboxTarget = (typeof SEARCH_OUTBOX_TARGETS)[number];

/**
 * A search index that receives outbox events. The triggers write one outbox row per registered target,
 * so a target only accumulates events once something drains it: `postgres` is registered by the
 * migration; `meilisearch` by the first worker or reindex that runs with Meilisearch configured
 * (src/search/outbox-worker.ts), which also queues every innovation for it.
 */
@Entity({ name: "search_outbox_target" })
@Check("ck_search_outbox_target_name", `"name" IN ('postgres','meilisearch')`)
export class SearchOutboxTargetEntity {
  @PrimaryColumn({ type: "text", name: "name", primaryKeyConstraintName: "pk_search_outbox_target" })
  name: SearchOutboxTarget;

  @CreateDateColumn({ type: "timestamptz", name: "created_at" })
  createdAt: Date;
}
