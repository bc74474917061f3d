import type { Config } from "../config";

/**
 * Names the database of `config` for log lines and messages: the embedded data directory, or the
 * server URL without its password.
 */
export function describeDatabase(config: Config): string {
  if (config.database.mode === "embedded") return `the embedded database in ${config.database.dataDir}`;
  const url = new URL(config.database.url);
  url.password = "";
  return `PostgreSQL at ${url.toString()}`;
}
