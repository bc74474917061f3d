import type { Config } from "../config";

/**
 * The server's log sink. Structurally the same as Apollo's `Logger`, so one instance serves both our
 * own lines and Apollo's.
 */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** The configured verbosity; `silent` logs nothing. */
export type LogLevel = Config["logLevel"];

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/**
 * A logger that writes one timestamped line per message at or above `level`. Log lines go to stderr
 * by default: stdout is kept for command output (the seed report, `--help`), so that it can be piped.
 */
export function createLogger(level: LogLevel, write: (line: string) => void = (line) => process.stderr.write(line)): Logger {
  const at = (lineLevel: Exclude<LogLevel, "silent">) => (message: string) => {
    if (RANK[lineLevel] < RANK[level]) return;
    write(`${new Date().toISOString()} ${lineLevel.toUpperCase().padEnd(5)} ${message}\n`);
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

/** A logger that keeps its lines in memory (tests assert on what was logged). */
export interface MemoryLogger extends Logger {
  readonly lines: string[];
}

/** Creates a {@link MemoryLogger} recording every level. */
export function createMemoryLogger(): MemoryLogger {
  const lines: string[] = [];
  return { lines, ...createLogger("debug", (line) => lines.push(line)) };
}
