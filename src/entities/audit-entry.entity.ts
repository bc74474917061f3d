import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import type { AuditSummary } from "../publishing/audit";
import { ApiKeyEntity } from "./api-key.entity";
import { PublisherEntity } from "./publisher.entity";
import type { SourceSubjectType } from "./source-link.entity";

/**
 * One write by a publisher to one record: who (publisher, and the API key when one was used), what
 * (operation, subject, a JSON summary of the change), when, and the source URL the write cites.
 * Written in the same transaction as the change (see src/publishing/audit.ts); never updated.
 */
@Entity({ name: "audit_entry" })
@Check("ck_audit_entry_subject_type", `"subject_type" IN ('innovation','award_result','competition_edition','knowledge_event','replication','institution','competition')`)
@Index("ix_audit_entry_subject", ["subjectType", "subjectId"])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn({ type: "int", name: "id" })
  id: number;

  @Index("ix_audit_entry_publisher_id")
  @Column({ type: "int", name: "publisher_id" })
  publisherId: number;

  @ManyToOne(() => PublisherEntity, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "publisher_id", foreignKeyConstraintName: "fk_audit_entry_publisher" })
  publisher?: PublisherEntity;

  /** The key the write was made with; null for writes made without one (a command-line import). */
  @Index("ix_audit_entry_api_key_id")
  @Column({ type: "int", name: "api_key_id", nullable: true })
  apiKeyId: number | null;

  @ManyToOne(() => ApiKeyEntity, { nullable: true, onDelete: "RESTRICT" })
  @JoinColumn({ name: "api_key_id", foreignKeyConstraintName: "fk_audit_entry_api_key" })
  apiKey?: ApiKeyEntity | null;

  /** What was done, e.g. "saveInnovation" or "recordAwardResults" (see AUDIT_OPERATIONS). */
  @Column({ type: "text", name: "operation" })
  operation: string;

  @Column({ type: "text", name: "subject_type" })
  subjectType: SourceSubjectType;

  @Column({ type: "int", name: "subject_id" })
  subjectId: number;

  /** The public page the write cites. */
  @Column({ type: "text", name: "source_url" })
  sourceUrl: string;

  @Column({ type: "jsonb", name: "summary" })
  summary: AuditSummary;

  @CreateDateColumn({ type: "timestamptz", name: "recorded_at" })
  recordedAt: Date;
}
