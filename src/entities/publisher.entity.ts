import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import type { PublisherKind } from "../publishing/publisher-kind";
import { RegionEntity } from "./region.entity";

/**
 * Someone who publishes into the catalogue through the API: a ministry for the national
 * competition, a provincial organisation bureau for its own, a regency or city for theirs. Its scope
 * (see src/publishing/scope.ts) is a region (`region_code`) and/or the competitions it organises
 * (publisher_competition); it writes with API keys (api_key), and every write is audited (audit_entry).
 */
@Entity({ name: "publisher" })
@Check("ck_publisher_kind", `"kind" IN ('national_body','regional_government','organiser','other')`)
export class PublisherEntity {
  @PrimaryGeneratedColumn({ type: "int", name: "id" })
  id: number;

  /** Unique, as it appears in audit entries and in `source_link.asserted_by`. */
  @Column({ type: "text", name: "name", unique: true })
  name: string;

  @Column({ type: "text", name: "kind" })
  kind: PublisherKind;

  /** The region it may write in (a province covers its regencies and cities); null for none. */
  @Index("ix_publisher_region_code")
  @Column({ type: "varchar", length: 13, name: "region_code", nullable: true })
  regionCode: string | null;

  @ManyToOne(() => RegionEntity, { nullable: true, onDelete: "RESTRICT" })
  @JoinColumn({ name: "region_code", foreignKeyConstraintName: "fk_publisher_region" })
  region?: RegionEntity | null;

  @CreateDateColumn({ type: "timestamptz", name: "created_at" })
  createdAt: Date;
}
