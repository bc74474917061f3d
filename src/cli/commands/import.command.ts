import path from "node:path";
import { loadConfig } from "../../config";
import { findImportPublisher, type ImportPublisher } from "../../import/import-publisher";
import { createImportProgress } from "../../import/progress";
import { importCatalogueFiles, type ImportReport } from "../../import/run-import";
import { IMPORT_LIMITS } from "../../import/import-files";
import type { SeedProblem } from "../../seed/catalogue-csv";
import { describeDatabase } from "../../server/describe-database";
import { migrate, openDatabase } from "../../db/database";
import { refuseIfEmbeddedDatabaseHeld } from "../cli-database";
import { CliError, ExitCode, type Command } from "../command";

/** Problems and notes printed at most, so that a broken large file does not flood the terminal; --json has all. */
const MAX_LISTED = 50;

const mib = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MiB`;

/** `inovasi import`: validates and imports catalogue files (see README, "Importing data"). */
export const importCommand: Command = {
  help: `Usage: inovasi import FILE... [--publisher NAME] [--dry-run] [--json]

Imports catalogue files into the database the configuration names (DATABASE_URL, or the embedded
database in INOVASI_DATA_DIR, default .data/), after applying pending migrations.

FILE is a CSV in one of the catalogue formats, told by its header: innovations, awards and competitions
(exactly the formats of the published data) or replications; or JSON with the same field names (an array
of entries, or {"innovations": [...], "awards": [...], ...}). Give several files at once when awards
name innovations or competitions that another file brings.

Every row is validated and every name resolved before anything is written; any problem is listed with
its file, row and field, and then nothing is written (exit code 1). Otherwise everything is written in
one transaction. Importing the same files again changes nothing. An incoming innovation that certainly
is one the catalogue holds is merged into it; one that only may be is imported on its own and listed
for review. A fact that differs from one another publisher gave is not applied, but listed as a conflict.

Limits per file: CSV ${mib(IMPORT_LIMITS.maxCsvBytes)}, JSON ${mib(IMPORT_LIMITS.maxJsonBytes)}, ${IMPORT_LIMITS.maxRows.toLocaleString("en")} rows.

Options:
  --publisher NAME  Import for this publisher: its scope is enforced on every row, and its claims
                    and audit entries name it (default: the operator, unscoped)
  --dry-run         Validate, resolve and count what would change; write nothing
  --json            Print the report as JSON`,
  options: {
    publisher: { type: "string" },
    "dry-run": { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  },
  allowPositionals: true,
  async run(args, io) {
    if (args.positionals.length === 0) throw new CliError("name at least one file to import (see inovasi import --help)", ExitCode.USAGE);
    const publisherName = typeof args.values.publisher === "string" ? args.values.publisher.trim() : null;
    if (publisherName === "") throw new CliError("--publisher needs a publisher's name", ExitCode.USAGE);
    const config = loadConfig();
    await refuseIfEmbeddedDatabaseHeld(
      config,
      "Only one process can open it. Either:\n" +
        "  - stop that server and run this import again; or\n" +
        `  - import through the server's socket: DATABASE_URL={url} npx inovasi import ${args.positionals.join(" ")}${publisherName ? ` --publisher "${publisherName}"` : ""}; or\n` +
        "  - send the files to the running server with the importBatch mutation (needs the publisher's API key).",
    );
    const database = await openDatabase(config, { poolSize: 2 });
    let report: ImportReport;
    try {
      await migrate(database.dataSource);
      let publisher: ImportPublisher | null = null;
      if (publisherName !== null) {
        const found = await findImportPublisher(database.dataSource.manager, publisherName);
        if (!found.publisher) {
          throw new CliError(
            `no publisher is named "${publisherName}". ` +
              (found.known.length > 0 ? `Publishers: ${found.known.map((n) => `"${n}"`).join(", ")}.` : "There are no publishers yet: npx inovasi publisher create …"),
          );
        }
        publisher = found.publisher;
      }
      report = await importCatalogueFiles(
        database.dataSource,
        args.positionals.map((file) => ({ path: path.resolve(file), name: file })),
        { publisher, dryRun: Boolean(args.values["dry-run"]), progress: createImportProgress(process.stderr) },
      );
    } finally {
      await database.close();
    }
    if (args.values.json) {
      io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    } else if (report.problems.length > 0) {
      io.stderr(
        `${report.problems.length} problem(s) in the import; nothing was written:\n${listed(report.problems)}\n` +
          "Fix them and import all the files again.\n",
      );
    } else {
      io.stdout(`${summary(report, describeDatabase(config))}\n`);
    }
    return report.problems.length > 0 ? ExitCode.FAILURE : ExitCode.OK;
  },
};

function listed(items: readonly SeedProblem[]): string {
  const lines = items.slice(0, MAX_LISTED).map((p) => `  - ${p.file}${p.row > 0 ? ` row ${p.row}` : ""}${p.field ? `, ${p.field}` : ""}: ${p.message}`);
  if (items.length > MAX_LISTED) lines.push(`  … and ${items.length - MAX_LISTED} more (--json lists them all)`);
  return lines.join("\n");
}

function summary(report: ImportReport, database: string): string {
  const lines = [
    `${report.dryRun ? "Dry run on" : "Imported into"} ${database}: ${report.rows.toLocaleString("en")} row(s) from ${report.files.length} file(s) in ${(report.durationMs / 1000).toFixed(1)} s${report.publisher ? ` for publisher "${report.publisher}"` : ""}.`,
  ];
  for (const [table, count] of Object.entries(report.changes)) {
    if (count > 0) lines.push(`  ${table}: ${count.toLocaleString("en")} row(s) ${report.dryRun ? "would change" : "changed"}`);
  }
  lines.push(
    report.totalChanges > 0
      ? `${report.totalChanges.toLocaleString("en")} row(s) ${report.dryRun ? "would change; nothing was written (dry run)" : "changed"}.`
      : "No changes: the catalogue already holds everything these files say.",
  );
  const toReview = [...report.reviews, ...report.conflicts];
  if (toReview.length > 0) {
    lines.push(`${toReview.length} item(s) for review${report.dryRun ? "" : " (kept in the import_review table)"}:`);
    lines.push(listed(toReview.map((r) => ({ file: r.label, row: r.row, field: r.kind === "conflict" ? Object.keys(r.incoming)[0] : "innovation_name", message: r.message }))));
  }
  if (report.notes.length > 0) lines.push(`${report.notes.length} note(s) on how names were resolved (--json lists them).`);
  return lines.join("\n");
}
