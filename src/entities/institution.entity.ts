import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import type { InstitutionKind } from "../domain/enums";
import { RegionEntity } from "./region.entity";

/** A government body or enterprise that runs innovations (K/L, pemda, OPD, BUMN, BUMD). */
@Entity({ name: "institution" })
@Check("ck_institution_kind", `"kind" IN ('ministry','agency','provincial_government','regency_government','city_government','regional_device','bumn','bumd','other')`)
export class InstitutionEntity {
  @PrimaryGeneratedColumn({ type: "int", name: "id" })
  id: number;

  @Column({ type: "text", name: "slug", unique: true })
  slug: string;

  @Column({ type: "text", name: "name" })
  name: string;

  /** Name normalised for matching (lower case, expansions and punctuation removed). */
  @Index("ix_institution_name_key")
  @Column({ type: "text", name: "name_key" })
  nameKey: string;

  @Column({ type: "text", name: "kind" })
  kind: InstitutionKind;

  @Index("ix_institution_region_code")
  @Column({ type: "varchar", length: 13, name: "region_code", nullable: true })
  regionCode: string | null;

  @ManyToOne(() => RegionEntity, { nullable: true, onDelete: "RESTRICT" })
  @JoinColumn({ name: "region_code", foreignKeyConstraintName: "fk_institution_region" })
  region?: RegionEntity | null;

  @Index("ix_institution_parent_id")
  @Column({ type: "int", name: "parent_id", nullable: true })
  parentId: number | null;

  @ManyToOne(() => InstitutionEntity, { nullable: true, onDelete: "SET NULL" })
  @JoinColumn({ name: "parent_id", foreignKeyConstraintName: "fk_institution_parent" })
  parent?: InstitutionEntity | null;

  @CreateDateColumn({ type: "timestamptz", name: "created_at" })
  createdAt: Date;

  @UpdateDateColumn({ type: "timestamptz", name: "updated_at" })
  updatedAt: Date;
}
