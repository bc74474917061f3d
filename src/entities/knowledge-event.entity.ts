import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import type { KnowledgeEventKind } from "../domain/enums";
import { CompetitionEditionEntity } from "./competition-edition.entity";
import { CompetitionEntity } from "./competition.entity";
import { RegionEntity } from "./region.entity";

/** A person who led or spoke at a knowledge event. */
export interface Facilitator {
  name: string;
  affiliation: string | null;
  role: string | null;
}

/** A coaching clinic, workshop or similar event that passes knowledge on around a competition. */
@Entity({ name: "knowledge_event" })
@Check("ck_knowledge_event_kind", `"kind" IN ('coaching_clinic','workshop','socialisation','other')`)
@Check("ck_knowledge_event_dates", `"ends_on" IS NULL OR "starts_on" IS NULL OR "ends_on" >= "starts_on"`)
export class KnowledgeEventEntity {
  @PrimaryGeneratedColumn({ type: "int", name: "id" })
  id: number;

  @Column({ type: "text", name: "slug", unique: true })
  slug: string;

  @Column({ type: "text", name: "kind" })
  kind: KnowledgeEventKind;

  @Column({ type: "text", name: "title" })
  title: string;

  @Column({ type: "date", name: "starts_on", nullable: true })
  startsOn: string | null;

  @Column({ type: "date", name: "ends_on", nullable: true })
  endsOn: string | null;

  /** The year, always known even when the exact date is not. */
  @Column({ type: "int", name: "year" })
  year: number;

  @Column({ type: "text", name: "organizer" })
  organizer: string;

  @Column({ type: "jsonb", name: "facilitators", default: () => "'[]'" })
  facilitators: Facilitator[];

  @Column({ type: "text", name: "participants", nullable: true })
  participants: string | null;

  @Column({ type: "text", name: "venue", nullable: true })
  venue: string | null;

  @Column({ type: "text", name: "description", nullable: true })
  description: string | null;

  @Index("ix_knowledge_event_region_code")
  @Column({ type: "varchar", length: 13, name: "region_code", nullable: true })
  regionCode: string | null;

  @ManyToOne(() => RegionEntity, { nullable: true, onDelete: "RESTRICT" })
  @JoinColumn({ name: "region_code", foreignKeyConstraintName: "fk_knowledge_event_region" })
  region?: RegionEntity | null;

  @Index("ix_knowledge_event_competition_id")
  @Column({ type: "int", name: "competition_id", nullable: true })
  competitionId: number | null;

  @ManyToOne(() => CompetitionEntity, { nullable: true, onDelete: "RESTRICT" })
  @JoinColumn({ name: "competition_id", foreignKeyConstraintName: "fk_knowledge_event_competition" })
  competition?: CompetitionEntity | null;

  @Index("ix_knowledge_event_edition_id")
  @Column({ type: "int", name: "edition_id", nullable: true })
  editionId: number | null;

  @ManyToOne(() => CompetitionEditionEntity, { nullable: true, onDelete: "RESTRICT" })
  @JoinColumn({ name: "edition_id", foreignKeyConstraintName: "fk_knowledge_event_edition" })
  edition?: CompetitionEditionEntity | null;

  @CreateDateColumn({ type: "timestamptz", name: "created_at" })
  createdAt: Date;
}
