import { loadConfig } from "../../config";
import { migrate } from "../../db/database";
import { describeDatabase } from "../../server/describe-database";
import { openCommandDatabase } from "../cli-database";
import { ExitCode, type Command } from "../command";

/** `inovasi migrate`: applies pending migrations to the configured database. */
export const migrateCommand: Command = {
  help: `Usage: inovasi migrate

Applies every pending migration, in one transaction, to the database the configuration names
(DATABASE_URL, or the embedded database in INOVASI_DATA_DIR, default .data/).`,
  async run(_args, io) {
    const config = loadConfig();
    const database = await openCommandDatabase(config, "migrate");
    try {
      const applied = await migrate(database.dataSource);
      io.stdout(
        applied.length > 0
          ? `Applied ${applied.length} migration(s) to ${describeDatabase(config)}:\n${applied.map((name) => `  ${name}`).join("\n")}\n`
          : `${describeDatabase(config)} is up to date; no migrations to apply.\n`,
      );
    } finally {
      await database.close();
    }
    return ExitCode.OK;
  },
};
