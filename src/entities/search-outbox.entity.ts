import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { SearchOutboxTargetEntity, type SearchOutboxTarget } from "./search-outbox-target.entity";

/** States of an outbox row; see src/search/outbox-state.ts for the transitions. */
export const SEARCH_OUTBOX_STATES = ["pending", "claimed", "done"] as const;
export type SearchOutboxState = (typeof SEARCH_OUTBOX_STATES)[number];

/**
 * The transactional outbox of the search indexes: "innovation N changed; target T must re-index it".
 * Rows are written by triggers (migration 1763905000000) in the same transaction as the change to an
 * innovation, its awards, its institution, its region or its competition, so a committed change always
 * has its row and a rolled-back one never does. The outbox worker drains them per target.
 *
 * At most one row per (target, innovation) is pending: later changes coalesce into it (`events`
 * counts them) until a worker claims it. The id orders nothing: rows are claimed by state, never by a
 * cursor, because ids are not assigned in commit order.
 */
@Entity({ name: "search_outbox" })
@Check("ck_search_outbox_state", `"state" IN ('pending','claimed','done')`)
@Check("ck_search_outbox_claim", `("state" = 'claimed') = ("claim_token" IS NOT NULL AND "claimed_until" IS NOT NULL)`)
@Index("uq_search_outbox_pending", ["target", "innovationId"], { unique: true, where: `"state" = 'pending'` })
// Leads with the target, so it also serves the foreign key.
@Index("ix_search_outbox_claim", ["target", "state", "availableAt"])
export class SearchOutboxEntity {
  @PrimaryGeneratedColumn({ type: "bigint", name: "id", primaryKeyConstraintName: "pk_search_outbox" })
  id: string;

  @Column({ type: "text", name: "target" })
  target: SearchOutboxTarget;

  @ManyToOne(() => SearchOutboxTargetEntity, { onDelete: "CASCADE" })
  @JoinColumn({ name: "target", foreignKeyConstraintName: "fk_search_outbox_target" })
  targetEntity?: SearchOutboxTargetEntity;

  /** Not a foreign key: the row must outlive a deleted innovation, to delete its document. */
  @Column({ type: "int", name: "innovation_id" })
  innovationId: number;

  @Column({ type: "text", name: "state", default: "pending" })
  state: SearchOutboxState;

  /** Changes coalesced into this row while it was pending. */
  @Column({ type: "int", name: "events", default: 1 })
  events: number;

  /**
   * The 64-bit id of the last transaction that wrote the row (`pg_current_xact_id()`). A reindex
   * compares it with its snapshot to find the changes its snapshot did not see.
   */
  @Column({ type: "bigint", name: "txid", default: () => "search_outbox_txid()" })
  txid: string;

  /** Failed attempts so far; the backoff grows with it. */
  @Column({ type: "int", name: "attempts", default: 0 })
  attempts: number;

  /** A pending row is not claimed before this time (retry backoff). */
  @Column({ type: "timestamptz", name: "available_at", default: () => "now()" })
  availableAt: Date;

  /** Set while claimed: the claiming worker's token, and when its lease runs out. */
  @Column({ type: "uuid", name: "claim_token", nullable: true })
  claimToken: string | null;

  @Column({ type: "timestamptz", name: "claimed_until", nullable: true })
  claimedUntil: Date | null;

  @Column({ type: "text", name: "last_error", nullable: true })
  lastError: string | null;

  @CreateDateColumn({ type: "timestamptz", name: "created_at" })
  createdAt: Date;

  @UpdateDateColumn({ type: "timestamptz", name: "updated_at" })
  updatedAt: Date;

  @Column({ type: "timestamptz", name: "processed_at", nullable: true })
  processedAt: Date | null;
}
