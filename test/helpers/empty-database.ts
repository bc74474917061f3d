import pg from "pg";
import { startEmbeddedPostgres } from "../../src/db/embedded";

/** A new, empty database for tests, and how to get rid of it. */
export interface EmptyDatabase {
  readonly url: string;
  /** Drops the server database, or stops the in-memory PGlite. */
  dispose(): Promise<void>;
}

/**
 * Creates an empty database in the run's mode: a fresh database (named `<prefix>_<pid>_<time>_<random>`) on
 * the server at TEST_DATABASE_URL when it is set, or an in-memory PGlite served on a loopback socket.
 */
export async function createEmptyDatabase(prefix: string): Promise<EmptyDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres({ dataDir: null });
    return { url: embedded.url, dispose: () => embedded.stop() };
  }
  const name = `${prefix}_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const target = new URL(serverUrl);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    async dispose() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
