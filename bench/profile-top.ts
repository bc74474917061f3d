/**
 * Summarises a V8 CPU profile (`node --cpu-prof`, as `npm run bench -- --cpu-prof` writes into
 * bench/results/profiles/): the functions with the most self time, and self time per package, so that
 * the hot spots of our server under a workload can be read without a GUI.
 *
 *   npx tsx bench/profile-top.ts bench/results/profiles/<file>.cpuprofile [--top 30]
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame comes from: a package in node_modules, our source, Node itself, or V8 bookkeeping. */
export function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1];
  if (url.startsWith("node:")) return "node:" + url.slice(5).split("/")[0];
  const ours = /\/(src|bench|migrations)\//.exec(url);
  return ours ? `ours:${ours[1]}` : url;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: "string", default: "30" } } });
  if (positionals.length !== 1) throw new Error("Usage: npx tsx bench/profile-top.ts <file.cpuprofile> [--top N]");
  const profile = JSON.parse(await readFile(positionals[0], "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // Self time per node: each sample's delta goes to the node that was on top of the stack.
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  for (const [id, us] of self) {
    const { callFrame } = byId.get(id)!;
    const where = callFrame.url ? `${callFrame.url.replace(/^file:\/\/.*?node_modules\//, "").replace(/^file:\/\/\/work\/main\//, "")}:${callFrame.lineNumber + 1}` : "";
    const key = `${callFrame.functionName || "(anonymous)"} ${where}`.trim();
    functions.set(key, (functions.get(key) ?? 0) + us);
    const pkg = packageOf(callFrame.url, callFrame.functionName);
    packages.set(pkg, (packages.get(pkg) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
  const top = Number(values.top);
  process.stdout.write(`profile: ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s, ${(total / 1e6).toFixed(1)} s sampled\n\nself time by package:\n`);
  for (const [name, us] of [...packages].sort((a, b) => b[1] - a[1]).slice(0, 20)) process.stdout.write(`  ${pct(us)}  ${name}\n`);
  process.stdout.write(`\ntop ${top} functions by self time:\n`);
  for (const [name, us] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`  ${pct(us)}  ${name}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
