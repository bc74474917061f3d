import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

/** One file of an import, as recorded in ImportRunEntity.files. */
export interface ImportRunFile {
  /** How the import named the file (its path as given). */
  name: string;
  kind: string;
  rows: number;
  /** SHA-256 of the file's bytes: which version of the file was imported. */
  sha256: string;
}

/**
 * One applied import (`inovasi import`, or the batch-import mutation): who ran it, which files, and
 * what it changed. Dry runs are not recorded. A run is written in the same transaction as its
 * changes, so a run that is recorded was applied in full.
 */
@Entity({ name: "import_run" })
export class ImportRunEntity {
  @PrimaryGeneratedColumn({ type: "int", name: "id" })
  id: number;

  /** The publisher the import was made for; null for an operator's import from the command line. */
  @Column({ type: "text", name: "publisher", nullable: true })
  publisher: string | null;

  @Column({ type: "jsonb", name: "files" })
  files: ImportRunFile[];

  /** Rows inserted or updated, by table. */
  @Column({ type: "jsonb", name: "changes" })
  changes: Record<string, number>;

  @Column({ type: "int", name: "total_changes" })
  totalChanges: number;

  /** Uncertain matches listed for review by this run. */
  @Column({ type: "int", name: "review_count" })
  reviewCount: number;

  /** Facts this run stated that differ from facts another asserter holds (kept, not applied). */
  @Column({ type: "int", name: "conflict_count" })
  conflictCount: number;

  @Column({ type: "timestamptz", name: "started_at" })
  startedAt: Date;

  @Column({ type: "timestamptz", name: "finished_at" })
  finishedAt: Date;
}
