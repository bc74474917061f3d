import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import type { InnovationStatus, Sector } from "../domain/enums";
import { InstitutionEntity } from "./institution.entity";
import { RegionEntity } from "./region.entity";

/** A public-service innovation, with its narrative and its dated status. */
@Entity({ name: "innovation" })
@Check("ck_innovation_sector", `"sector" IN ('health','education','agriculture','economy','environment','governance','social_protection','population_administration','public_order','law_enforcement','licensing','complaints','transport','other')`)
@Check("ck_innovation_status", `"status" IS NULL OR "status" IN ('continuing','continuing_with_development','stopped')`)
@Check("ck_innovation_status_dated", `"status" IS NULL OR "status_as_of" IS NOT NULL`)
@Check("ck_innovation_sdgs", `"sdgs" <@ ARRAY[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17]`)
@Check("ck_innovation_launch_year", `"launch_year" IS NULL OR "launch_year" BETWEEN 1945 AND 2100`)
export class InnovationEntity {
  @PrimaryGeneratedColumn({ type: "int", name: "id" })
  id: number;

  @Column({ type: "text", name: "slug", unique: true })
  slug: string;

  @Column({ type: "text", name: "name" })
  name: string;

  /** Name normalised for entity resolution (see domain/normalise.ts). */
  @Index("ix_innovation_name_key")
  @Column({ type: "text", name: "name_key" })
  nameKey: string;

  @Column({ type: "text", name: "acronym", nullable: true })
  acronym: string | null;

  @Column({ type: "text", name: "acronym_expansion", nullable: true })
  acronymExpansion: string | null;

  @Column({ type: "text", name: "aliases", array: true, default: () => "'{}'" })
  aliases: string[];

  @Column({ type: "text", name: "summary", nullable: true })
  summary: string | null;

  @Column({ type: "text", name: "problem", nullable: true })
  problem: string | null;

  @Column({ type: "text", name: "objectives", nullable: true })
  objectives: string | null;

  @Column({ type: "text", name: "novelty", nullable: true })
  novelty: string | null;

  @Column({ type: "text", name: "implementation", nullable: true })
  implementation: string | null;

  @Column({ type: "text", name: "results", nullable: true })
  results: string | null;

  @Column({ type: "text", name: "replication_requirements", nullable: true })
  replicationRequirements: string | null;

  @Column({ type: "text", name: "resources_and_cost", nullable: true })
  resourcesAndCost: string | null;

  @Column({ type: "text", name: "sustainability", nullable: true })
  sustainability: string | null;

  @Index("ix_innovation_sector")
  @Column({ type: "text", name: "sector" })
  sector: Sector;

  /** Government affair (urusan pemerintahan), free text as sources state it. */
  @Column({ type: "text", name: "government_affair", nullable: true })
  governmentAffair: string | null;

  @Index("ix_innovation_sdgs", { synchronize: false })
  @Column({ type: "int", name: "sdgs", array: true, default: () => "'{}'" })
  sdgs: number[];

  @Column({ type: "boolean", name: "is_digital", nullable: true })
  isDigital: boolean | null;

  /** Development stage as sources state it (e.g. uji coba, penerapan). */
  @Column({ type: "text", name: "stage", nullable: true })
  stage: string | null;

  @Column({ type: "int", name: "launch_year", nullable: true })
  launchYear: number | null;

  @Index("ix_innovation_status")
  @Column({ type: "text", name: "status", nullable: true })
  status: InnovationStatus | null;

  @Column({ type: "date", name: "status_as_of", nullable: true })
  statusAsOf: string | null;

  /** How the status is known: the statement or evidence behind it. */
  @Column({ type: "text", name: "status_note", nullable: true })
  statusNote: string | null;

  @Index("ix_innovation_institution_id")
  @Column({ type: "int", name: "institution_id" })
  institutionId: number;

  @ManyToOne(() => InstitutionEntity, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "institution_id", foreignKeyConstraintName: "fk_innovation_institution" })
  institution?: InstitutionEntity;

  /** The service unit (UPP) inside the institution that runs the innovation. */
  @Column({ type: "text", name: "service_unit", nullable: true })
  serviceUnit: string | null;

  @Index("ix_innovation_region_code")
  @Column({ type: "varchar", length: 13, name: "region_code", nullable: true })
  regionCode: string | null;

  @ManyToOne(() => RegionEntity, { nullable: true, onDelete: "RESTRICT" })
  @JoinColumn({ name: "region_code", foreignKeyConstraintName: "fk_innovation_region" })
  region?: RegionEntity | null;

  @Column({ type: "text", name: "links", array: true, default: () => "'{}'" })
  links: string[];

  @CreateDateColumn({ type: "timestamptz", name: "created_at" })
  createdAt: Date;

  @UpdateDateColumn({ type: "timestamptz", name: "updated_at" })
  updatedAt: Date;
}
