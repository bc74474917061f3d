import type { ParseArgsConfig } from "node:util";

/** Where a command writes: results to `stdout`, diagnostics to `stderr`. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Process exit codes of the CLI. */
export const ExitCode = {
  OK: 0,
  /** The command ran and failed (database unreachable, seed problems, …). */
  FAILURE: 1,
  /** The command was not run: bad arguments or invalid configuration. */
  USAGE: 2,
} as const;

/** The options and positionals of one invocation, as parsed by node:util's parseArgs. */
export interface CommandArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

/**
 * What `inovasi <name>` does. A command lives in `commands/<name>.command.ts`; to add one, write it
 * and list it in `commands/index.ts`. Parsing, `--help` and error reporting are handled by run-cli.ts.
 */
export interface Command {
  /** Usage line(s) and option descriptions, shown by `inovasi <name> --help`. */
  readonly help: string;
  /** Options for parseArgs (strict); `--help` is added for every command. */
  readonly options?: NonNullable<ParseArgsConfig["options"]>;
  /** Whether positional arguments are accepted. */
  readonly allowPositionals?: boolean;
  /** Runs the command and resolves to the exit code. Errors it throws are reported by run-cli.ts. */
  run(args: CommandArgs, io: CliIo): Promise<number>;
}

/**
 * A line of the command table. The command's module is imported only when it runs, so that
 * `inovasi --help` does not load the database and GraphQL stacks.
 */
export interface CommandEntry {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  load(): Promise<Command>;
}

/** A failure whose message is already meant for the user: printed without a stack trace. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: number = ExitCode.FAILURE) {
    super(message);
    this.name = "CliError";
  }
}
