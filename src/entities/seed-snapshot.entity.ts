import { Column, Entity, PrimaryColumn } from "typeorm";

/**
 * What the seed loader last wrote into one catalogue row, column by column. It is how the seed knows
 * which facts are still its own: on a later load the seed rewrites a column only while the row still
 * holds the value recorded here (or the column is empty), so corrections made since by imports or
 * mutations survive a restart. See seeds/README.md, "Precedence".
 */
@Entity({ name: "seed_snapshot" })
export class SeedSnapshotEntity {
  /** The catalogue table, e.g. "innovation". */
  @PrimaryColumn({ type: "text", name: "table_name" })
  tableName: string;

  /** The row's id in that table. */
  @PrimaryColumn({ type: "int", name: "row_id" })
  rowId: number;

  /** Column name → the value the seed wrote (as jsonb), for every column the seed owns in that table. */
  @Column({ type: "jsonb", name: "snapshot" })
  snapshot: Record<string, unknown>;
}
