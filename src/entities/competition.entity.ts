import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import type { CompetitionLevel } from "../domain/enums";
import { RegionEntity } from "./region.entity";

/** A competition series, such as KIPP (formerly SINOVIK) or KIPP Provinsi Jawa Tengah. */
@Entity({ name: "competition" })
@Check("ck_competition_level", `"level" IN ('international','national','provincial','regency','city')`)
export class CompetitionEntity {
  @PrimaryGeneratedColumn({ type: "int", name: "id" })
  id: number;

  @Column({ type: "text", name: "slug", unique: true })
  slug: string;

  @Column({ type: "text", name: "name" })
  name: string;

  @Column({ type: "text", name: "short_name", nullable: true })
  shortName: string | null;

  /** Other names the series has carried, as sources print them. */
  @Column({ type: "text", name: "aliases", array: true, default: () => "'{}'" })
  aliases: string[];

  @Column({ type: "text", name: "organizer" })
  organizer: string;

  @Column({ type: "text", name: "level" })
  level: CompetitionLevel;

  @Index("ix_competition_scope_region_code")
  @Column({ type: "varchar", length: 13, name: "scope_region_code", nullable: true })
  scopeRegionCode: string | null;

  @ManyToOne(() => RegionEntity, { nullable: true, onDelete: "RESTRICT" })
  @JoinColumn({ name: "scope_region_code", foreignKeyConstraintName: "fk_competition_scope_region" })
  scopeRegion?: RegionEntity | null;

  @Column({ type: "text", name: "description", nullable: true })
  description: string | null;

  @CreateDateColumn({ type: "timestamptz", name: "created_at" })
  createdAt: Date;
}
