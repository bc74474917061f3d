import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from "typeorm";
import { SourceEntity } from "./source.entity";

export const SOURCE_SUBJECT_TYPES = [
  "innovation",
  "award_result",
  "competition_edition",
  "knowledge_event",
  "replication",
  "institution",
  "competition",
] as const;
export type SourceSubjectType = (typeof SOURCE_SUBJECT_TYPES)[number];

/**
 * Provenance: "this record's facts came from this source". One table serves every kind of record,
 * keyed by (subject_type, subject_id), so that provenance queries batch the same way for all of them.
 */
@Entity({ name: "source_link" })
@Check("ck_source_link_subject_type", `"subject_type" IN ('innovation','award_result','competition_edition','knowledge_event','replication','institution','competition')`)
@Unique("uq_source_link", ["subjectType", "subjectId", "sourceId"])
@Index("ix_source_link_subject", ["subjectType", "subjectId"])
export class SourceLinkEntity {
  @PrimaryGeneratedColumn({ type: "int", name: "id" })
  id: number;

  @Column({ type: "text", name: "subject_type" })
  subjectType: SourceSubjectType;

  @Column({ type: "int", name: "subject_id" })
  subjectId: number;

  @Index("ix_source_link_source_id")
  @Column({ type: "int", name: "source_id" })
  sourceId: number;

  @ManyToOne(() => SourceEntity, { onDelete: "CASCADE" })
  @JoinColumn({ name: "source_id", foreignKeyConstraintName: "fk_source_link_source" })
  source?: SourceEntity;

  /** Where the link was asserted: a seed or import file and row, or a publisher. */
  @Column({ type: "text", name: "asserted_by", nullable: true })
  assertedBy: string | null;

  @CreateDateColumn({ type: "timestamptz", name: "created_at" })
  createdAt: Date;
}
