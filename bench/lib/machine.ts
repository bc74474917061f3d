import { readFile } from "node:fs/promises";
import os from "node:os";
import pg from "pg";

/** The machine a run was measured on. */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  ramGiB: number;
  node: string;
  postgres: string;
  platform: string;
}

/** Load average (1, 5 and 15 minutes), rounded. */
export function loadAverage(): [number, number, number] {
  const [a, b, c] = os.loadavg();
  return [Number(a.toFixed(2)), Number(b.toFixed(2)), Number(c.toFixed(2))];
}

/** Describes this machine and the Postgres server at `databaseUrl`. */
export async function describeMachine(databaseUrl: string): Promise<MachineInfo> {
  const cpuinfo = await readFile("/proc/cpuinfo", "utf8").catch(() => "");
  const cpuModel = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? "unknown";
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const version = await client.query<{ server_version: string }>("SHOW server_version").finally(() => client.end());
  return {
    cpuModel,
    cores: os.cpus().length,
    ramGiB: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
    node: process.version,
    postgres: version.rows[0].server_version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}
