import { Field, Int, ObjectType } from "type-graphql";
import type { SourceEntity } from "../entities";
import { LocalDate } from "./scalars";

@ObjectType("SourceStatement", { description: "One fact as a claim stated it: a field of the record and its value." })
export class SourceStatement {
  @Field(() => String, { description: 'The field, as the API names it (e.g. "summary", "launchYear", "entryCount", "label").' })
  field: string;

  @Field(() => String, { nullable: true, description: "The value as stated (as text); null when the row left it empty." })
  value: string | null;
}

/** A source_claim row as the sources loader returns it (see SourceClaimEntity). */
export interface SourceClaimRow {
  publisher: string | null;
  file: string;
  row: number;
  statements: Record<string, string | null>;
  assertedOn: string;
}

@ObjectType("SourceClaim", {
  description:
    "What one importer stated about this record, citing this page: who (a publisher, or the operator), from which file and row, and the facts. " +
    "Where records from several files or publishers were merged, each keeps its own claim; a fact that conflicted with one already held is kept here too.",
})
export class SourceClaim {
  @Field(() => String, { nullable: true, description: "The publisher the import was made for; null for an operator's import from the command line." })
  publisher: string | null;

  @Field(() => String, { description: "The imported file, as the import named it." })
  file: string;

  @Field(() => Int, { description: "The row of that file (CSV: the header is row 1) or the entry of its JSON list (1-based)." })
  row: number;

  @Field(() => [SourceStatement], { description: "The facts the row stated about this record, field by field." })
  statements: SourceStatement[];

  @Field(() => LocalDate, { description: "The day the claim was last imported (or changed)." })
  assertedOn: string;

  static from(row: SourceClaimRow): SourceClaim {
    return Object.assign(new SourceClaim(), {
      publisher: row.publisher,
      file: row.file,
      row: row.row,
      statements: Object.entries(row.statements).map(([field, value]) => Object.assign(new SourceStatement(), { field, value })),
      assertedOn: row.assertedOn,
    });
  }
}

@ObjectType("Source", { description: "A public page that states facts held in the catalogue (provenance)." })
export class Source {
  @Field(() => String, { description: "Address of the page." })
  url: string;

  @Field(() => String, { nullable: true, description: "Title of the page, where recorded." })
  title: string | null;

  @Field(() => String, { nullable: true, description: "Who published the page (a site or organisation)." })
  publisher: string | null;

  @Field(() => LocalDate, { nullable: true, description: "When the page was read, where recorded." })
  retrievedAt: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Who first cited this page for this record: a seed file and row ("seeds/data/awards.csv:row 12"), an import ("<publisher or operator>: <file>:row <n>"), or a publisher\'s name.',
  })
  assertedBy: string | null;

  @Field(() => [SourceClaim], {
    description: "What each import citing this page for this record stated (who said what), oldest first; empty for the seed catalogue's own sources.",
  })
  claims: SourceClaim[];

  /** From a source row; `assertedBy` and `claims` when the row comes from a record's links (loaders.sourcesBySubject). */
  static from(entity: SourceEntity & { assertedBy?: string | null; claims?: SourceClaimRow[] | null }): Source {
    return Object.assign(new Source(), {
      url: entity.url,
      title: entity.title,
      publisher: entity.publisher,
      retrievedAt: entity.retrievedAt,
      assertedBy: entity.assertedBy ?? null,
      claims: (entity.claims ?? []).map((claim) => SourceClaim.from(claim)),
    });
  }
}
