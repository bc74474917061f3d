import { loadConfig } from "../../config";
import { migrate } from "../../db/database";
import { drainSearchOutbox } from "../../search/outbox-worker";
import { ensureSearchDocuments } from "../../search/postgres-search-index";
import { loadSeedCatalogue, type SeedReport } from "../../seed/load-seed";
import { describeDatabase } from "../../server/describe-database";
import { openCommandDatabase } from "../cli-database";
import { ExitCode, type Command } from "../command";

/** `inovasi seed`: migrates, then loads the seed catalogue idempotently. */
export const seedCommand: Command = {
  help: `Usage: inovasi seed [--json]

Applies pending migrations, then loads the seed catalogue into the database the configuration names
(DATABASE_URL, or the embedded database in INOVASI_DATA_DIR, default .data/). Loading again changes
nothing. If the seeds have problems, they are listed, nothing is written and the exit code is 1.

Options:
  --json   Print the report as JSON: {"migrationsApplied", "changes", "totalChanges", "problems"}`,
  options: { json: { type: "boolean", default: false } },
  async run(args, io) {
    const config = loadConfig();
    const database = await openCommandDatabase(config, "seed");
    let migrationsApplied: string[];
    let report: SeedReport;
    try {
      migrationsApplied = await migrate(database.dataSource);
      report = await loadSeedCatalogue(database.dataSource);
      if (report.problems.length === 0) {
        // The seed's writes queued their innovations in the search outbox; the Postgres index catches up now.
        await drainSearchOutbox(database.dataSource);
        await ensureSearchDocuments(database.dataSource.manager, { changed: false });
      }
    } finally {
      await database.close();
    }
    const totalChanges = Object.values(report.changes).reduce((sum, n) => sum + n, 0);
    if (args.values.json) {
      io.stdout(`${JSON.stringify({ migrationsApplied, changes: report.changes, totalChanges, problems: report.problems }, null, 2)}\n`);
      return report.problems.length > 0 ? ExitCode.FAILURE : ExitCode.OK;
    }
    if (report.problems.length > 0) {
      io.stderr(
        `The seed catalogue has ${report.problems.length} problem(s); nothing was written:\n` +
          report.problems.map((p) => `  - ${p.file} row ${p.row}, ${p.field}: ${p.message}`).join("\n") +
          "\n",
      );
      return ExitCode.FAILURE;
    }
    const lines = [`Seeded ${describeDatabase(config)}.`];
    if (migrationsApplied.length > 0) lines.push(`Applied migrations: ${migrationsApplied.join(", ")}`);
    for (const [table, count] of Object.entries(report.changes)) {
      if (count > 0) lines.push(`  ${table}: ${count} row(s) changed`);
    }
    lines.push(totalChanges > 0 ? `${totalChanges} row(s) changed.` : "No changes: the database already matches the seed catalogue.");
    io.stdout(`${lines.join("\n")}\n`);
    return ExitCode.OK;
  },
};
