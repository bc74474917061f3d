import { loadConfig } from "../../config";
import { createLogger } from "../../server/logger";
import { SeedProblemsError, startServer } from "../../server/start";
import { refuseIfEmbeddedDatabaseHeld } from "../cli-database";
import { CliError, ExitCode, type Command } from "../command";

// If a clean stop has not finished by then, something is stuck; give up rather than hang forever.
const STOP_DEADLINE_MS = 30_000;

/** `inovasi serve`: runs the GraphQL server until SIGINT or SIGTERM, then stops cleanly. */
export const serveCommand: Command = {
  help: `Usage: inovasi serve

Starts the GraphQL server on HOST:PORT (default 0.0.0.0:4000): GraphQL at /graphql, health at /health.
Without DATABASE_URL it uses the embedded database in INOVASI_DATA_DIR (default .data/), which
persists across restarts. Pending migrations are applied, and the seed catalogue is loaded unless
INOVASI_SEED_ON_START=false. Ctrl-C (SIGINT) or SIGTERM stops it cleanly.`,
  async run() {
    const config = loadConfig();
    const logger = createLogger(config.logLevel);
    await refuseIfEmbeddedDatabaseHeld(config, "Stop that server first, or set INOVASI_DATA_DIR to another directory.");
    // Listening before start-up means a Ctrl-C during migrations or seeding still ends in a clean stop.
    const signalled = nextSignal();
    const server = await startServer(config, { logger }).catch((error: unknown) => {
      throw error instanceof SeedProblemsError ? new CliError(`${error.message}\nThe server was not started.`) : error;
    });
    const signal = await signalled;
    // Signals during the stop (a second Ctrl-C, or one relayed by npm or tsx) must not kill the
    // process before PGlite has flushed its data directory.
    const whileStopping = (received: NodeJS.Signals) => logger.warn(`${received} received; still stopping cleanly`);
    process.on("SIGINT", whileStopping);
    process.on("SIGTERM", whileStopping);
    logger.info(`${signal} received; stopping`);
    const deadline = setTimeout(() => {
      logger.error(`stop did not finish within ${STOP_DEADLINE_MS / 1000} s; exiting`);
      process.exit(ExitCode.FAILURE);
    }, STOP_DEADLINE_MS);
    deadline.unref();
    try {
      await server.stop();
    } finally {
      clearTimeout(deadline);
      process.off("SIGINT", whileStopping);
      process.off("SIGTERM", whileStopping);
    }
    logger.info("stopped");
    return ExitCode.OK;
  },
};

/** Resolves with the first SIGINT or SIGTERM received from now on. */
function nextSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (received: NodeJS.Signals) => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      resolve(received);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
}
