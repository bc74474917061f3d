import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { ImportPublisher } from "../import/import-publisher";
import { importCatalogueFiles, type ImportReport as ImportReportData } from "../import/run-import";
import { forbidden } from "../publishing/errors";
import { UserProblems, type UserErrorCode, type UserProblem } from "../publishing/user-errors";
import { ImportBatchInput } from "../schema/import-batch.input";
import { ImportBatchPayload, ImportReport } from "../schema/import-report.type";
import type { RequestContext } from "./context";
import { runPublisherWrite } from "./mutation-support";

/** Most files in one batch; a larger import belongs on the command line. */
export const MAX_BATCH_FILES = 20;

@Resolver()
export class ImportMutationResolver {
  @Mutation(() => ImportBatchPayload, {
    description:
      "Imports files in the catalogue's import formats for the publisher of the API key, exactly as `inovasi import --publisher` does: every row " +
      "validated and resolved first, then all written in one transaction, or nothing. Rows outside the publisher's scope: FORBIDDEN. Other " +
      "problems come back as userErrors, each naming its file, row and field. The request body's size limit bounds a batch; larger imports " +
      "belong on the command line.",
  })
  importBatch(
    @Ctx() ctx: RequestContext,
    @Arg("input", () => ImportBatchInput, { description: "The files, and whether this is a dry run." }) input: ImportBatchInput,
  ): Promise<ImportBatchPayload> {
    return runPublisherWrite(
      ctx,
      async (publisher) => {
        if (input.files.length === 0 || input.files.length > MAX_BATCH_FILES) {
          throw new UserProblems([{ field: ["input", "files"], code: "OUT_OF_RANGE", message: `A batch has 1 to ${MAX_BATCH_FILES} files; it has ${input.files.length}.` }]);
        }
        const report = await importTexts(ctx, input, { id: publisher.id, name: publisher.name, scope: publisher.scope, apiKeyId: publisher.apiKeyId });
        const outside = report.problems.filter((p) => p.message.startsWith("outside the scope of publisher"));
        if (outside.length > 0) {
          throw forbidden(
            `Publisher "${publisher.name}" may not import ${outside.length} of these rows; nothing was written. ` +
              outside.slice(0, 5).map((p) => `${p.file} row ${p.row}: ${p.message}`).join(" ") + (outside.length > 5 ? " …" : ""),
          );
        }
        if (report.problems.length > 0) throw new UserProblems(report.problems.map((p) => userProblem(input, p)));
        return report;
      },
      (report, userErrors) => Object.assign(new ImportBatchPayload(), { report: report && ImportReport.from(report), userErrors }),
    );
  }
}

/** Writes the batch's texts to a private temporary folder and imports them from there. */
async function importTexts(ctx: RequestContext, input: ImportBatchInput, publisher: ImportPublisher): Promise<ImportReportData> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "inovasi-batch-"));
  try {
    const files = await Promise.all(
      input.files.map(async (file, i) => {
        const json = /\.json$/i.test(file.name) || /^\s*[[{]/.test(file.content);
        const filePath = path.join(dir, `${i + 1}.${json ? "json" : "csv"}`);
        await fs.writeFile(filePath, file.content, "utf8");
        return { path: filePath, name: file.name };
      }),
    );
    return await importCatalogueFiles(ctx.dataSource, files, { publisher, dryRun: input.dryRun });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** A problem of the import as a userError: the path names the file by its position, then the row and field. */
function userProblem(input: ImportBatchInput, problem: ImportReportData["problems"][number]): UserProblem {
  const index = input.files.findIndex((f) => problem.file === f.name || problem.file.startsWith(`${f.name} (`));
  const field = ["input", "files", String(Math.max(index, 0)), "content"];
  if (problem.row > 0) field.push("rows", String(problem.row));
  if (problem.field) field.push(problem.field);
  const where = `${problem.file}${problem.row > 0 ? ` row ${problem.row}` : ""}${problem.field ? `, ${problem.field}` : ""}`;
  return { field, code: codeOf(problem), message: `${where}: ${problem.message}` };
}

function codeOf(problem: { field: string; message: string }): UserErrorCode {
  if (/repeats row|named twice/.test(problem.message)) return "DUPLICATE";
  if (/^(province|regency_or_city|adopter_province|adopter_regency_or_city)$/.test(problem.field) && /unknown|not in province|ambiguous|Kemendagri/.test(problem.message)) return "UNKNOWN_REGION";
  if (problem.message === "is empty") return "REQUIRED";
  if (/over the limit|more than .* rows|longer than the limit/.test(problem.message)) return "OUT_OF_RANGE";
  if (/^no innovation|is not a competition the catalogue knows/.test(problem.message)) return "NOT_FOUND";
  return "INVALID";
}
