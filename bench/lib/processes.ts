import { spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

/** The repository root (bench/lib → ../..). */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** A server the benchmark started in a child process of its own. */
export interface ChildServer {
  readonly name: string;
  readonly pid: number;
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  /** Resident memory of the process now, and its peak (VmHWM), in MiB. */
  memory(): Promise<{ rssMb: number; peakMb: number }>;
  /** CPU time the process has used so far (user + system), in seconds. */
  cpuSeconds(): Promise<number>;
  /** Stops it with SIGTERM (SIGKILL after 20 s) and waits for the exit. */
  stop(): Promise<void>;
  /** The last lines it wrote to stderr, for error messages. */
  logTail(): string;
}

// USER_HZ, the unit of /proc CPU times: 100 on every Linux architecture Node supports.
const CLOCK_TICKS = 100;

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts a TypeScript entry point under `node --import tsx` (one process, so its pid is the server's
 * own and its RSS is the server's), then waits until it is ready: either it prints a JSON line
 * `{"ready":true,"port":N}` or `readyPath` answers 200 on `port`.
 */
export async function startChild(options: {
  name: string;
  script: string;
  args?: string[];
  env: Record<string, string>;
  nodeArgs?: string[];
  port?: number;
  readyPath?: string;
  timeoutMs?: number;
  /** Directory the script is run from (default: this repository). */
  cwd?: string;
}): Promise<ChildServer> {
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), "--import", "tsx", options.script, ...(options.args ?? [])], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${options.name}: could not start ${options.script}`);
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8_000);
  });
  let exitedHow = "";
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code, signal) => {
      exitedHow = signal ? `killed by ${signal}` : `exited with code ${code}`;
      stderr += `\n[${options.name} ${exitedHow}]`;
      resolve(code);
    }),
  );
  let announcedPort: number | null = null;
  let stdoutBuffer = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    stdoutBuffer += chunk.toString();
    for (const line of stdoutBuffer.split("\n").slice(0, -1)) {
      try {
        const message = JSON.parse(line) as { ready?: boolean; port?: number };
        if (message.ready && message.port) announcedPort = message.port;
      } catch {
        // Not a readiness line: ordinary output.
      }
    }
    stdoutBuffer = stdoutBuffer.slice(stdoutBuffer.lastIndexOf("\n") + 1);
  });

  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  let port: number | null = null;
  while (Date.now() < deadline && port === null) {
    if (exitCode !== undefined) throw new Error(`${options.name} exited (code ${exitCode}) before it was ready:\n${stderr}`);
    if (announcedPort) port = announcedPort;
    else if (options.readyPath && options.port) {
      const ok = await fetch(`http://127.0.0.1:${options.port}${options.readyPath}`).then((r) => r.ok, () => false);
      if (ok) port = options.port;
    }
    if (port === null) await new Promise((r) => setTimeout(r, 200));
  }
  if (port === null) {
    child.kill("SIGKILL");
    throw new Error(`${options.name} was not ready within ${(options.timeoutMs ?? 120_000) / 1000} s:\n${stderr}`);
  }

  return {
    name: options.name,
    pid,
    baseUrl: `http://127.0.0.1:${port}`,
    async memory() {
      const status = await readFile(`/proc/${pid}/status`, "utf8");
      const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
      return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
    },
    async cpuSeconds() {
      // /proc/<pid>/stat: fields 14 and 15 (utime, stime) in clock ticks, counted after the ")" of the name.
      const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1].split(" ");
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    },
    async stop() {
      if (exitCode !== undefined) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
    },
    logTail: () => stderr,
  };
}
