import { Field, InputType } from "type-graphql";

@InputType("ImportFileInput", { description: "One file of a batch import: a CSV or JSON text in one of the catalogue's import formats." })
export class ImportFileInput {
  @Field(() => String, { description: 'How reports and provenance name the file, e.g. "kipp-jateng-2024-results.csv". A name ending in .json is read as JSON.' })
  name: string;

  @Field(() => String, {
    description:
      "The file's text: CSV with a header row (innovations, awards, competitions or replications format, told by the header) or JSON with the same field names.",
  })
  content: string;
}

@InputType("ImportBatchInput", { description: "Files to import together, as `inovasi import` does (README, \"Importing data\")." })
export class ImportBatchInput {
  @Field(() => [ImportFileInput], { description: "The files (1 to 20); awards may name innovations and competitions that another file of the batch brings." })
  files: ImportFileInput[];

  @Field(() => Boolean, { defaultValue: false, description: "Validate, resolve and count what would change, and write nothing." })
  dryRun: boolean;
}
