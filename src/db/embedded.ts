import fs from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/** A running embedded Postgres: PGlite behind a socket, so the normal `pg` driver can use it. */
export interface EmbeddedPostgres {
  /** Connection string for the `pg` driver. */
  readonly url: string;
  readonly port: number;
  /** Stops the socket and closes the database cleanly (flushes it to `dataDir`). */
  stop(): Promise<void>;
}

/** File in the data directory that tells other processes (the CLI) where the running socket is. */
export const SOCKET_INFO_FILE = "socket.json";

export interface SocketInfo {
  pid: number;
  port: number;
  url: string;
  startedAt: string;
}

/**
 * Starts PGlite on `dataDir` (or in memory when `dataDir` is null) and serves it on 127.0.0.1.
 * PGlite holds one session; the socket server multiplexes several clients onto it, so callers should
 * keep their own pools small (see data-source.ts).
 */
export async function startEmbeddedPostgres(options: { dataDir: string | null; port?: number }): Promise<EmbeddedPostgres> {
  if (options.dataDir) {
    await fs.mkdir(options.dataDir, { recursive: true });
    await refuseIfHeld(options.dataDir);
  }
  const db = await PGlite.create({
    dataDir: options.dataDir ? path.join(options.dataDir, "pgdata") : undefined,
    extensions: { pg_trgm },
  });
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: options.port ?? 0, maxConnections: 64 });
  await server.start();
  const port = Number(server.getServerConn().split(":").pop());
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const infoPath = options.dataDir ? path.join(options.dataDir, SOCKET_INFO_FILE) : null;
  if (infoPath) {
    const info: SocketInfo = { pid: process.pid, port, url, startedAt: new Date().toISOString() };
    await fs.writeFile(infoPath, JSON.stringify(info, null, 2));
  }
  let stopped = false;
  return {
    url,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
      if (infoPath) await fs.rm(infoPath, { force: true });
    },
  };
}

/** Reads the socket file of a server that holds `dataDir`, if that server is still alive. */
export async function readLiveSocketInfo(dataDir: string): Promise<SocketInfo | null> {
  try {
    const info = JSON.parse(await fs.readFile(path.join(dataDir, SOCKET_INFO_FILE), "utf8")) as SocketInfo;
    process.kill(info.pid, 0);
    return info.pid === process.pid ? null : info;
  } catch {
    return null;
  }
}

async function refuseIfHeld(dataDir: string): Promise<void> {
  const live = await readLiveSocketInfo(dataDir);
  if (live) {
    throw new Error(
      `The embedded database in ${dataDir} is held by a running inovasi server (pid ${live.pid}, ${live.url}). ` +
        `Stop that server first, or point DATABASE_URL at ${live.url} to work through it.`,
    );
  }
}
