import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from "typeorm";
import type { RegionKind } from "../domain/enums";

/** A province, regency or city, keyed by its Kemendagri code ("33", "33.74"). */
@Entity({ name: "region" })
@Check("ck_region_kind", `"kind" IN ('province','regency','city')`)
export class RegionEntity {
  @PrimaryColumn({ type: "varchar", length: 13, name: "code" })
  code: string;

  @Column({ type: "text", name: "name" })
  name: string;

  @Column({ type: "text", name: "kind" })
  kind: RegionKind;

  @Index("ix_region_parent_code")
  @Column({ type: "varchar", length: 13, name: "parent_code", nullable: true })
  parentCode: string | null;

  @ManyToOne(() => RegionEntity, { nullable: true, onDelete: "RESTRICT" })
  @JoinColumn({ name: "parent_code", foreignKeyConstraintName: "fk_region_parent" })
  parent?: RegionEntity | null;
}
