import { Check, Column, Entity, PrimaryColumn } from "typeorm";

/**
 * The catalogue's version: one row, whose `version` goes up once in every transaction that changes any
 * table the API reads (statement-level triggers, migration 1763940000000; the tables left out are
 * listed in CATALOGUE_VERSION_UNTRACKED). The response cache (src/server/response-cache.ts) keys
 * anonymous answers by it, so an answer is never reused after a change has committed.
 */
@Entity({ name: "catalogue_version" })
@Check("ck_catalogue_version_single_row", `"id"`)
export class CatalogueVersionEntity {
  /** Always true: the table has one row. */
  @PrimaryColumn({ type: "boolean", name: "id", default: () => "true", primaryKeyConstraintName: "pk_catalogue_version" })
  id: boolean;

  @Column({ type: "bigint", name: "version" })
  version: string;

  /** The transaction that last raised the version; later statements of that transaction leave it. */
  @Column({ type: "bigint", name: "changed_in", nullable: true })
  changedIn: string | null;
}

/** Tables whose changes do not change any answer: bookkeeping of migrations, the outbox and this table. */
export const CATALOGUE_VERSION_UNTRACKED = ["catalogue_version", "search_outbox", "search_outbox_target", "typeorm_metadata", "typeorm_migrations"] as const;
