import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from "typeorm";
import type { AwardTier } from "../domain/enums";
import { CompetitionEditionEntity } from "./competition-edition.entity";
import { InnovationEntity } from "./innovation.entity";

/** One result of one innovation in one competition edition. */
@Entity({ name: "award_result" })
@Check("ck_award_result_tier", `"tier" IN ('outstanding','winner','top','honourable_mention','shortlist','finalist','unclassified')`)
@Unique("uq_award_result", ["innovationId", "editionId", "rawLabel"])
export class AwardResultEntity {
  @PrimaryGeneratedColumn({ type: "int", name: "id" })
  id: number;

  @Index("ix_award_result_innovation_id")
  @Column({ type: "int", name: "innovation_id" })
  innovationId: number;

  @ManyToOne(() => InnovationEntity, { onDelete: "CASCADE" })
  @JoinColumn({ name: "innovation_id", foreignKeyConstraintName: "fk_award_result_innovation" })
  innovation?: InnovationEntity;

  @Index("ix_award_result_edition_id")
  @Column({ type: "int", name: "edition_id" })
  editionId: number;

  @ManyToOne(() => CompetitionEditionEntity, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "edition_id", foreignKeyConstraintName: "fk_award_result_edition" })
  edition?: CompetitionEditionEntity;

  /** The result exactly as the source printed it. */
  @Column({ type: "text", name: "raw_label" })
  rawLabel: string;

  @Index("ix_award_result_tier")
  @Column({ type: "text", name: "tier" })
  tier: AwardTier;

  /** Order of the tier, 1 best (see AWARD_TIER_RANK). */
  @Column({ type: "int", name: "tier_rank" })
  tierRank: number;

  /** Place within the tier where the label gives one (Juara 2 → 2). */
  @Column({ type: "int", name: "place", nullable: true })
  place: number | null;

  /** Size of the tier where the label gives one (Top 45 → 45). */
  @Column({ type: "int", name: "tier_size", nullable: true })
  tierSize: number | null;

  @Column({ type: "text", name: "group_name", nullable: true })
  groupName: string | null;

  @Column({ type: "text", name: "category", nullable: true })
  category: string | null;

  @Column({ type: "text", name: "decree_number", nullable: true })
  decreeNumber: string | null;

  @Column({ type: "date", name: "decree_date", nullable: true })
  decreeDate: string | null;

  @CreateDateColumn({ type: "timestamptz", name: "created_at" })
  createdAt: Date;
}
