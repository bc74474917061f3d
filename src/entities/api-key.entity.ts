import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { PublisherEntity } from "./publisher.entity";

/**
 * A publisher's API key, stored hashed (see src/publishing/api-key.ts): the public `prefix` finds the
 * row, and `secret_hash` is the SHA-256 of the key's secret part. The secret itself is shown once, when
 * the key is made, and never stored. A revoked key stays on record for the audit trail.
 */
@Entity({ name: "api_key" })
@Check("ck_api_key_prefix", `"prefix" ~ '^[0-9a-f]{12}$'`)
@Check("ck_api_key_secret_hash", `"secret_hash" ~ '^[0-9a-f]{64}$'`)
export class ApiKeyEntity {
  @PrimaryGeneratedColumn({ type: "int", name: "id" })
  id: number;

  @Index("ix_api_key_publisher_id")
  @Column({ type: "int", name: "publisher_id" })
  publisherId: number;

  @ManyToOne(() => PublisherEntity, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "publisher_id", foreignKeyConstraintName: "fk_api_key_publisher" })
  publisher?: PublisherEntity;

  /** Public identifier of the key, part of the key text: 12 hex digits. */
  @Column({ type: "text", name: "prefix", unique: true })
  prefix: string;

  /** SHA-256 of the key's secret, hex. */
  @Column({ type: "text", name: "secret_hash" })
  secretHash: string;

  @CreateDateColumn({ type: "timestamptz", name: "created_at" })
  createdAt: Date;

  @Column({ type: "timestamptz", name: "revoked_at", nullable: true })
  revokedAt: Date | null;

  /** When the key last authenticated a request. */
  @Column({ type: "timestamptz", name: "last_used_at", nullable: true })
  lastUsedAt: Date | null;
}
