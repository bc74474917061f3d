import { spawn } from "node:child_process";
import os from "node:os";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bin/inovasi.js", import.meta.url));

// Settings the CLI reads; the child gets only the ones a test names, whatever the outer environment holds.
const CONFIG_VARS = /^(DATABASE_URL|PORT|HOST|LOG_LEVEL|MEILI_HOST|MEILI_API_KEY|INOVASI_.*)$/;

/** What a CLI run printed and how it exited. */
export interface InovasiRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `bin/inovasi.js` as a child process from a directory other than the repository, as npx may, with only `env` as configuration. */
export function runInovasi(args: string[], env: Record<string, string> = {}): Promise<InovasiRun> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !CONFIG_VARS.test(name)));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: os.tmpdir(), env: { ...base, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
