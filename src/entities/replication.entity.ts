import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from "typeorm";
import type { ReplicationStatus } from "../domain/enums";
import { InnovationEntity } from "./innovation.entity";
import { InstitutionEntity } from "./institution.entity";

/** An institution adopting another's innovation (amati, tiru, modifikasi). */
@Entity({ name: "replication" })
@Check("ck_replication_status", `"status" IN ('interest','agreement','implemented','discontinued')`)
@Unique("uq_replication", ["originInnovationId", "adopterInstitutionId"])
export class ReplicationEntity {
  @PrimaryGeneratedColumn({ type: "int", name: "id" })
  id: number;

  @Index("ix_replication_origin_innovation_id")
  @Column({ type: "int", name: "origin_innovation_id" })
  originInnovationId: number;

  @ManyToOne(() => InnovationEntity, { onDelete: "CASCADE" })
  @JoinColumn({ name: "origin_innovation_id", foreignKeyConstraintName: "fk_replication_origin" })
  originInnovation?: InnovationEntity;

  @Index("ix_replication_adopter_institution_id")
  @Column({ type: "int", name: "adopter_institution_id" })
  adopterInstitutionId: number;

  @ManyToOne(() => InstitutionEntity, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "adopter_institution_id", foreignKeyConstraintName: "fk_replication_adopter" })
  adopterInstitution?: InstitutionEntity;

  @Column({ type: "text", name: "status" })
  status: ReplicationStatus;

  @Column({ type: "date", name: "interest_on", nullable: true })
  interestOn: string | null;

  @Column({ type: "date", name: "agreed_on", nullable: true })
  agreedOn: string | null;

  @Column({ type: "date", name: "implemented_on", nullable: true })
  implementedOn: string | null;

  /** What the adopter changed (the "modifikasi" of ATM). */
  @Column({ type: "text", name: "adaptations", nullable: true })
  adaptations: string | null;

  @Index("ix_replication_derived_innovation_id")
  @Column({ type: "int", name: "derived_innovation_id", nullable: true })
  derivedInnovationId: number | null;

  @ManyToOne(() => InnovationEntity, { nullable: true, onDelete: "SET NULL" })
  @JoinColumn({ name: "derived_innovation_id", foreignKeyConstraintName: "fk_replication_derived" })
  derivedInnovation?: InnovationEntity | null;

  @CreateDateColumn({ type: "timestamptz", name: "created_at" })
  createdAt: Date;
}
