import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import type { ImportReport as ImportReportData } from "../import/run-import";
import { UserError } from "./user-error.type";

/** What an import left for a person to decide. */
export enum ImportReviewKind {
  UNCERTAIN_MATCH = "uncertain_match",
  CONFLICT = "conflict",
}
registerEnumType(ImportReviewKind, {
  name: "ImportReviewKind",
  description: "Why an import left something for review.",
  valuesConfig: {
    UNCERTAIN_MATCH: { description: "An incoming innovation may be one the catalogue holds; it was imported on its own, not merged." },
    CONFLICT: { description: "An incoming fact differs from one another asserter gave; the held fact was kept, both sources are linked." },
  },
});

@ObjectType("ImportTableChange", { description: "Rows an import inserted or updated in one table." })
export class ImportTableChange {
  @Field(() => String, { description: 'The table, e.g. "innovation", "award_result", "source_claim".' })
  table: string;

  @Field(() => Int, { description: "Rows inserted or updated." })
  count: number;
}

@ObjectType("ImportReviewItem", { description: "Something an import could not decide and left for review (also kept in the import_review table)." })
export class ImportReviewItem {
  @Field(() => ImportReviewKind, { description: "Uncertain match or conflicting fact." })
  kind: ImportReviewKind;

  @Field(() => String, { description: "The file that raised it." })
  file: string;

  @Field(() => Int, { description: "Its row (CSV: the header is row 1) or JSON entry (1-based)." })
  row: number;

  @Field(() => String, { description: "What happened and what to look at, in words." })
  message: string;
}

@ObjectType("ImportNote", { description: "How the import resolved a name, where that is worth knowing (a merge, a new series or edition)." })
export class ImportNote {
  @Field(() => String, { description: "The file." })
  file: string;

  @Field(() => Int, { description: "The row or entry." })
  row: number;

  @Field(() => String, { description: "The field, where one is concerned." })
  field: string;

  @Field(() => String, { description: "The note." })
  message: string;
}

@ObjectType("ImportReport", { description: "What a batch import did (or, for a dry run, would do)." })
export class ImportReport {
  @Field(() => Boolean, { description: "Whether the changes were committed (false for a dry run)." })
  applied: boolean;

  @Field(() => Boolean, { description: "Whether this was a dry run." })
  dryRun: boolean;

  @Field(() => Int, { description: "Data rows read, in every file." })
  rows: number;

  @Field(() => Int, { description: "Rows inserted or updated in all; 0 when the same files are imported again." })
  totalChanges: number;

  @Field(() => [ImportTableChange], { description: "Rows inserted or updated, per table that changed." })
  changes: ImportTableChange[];

  @Field(() => [ImportReviewItem], { description: "Uncertain matches and conflicting facts, left for review." })
  reviews: ImportReviewItem[];

  @Field(() => [ImportNote], { description: "How names were resolved, where worth knowing." })
  notes: ImportNote[];

  static from(report: ImportReportData): ImportReport {
    return Object.assign(new ImportReport(), {
      applied: report.applied,
      dryRun: report.dryRun,
      rows: report.rows,
      totalChanges: report.totalChanges,
      changes: Object.entries(report.changes)
        .filter(([, count]) => count > 0)
        .map(([table, count]) => Object.assign(new ImportTableChange(), { table, count })),
      reviews: [...report.reviews, ...report.conflicts].map((r) =>
        Object.assign(new ImportReviewItem(), { kind: r.kind as ImportReviewKind, file: r.label, row: r.row, message: r.message }),
      ),
      notes: report.notes.map((n) => Object.assign(new ImportNote(), n)),
    });
  }
}

@ObjectType("ImportBatchPayload", { description: "The result of importBatch." })
export class ImportBatchPayload {
  @Field(() => ImportReport, { nullable: true, description: "What the import did; null when there are userErrors (then nothing was written)." })
  report: ImportReport | null;

  @Field(() => [UserError], { description: "Every problem of every row, with the file (by position), row and field; when there are any, nothing was written." })
  userErrors: UserError[];
}
