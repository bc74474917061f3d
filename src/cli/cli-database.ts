import type { Config } from "../config";
import { openDatabase, type Database } from "../db/database";
import { readLiveSocketInfo } from "../db/embedded";
import { CliError } from "./command";

/**
 * Fails with instructions when the embedded database of `config` is held by a running server (only
 * one process can open a PGlite data directory). `advice` says what to do instead; `{url}` in it is
 * replaced by the running server's socket URL.
 */
export async function refuseIfEmbeddedDatabaseHeld(config: Config, advice: string): Promise<void> {
  if (config.database.mode !== "embedded") return;
  const live = await readLiveSocketInfo(config.database.dataDir);
  if (!live) return;
  throw new CliError(
    `The embedded database in ${config.database.dataDir} is in use by a running inovasi server (pid ${live.pid}).\n` +
      advice.replaceAll("{url}", live.url),
  );
}

/** Opens the database of `config` for a one-off command such as `seed` or `migrate`. */
export async function openCommandDatabase(config: Config, commandName: string): Promise<Database> {
  await refuseIfEmbeddedDatabaseHeld(
    config,
    `Either stop that server and run this command again, or run it through the server's socket:\n` +
      `  DATABASE_URL={url} npx inovasi ${commandName}`,
  );
  return openDatabase(config, { poolSize: 2 });
}
