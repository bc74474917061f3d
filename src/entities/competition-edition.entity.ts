import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from "typeorm";
import { CompetitionEntity } from "./competition.entity";
import type { AwardTier } from "../domain/enums";

/** One stage of an edition, in order. */
export interface EditionStage {
  order: number;
  name: string;
}

/** One tier an edition awards, e.g. { label: "Top 45", size: 45, order: 1, tier: "top" }. */
export interface EditionTier {
  label: string;
  size: number | null;
  /** 1 is the highest tier of the edition. */
  order: number;
  tier: AwardTier;
}

/** An assessment criterion with its weight in percent, where the edition states one. */
export interface EditionCriterion {
  name: string;
  weightPercent: number | null;
}

/** One year of a competition series, with its rules held as data. */
@Entity({ name: "competition_edition" })
@Check("ck_competition_edition_year", `"year" BETWEEN 1990 AND 2100`)
@Check("ck_competition_edition_entry_count", `"entry_count" IS NULL OR "entry_count" >= 0`)
@Unique("uq_competition_edition_year", ["competitionId", "year"])
export class CompetitionEditionEntity {
  @PrimaryGeneratedColumn({ type: "int", name: "id" })
  id: number;

  @Index("ix_competition_edition_competition_id")
  @Column({ type: "int", name: "competition_id" })
  competitionId: number;

  @ManyToOne(() => CompetitionEntity, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "competition_id", foreignKeyConstraintName: "fk_competition_edition_competition" })
  competition?: CompetitionEntity;

  @Column({ type: "int", name: "year" })
  year: number;

  @Column({ type: "int", name: "edition_number", nullable: true })
  editionNumber: number | null;

  /** The name the edition was held under, e.g. "SINOVIK (Kompetisi Inovasi Pelayanan Publik)" in 2014. */
  @Column({ type: "text", name: "name" })
  name: string;

  @Column({ type: "text", name: "theme", nullable: true })
  theme: string | null;

  @Column({ type: "text", name: "legal_basis", nullable: true })
  legalBasis: string | null;

  /** The stages as the source describes them, verbatim. */
  @Column({ type: "text", name: "stages_text", nullable: true })
  stagesText: string | null;

  @Column({ type: "jsonb", name: "stages", default: () => "'[]'" })
  stages: EditionStage[];

  @Column({ type: "jsonb", name: "groups", default: () => "'[]'" })
  groups: string[];

  @Column({ type: "jsonb", name: "categories", default: () => "'[]'" })
  categories: string[];

  @Column({ type: "jsonb", name: "criteria", default: () => "'[]'" })
  criteria: EditionCriterion[];

  @Column({ type: "jsonb", name: "tiers", default: () => "'[]'" })
  tiers: EditionTier[];

  @Column({ type: "int", name: "entry_count", nullable: true })
  entryCount: number | null;

  @CreateDateColumn({ type: "timestamptz", name: "created_at" })
  createdAt: Date;
}
