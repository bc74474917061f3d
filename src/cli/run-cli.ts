import { parseArgs } from "node:util";
import { ConfigError } from "../config";
import { CliError, ExitCode, type CliIo, type CommandArgs, type CommandEntry } from "./command";
import { COMMANDS } from "./commands";

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

function overview(commands: readonly CommandEntry[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `Usage: inovasi <command> [options]

The open catalogue of Indonesian public-service innovations, served over GraphQL.

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n")}

Run "inovasi <command> --help" for a command's options.
Configuration comes from the environment: DATABASE_URL (default: embedded PGlite in INOVASI_DATA_DIR,
.data/), PORT, HOST, INOVASI_SEED_ON_START, INOVASI_CONNECT_TIMEOUT_MS, LOG_LEVEL, MEILI_HOST, …
`;
}

/**
 * Runs `inovasi` with `argv` (without node and script) and resolves to the process exit code:
 * 0 success, 1 the command failed, 2 bad usage or invalid configuration (every problem is listed).
 */
export async function runCli(argv: string[], io: CliIo = processIo, commands: readonly CommandEntry[] = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(overview(commands));
    return ExitCode.USAGE;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    const topic = name === "help" ? commands.find((c) => c.name === rest[0]) : undefined;
    io.stdout(topic ? `${(await topic.load()).help}\n` : overview(commands));
    return ExitCode.OK;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.stderr(`Unknown command "${name}".\n\n${overview(commands)}`);
    return ExitCode.USAGE;
  }
  const command = await entry.load();

  let args: CommandArgs;
  try {
    args = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: "boolean", short: "h" } },
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${command.help}\n`);
    return ExitCode.USAGE;
  }
  if (args.values.help) {
    io.stdout(`${command.help}\n`);
    return ExitCode.OK;
  }

  try {
    return await command.run(args, io);
  } catch (error) {
    return reportFailure(entry.name, error, io);
  }
}

/** Prints why a command failed, as plainly as the error allows, and returns the exit code. */
async function reportFailure(name: string, error: unknown, io: CliIo): Promise<number> {
  if (error instanceof ConfigError) {
    io.stderr(`${error.message}\nFix the environment variables above and run "inovasi ${name}" again.\n`);
    return ExitCode.USAGE;
  }
  if (error instanceof CliError) {
    io.stderr(`inovasi ${name}: ${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  // Loaded only here: it pulls in graphql, which `inovasi --help` has no use for.
  const { isDatabaseUnavailableError } = await import("../server/errors");
  if (isDatabaseUnavailableError(error)) {
    io.stderr(
      `inovasi ${name}: cannot reach the database (${message}).\n` +
        "Check DATABASE_URL, and that PostgreSQL is running and accepting connections.\n",
    );
    return ExitCode.FAILURE;
  }
  // A PostgreSQL error (unknown database, failed authentication, …) explains itself; its stack does not.
  const { code, severity } = (typeof error === "object" && error !== null ? error : {}) as { code?: unknown; severity?: unknown };
  if (typeof severity === "string" && typeof code === "string") {
    io.stderr(`inovasi ${name}: the database refused: ${message} (SQLSTATE ${code}).\n`);
    return ExitCode.FAILURE;
  }
  io.stderr(`inovasi ${name} failed: ${error instanceof Error ? (error.stack ?? message) : message}\n`);
  return ExitCode.FAILURE;
}
