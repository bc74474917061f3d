import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from "typeorm";
import { ImportRunEntity } from "./import-run.entity";
import type { SourceSubjectType } from "./source-link.entity";
import { SourceEntity } from "./source.entity";

/**
 * Who said what: one asserter (a publisher, or the operator) citing one source for one record, with
 * the facts that asserter's row stated. Where an import merges into a record that others also
 * describe, each keeps its own claim, so the record shows which file or publisher said what, and a
 * conflicting fact that was not applied is still on record with its source.
 *
 * A claim always has a matching source_link (the record ↔ page link that `sources` lists).
 */
@Entity({ name: "source_claim" })
// The unique key's prefix (subject_type, subject_id) serves lookups by record: no separate index.
@Unique("uq_source_claim", ["subjectType", "subjectId", "sourceId", "asserter"])
export class SourceClaimEntity {
  @PrimaryGeneratedColumn({ type: "int", name: "id" })
  id: number;

  @Column({ type: "text", name: "subject_type" })
  subjectType: SourceSubjectType;

  @Column({ type: "int", name: "subject_id" })
  subjectId: number;

  @Index("ix_source_claim_source_id")
  @Column({ type: "int", name: "source_id" })
  sourceId: number;

  @ManyToOne(() => SourceEntity, { onDelete: "CASCADE" })
  @JoinColumn({ name: "source_id", foreignKeyConstraintName: "fk_source_claim_source" })
  source?: SourceEntity;

  /** "publisher:<name>" or "operator" (a command-line import without a publisher). */
  @Column({ type: "text", name: "asserter" })
  asserter: string;

  /** The publisher's name, when a publisher made the claim. */
  @Column({ type: "text", name: "publisher", nullable: true })
  publisher: string | null;

  /** The file the facts came from, as the import named it. */
  @Column({ type: "text", name: "file" })
  file: string;

  /** The row (CSV: the header is row 1) or entry (JSON: 1-based) in that file. */
  @Column({ type: "int", name: "row" })
  row: number;

  /** Field → value, as the row stated them (catalogue field names; values as text). */
  @Column({ type: "jsonb", name: "statements" })
  statements: Record<string, string | null>;

  @Index("ix_source_claim_import_run_id")
  @Column({ type: "int", name: "import_run_id", nullable: true })
  importRunId: number | null;

  @ManyToOne(() => ImportRunEntity, { nullable: true, onDelete: "SET NULL" })
  @JoinColumn({ name: "import_run_id", foreignKeyConstraintName: "fk_source_claim_import_run" })
  importRun?: ImportRunEntity | null;

  @CreateDateColumn({ type: "timestamptz", name: "created_at" })
  createdAt: Date;

  @UpdateDateColumn({ type: "timestamptz", name: "updated_at" })
  updatedAt: Date;
}
