import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from "typeorm";
import { ImportRunEntity } from "./import-run.entity";

/** The kinds of review item (see ImportReviewEntity). */
export const IMPORT_REVIEW_KINDS = ["uncertain_match", "conflict"] as const;
/** uncertain_match: an incoming record looks like an existing one but not surely; conflict: a fact differs from the one held. */
export type ImportReviewKind = (typeof IMPORT_REVIEW_KINDS)[number];

/**
 * Something an import could not decide and left for a person: an uncertain match (imported as its own
 * record, not merged) or a conflicting fact (the held fact kept). One row per distinct question:
 * importing the same file again finds the same row (by `fingerprint`) instead of adding another.
 */
@Entity({ name: "import_review" })
@Check("ck_import_review_kind", `"kind" IN ('uncertain_match','conflict')`)
@Check("ck_import_review_status", `"status" IN ('open','resolved')`)
@Unique("uq_import_review_fingerprint", ["fingerprint"])
@Index("ix_import_review_subject", ["subjectType", "subjectId"])
export class ImportReviewEntity {
  @PrimaryGeneratedColumn({ type: "int", name: "id" })
  id: number;

  @Column({ type: "text", name: "kind" })
  kind: ImportReviewKind;

  @Column({ type: "text", name: "status", default: "open" })
  status: "open" | "resolved";

  /** The held record the question is about (e.g. "innovation"). */
  @Column({ type: "text", name: "subject_type" })
  subjectType: string;

  @Column({ type: "int", name: "subject_id" })
  subjectId: number;

  /** For an uncertain match: the record the import created instead of merging. */
  @Column({ type: "int", name: "incoming_id", nullable: true })
  incomingId: number | null;

  /** What the import stated: field → value. */
  @Column({ type: "jsonb", name: "incoming" })
  incoming: Record<string, unknown>;

  /** What the catalogue held: field → value. */
  @Column({ type: "jsonb", name: "held" })
  held: Record<string, unknown>;

  /** Trigram similarity of the names, for uncertain matches. */
  @Column({ type: "real", name: "similarity", nullable: true })
  similarity: number | null;

  @Column({ type: "text", name: "message" })
  message: string;

  /** The file and row that raised it. */
  @Column({ type: "text", name: "file" })
  file: string;

  @Column({ type: "int", name: "row" })
  row: number;

  @Column({ type: "text", name: "publisher", nullable: true })
  publisher: string | null;

  /** kind, subject and the incoming facts, hashed: the identity of the question. */
  @Column({ type: "text", name: "fingerprint" })
  fingerprint: string;

  @Index("ix_import_review_last_run_id")
  @Column({ type: "int", name: "last_run_id", nullable: true })
  lastRunId: number | null;

  @ManyToOne(() => ImportRunEntity, { nullable: true, onDelete: "SET NULL" })
  @JoinColumn({ name: "last_run_id", foreignKeyConstraintName: "fk_import_review_last_run" })
  lastRun?: ImportRunEntity | null;

  @CreateDateColumn({ type: "timestamptz", name: "created_at" })
  createdAt: Date;

  @UpdateDateColumn({ type: "timestamptz", name: "updated_at" })
  updatedAt: Date;
}
