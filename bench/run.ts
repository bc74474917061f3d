/**
 * `npm run bench`: the graph against PostGraphile 5 and against a raw-SQL floor, in one run, on one
 * generated catalogue. See bench/README.md for what it measures and how to read the results.
 *
 *   npm run bench -- [--scale 10k|100k] [--only a,b] [--duration 10] [--warmup 3] [--connections 16]
 *                    [--rate 200] [--soak 300] [--skip-peers] [--cpu-prof] [--node-options "…"] [--response-cache-mb N] [--tag NAME]
 *   npm run bench -- --render bench/results/<file>.json     # RESULTS.md from a run already written
 *
 * --node-options passes V8/Node flags to our server only (e.g. "--max-semi-space-size=64").
 * --response-cache-mb sets our server's INOVASI_RESPONSE_CACHE_MB (0: no response cache, to measure
 *   every request computed; the default keeps the server's 64).
 * --ours-root runs our server from another checkout (a git worktree of an older commit, with
 * node_modules linked), for before/after figures measured in one session against the same peers.
 *
 * DATABASE_URL names the Postgres server (default postgres://postgres@127.0.0.1:5432/postgres); the
 * catalogue goes into its own database there (inovasi_bench_<scale>), generated once and reused while
 * the generator version and options match.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { benchDatabaseUrl, generateCatalogue, GENERATOR_VERSION, SCALES, type Scale } from "./generate";
import { runLoad, sendOnce, type LoadResult } from "./lib/load";
import { describeMachine, loadAverage, type MachineInfo } from "./lib/machine";
import { freePort, ROOT, startChild, type ChildServer } from "./lib/processes";
import { renderResults, RESULTS_END, RESULTS_START } from "./lib/report";
import { analyseSoak, type SoakResult } from "./lib/soak";
import { buildWorkloads, TARGETS, type TargetName, type TargetPlan, type Workload, type WorkloadId } from "./workloads";

/** One target's measurements on one workload. */
export interface TargetResult {
  saturation: LoadResult;
  fixedRate?: LoadResult;
  /** SQL statements per request: ours from `extensions.sqlStatements`, peers from their pg wrapper. */
  statementsPerRequest: number | null;
  /**
   * CPU time of the server process per request at saturation, in milliseconds (Postgres not
   * included). Less sensitive than throughput to other work on a shared machine.
   */
  cpuMsPerRequest: number;
  load: { before: number[]; after: number[] };
}

export interface WorkloadResult {
  id: WorkloadId;
  title: string;
  notes: Partial<Record<TargetName, string>>;
  missing: Partial<Record<TargetName, string>>;
  /** Whether each peer returned the same data as ours for the same keys ("equal" or what differed). */
  equivalence: Partial<Record<TargetName, string>>;
  fixedRate: number;
  pageSizeCheck?: { label: string; small: number; large: number };
  targets: Partial<Record<TargetName, TargetResult>>;
  ratios: { throughputVsPostgraphile?: number; throughputVsRaw?: number; p99VsPostgraphile?: number; p99VsRaw?: number };
}

export interface TargetCheck {
  target: string;
  met: boolean | null;
  detail: string;
}

export interface RunResults {
  date: string;
  startedAt: string;
  finishedAt: string;
  command: string;
  scale: Scale;
  generatorVersion: number;
  catalogue: Record<string, number>;
  machine: MachineInfo;
  load: { start: number[]; end: number[] };
  options: { connections: number; durationS: number; warmupS: number; rate: number; skipPeers: boolean; only: string[] | null; oursRoot: string | null; nodeOptions: string; responseCacheMb?: string };
  workloads: WorkloadResult[];
  /** Workloads that could not be measured, with the reason. */
  failed: { id: WorkloadId; error: string }[];
  memory: Partial<Record<TargetName, { rssMb: number; peakMb: number }>>;
  soak: SoakResult | null;
  checks: TargetCheck[];
}

const say = (line: string) => process.stderr.write(`${line}\n`);
const round = (n: number, digits = 1) => Number(n.toFixed(digits));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: "string", default: "10k" },
      only: { type: "string" },
      duration: { type: "string", default: "10" },
      warmup: { type: "string", default: "3" },
      connections: { type: "string", default: "16" },
      rate: { type: "string", default: "200" },
      soak: { type: "string", default: "0" },
      "skip-peers": { type: "boolean", default: false },
      "cpu-prof": { type: "boolean", default: false },
      "node-options": { type: "string", default: "" },
      "ours-root": { type: "string" },
      "response-cache-mb": { type: "string" },
      tag: { type: "string" },
      render: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${(await readFile(new URL(import.meta.url), "utf8")).split("*/")[0]}*/\n`);
    return;
  }
  if (values.render) {
    // Rewrites bench/RESULTS.md from a results file already written (e.g. the run taken at the lowest load).
    const file = path.resolve(values.render);
    await writeResultsMarkdown(JSON.parse(await readFile(file, "utf8")) as RunResults, file);
    return;
  }
  const scale = values.scale as Scale;
  if (!(scale in SCALES)) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(", ")}, got "${values.scale}"`);
  const int = (name: string, raw: string | undefined, min: number) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}, got "${raw}"`);
    return n;
  };
  const durationS = int("duration", values.duration, 1);
  const warmupS = int("warmup", values.warmup, 0);
  const connections = int("connections", values.connections, 1);
  const rate = int("rate", values.rate, 1);
  const soakS = int("soak", values.soak, 0);
  const only = values.only ? values.only.split(",").map((s) => s.trim()) : null;
  if (only?.some((w) => !["a", "b", "c", "d", "e"].includes(w))) throw new Error(`--only takes workloads a–e, got "${values.only}"`);
  const skipPeers = values["skip-peers"]!;

  const startedAt = new Date();
  const loadStart = loadAverage();
  say(`load average at start: ${loadStart.join(" ")}`);
  const serverUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const machine = await describeMachine(serverUrl);
  const databaseUrl = benchDatabaseUrl(serverUrl, scale);
  const generated = await generateCatalogue(databaseUrl, { ...SCALES[scale], reuse: true, log: say });
  say(`catalogue: ${generated.database} (${generated.reused ? "reused" : `generated in ${generated.durationMs} ms`})`);

  const keys = await readKeys(databaseUrl);
  const profileDir = path.join(ROOT, "bench", "results", "profiles");
  if (values["cpu-prof"]) await mkdir(profileDir, { recursive: true });
  const ourPort = await freePort();
  const servers: Partial<Record<TargetName, ChildServer>> = {};
  try {
    servers.ours = await startChild({
      name: "ours",
      script: "src/cli/main.ts",
      args: ["serve"],
      env: {
        DATABASE_URL: databaseUrl, INOVASI_SEED_ON_START: "false", PORT: String(ourPort), HOST: "127.0.0.1", LOG_LEVEL: "warn",
        ...(values["response-cache-mb"] !== undefined ? { INOVASI_RESPONSE_CACHE_MB: values["response-cache-mb"] } : {}),
      },
      nodeArgs: [...(values["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []), ...values["node-options"]!.split(" ").filter(Boolean)],
      port: ourPort,
      readyPath: "/health",
      cwd: values["ours-root"] ? path.resolve(values["ours-root"]) : undefined,
      // A fresh catalogue is indexed for search when the server starts (100k innovations take minutes).
      timeoutMs: 900_000,
    });
    if (!skipPeers) {
      servers.postgraphile = await startChild({
        name: "postgraphile",
        script: "bench/servers/postgraphile-server.ts",
        env: { DATABASE_URL: databaseUrl, PORT: "0", GRAPHILE_ENV: "production" },
      });
      servers.raw = await startChild({ name: "raw", script: "bench/servers/raw-sql-server.ts", env: { DATABASE_URL: databaseUrl, PORT: "0" } });
    }
    const capabilities = await ourCapabilities(servers.ours.baseUrl);
    say(`our schema: search ${capabilities.hasSearch ? "present" : "absent"}, _entities ${capabilities.hasEntities ? "present" : "absent"}`);
    const workloads = buildWorkloads({ ...keys, ...capabilities }).filter((w) => !only || only.includes(w.id));

    const results: WorkloadResult[] = [];
    const failed: { id: WorkloadId; error: string }[] = [];
    for (const workload of workloads) {
      try {
        results.push(await runWorkload(workload, servers, { connections, durationS, warmupS, rate }));
      } catch (error) {
        // One broken workload (a schema still being built, say) must not cost the others' figures.
        const tails = TARGETS.map((t) => servers[t]?.logTail().trim().split("\n").pop() ?? "").filter((line) => /killed by|exited with/.test(line));
        const message = [error instanceof Error ? error.message : String(error), ...tails].join(" ");
        say(`  (${workload.id}) failed: ${message}`);
        failed.push({ id: workload.id, error: message });
      }
    }

    const memory: RunResults["memory"] = {};
    for (const name of TARGETS) if (servers[name]) memory[name] = roundMemory(await servers[name]!.memory());
    say(`memory after the runs: ${Object.entries(memory).map(([k, m]) => `${k} ${m!.rssMb} MiB`).join(", ")}`);

    let soak: SoakResult | null = null;
    if (soakS > 0) soak = await runSoak(servers.ours, workloads.filter((w) => results.some((r) => r.id === w.id)), results, soakS, connections);

    const finishedAt = new Date();
    const run: RunResults = {
      date: startedAt.toISOString().slice(0, 10),
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      command: `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim(),
      scale,
      generatorVersion: GENERATOR_VERSION,
      catalogue: generated.counts,
      machine,
      load: { start: loadStart, end: loadAverage() },
      options: { connections, durationS, warmupS, rate, skipPeers, only, oursRoot: values["ours-root"] ?? null, nodeOptions: values["node-options"]!, responseCacheMb: values["response-cache-mb"] ?? "default (64)" },
      workloads: results,
      failed,
      memory,
      soak,
      checks: [],
    };
    run.checks = checkTargets(run);
    await writeResults(run, values.tag);
    for (const c of run.checks) say(`${c.met === null ? "n/a " : c.met ? "MET " : "MISS"} ${c.target}: ${c.detail}`);
  } catch (error) {
    for (const name of TARGETS) if (servers[name]) say(`--- last log lines of ${name}:\n${servers[name]!.logTail().slice(-2_000)}`);
    throw error;
  } finally {
    for (const name of TARGETS) await servers[name]?.stop();
  }
}

/** Innovation ids to rotate through: ones with awards and sources, in a fixed pseudo-random order. */
async function readKeys(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: number; slug: string }>(`
      SELECT i.id, i.slug FROM innovation i
       WHERE EXISTS (SELECT 1 FROM award_result a WHERE a.innovation_id = i.id)
         AND EXISTS (SELECT 1 FROM source_link l WHERE l.subject_type = 'innovation' AND l.subject_id = i.id)
       ORDER BY md5(i.id::text) LIMIT 2000`);
    return { innovationIds: rows.map((r) => r.id), innovationSlugs: new Map(rows.map((r) => [r.id, r.slug])) };
  } finally {
    await client.end();
  }
}

/** What our running schema offers (search and federation arrive with other work). */
async function ourCapabilities(baseUrl: string) {
  const json = (await sendOnce(baseUrl, {
    method: "POST",
    path: "/graphql",
    body: JSON.stringify({ query: "{ __schema { queryType { fields { name } } } __type(name: \"Innovation\") { name } }" }),
  })) as { data: { __schema: { queryType: { fields: { name: string }[] } } } };
  const fields = new Set(json.data.__schema.queryType.fields.map((f) => f.name));
  const sdl = await readFile(path.join(ROOT, "schema.graphql"), "utf8").catch(() => "");
  const key = /type Innovation[^{]*@key\(fields: "(\w+)"\)/.exec(sdl)?.[1];
  return { hasSearch: fields.has("search"), hasEntities: fields.has("_entities"), entityKey: (key === "slug" ? "slug" : "id") as "id" | "slug" };
}

function roundMemory(m: { rssMb: number; peakMb: number }) {
  return { rssMb: round(m.rssMb), peakMb: round(m.peakMb) };
}

async function statementsSoFar(server: ChildServer): Promise<number> {
  const json = (await sendOnce(server.baseUrl, { method: "GET", path: "/__bench/statements" })) as { statements: number };
  return json.statements;
}

async function ourStatements(server: ChildServer, request: ReturnType<TargetPlan["request"]>): Promise<number> {
  const json = (await sendOnce(server.baseUrl, request, { "x-inovasi-debug": "1" })) as { extensions?: { sqlStatements?: number }; errors?: unknown };
  if (json.errors) throw new Error(`our server answered with errors: ${JSON.stringify(json.errors).slice(0, 500)}`);
  const n = json.extensions?.sqlStatements;
  if (typeof n !== "number") throw new Error("our server did not report extensions.sqlStatements for x-inovasi-debug: 1");
  return n;
}

async function runWorkload(
  workload: Workload,
  servers: Partial<Record<TargetName, ChildServer>>,
  o: { connections: number; durationS: number; warmupS: number; rate: number },
): Promise<WorkloadResult> {
  say(`\n(${workload.id}) ${workload.title}`);
  const result: WorkloadResult = {
    id: workload.id,
    title: workload.title,
    notes: Object.fromEntries(Object.entries(workload.plans).filter(([, p]) => p.note).map(([t, p]) => [t, p.note!])),
    missing: { ...workload.missing },
    equivalence: {},
    fixedRate: o.rate,
    targets: {},
    ratios: {},
  };
  const active = TARGETS.filter((t) => servers[t] && workload.plans[t]);
  for (const t of TARGETS) if (servers[t] && !workload.plans[t] && !result.missing[t]) result.missing[t] = "no equivalent request";

  // Same answers first: a fast wrong answer is not a result.
  const ours = workload.plans.ours!;
  for (const t of active.filter((t) => t !== "ours")) {
    let verdict = "equal";
    for (let i = 0; i < 5 && verdict === "equal"; i++) {
      const [a, b] = await Promise.all([sendOnce(servers.ours!.baseUrl, ours.request(i)), sendOnce(servers[t]!.baseUrl, workload.plans[t]!.request(i))]);
      const da = JSON.stringify(ours.digest(a));
      const db = JSON.stringify(workload.plans[t]!.digest(b));
      if (da !== db) verdict = `differs on request ${i}: ours ${da.slice(0, 200)} / ${t} ${db.slice(0, 200)}`;
    }
    result.equivalence[t] = verdict;
    say(`  ${t} answers ${verdict === "equal" ? "the same as ours" : verdict}`);
  }
  if (workload.pageSizeCheck) {
    const small = await ourStatements(servers.ours!, workload.pageSizeCheck.small);
    const large = await ourStatements(servers.ours!, workload.pageSizeCheck.large);
    result.pageSizeCheck = { label: workload.pageSizeCheck.label, small, large };
    say(`  our statements per request, ${workload.pageSizeCheck.label}: ${small} vs ${large}`);
  }

  for (const t of active) {
    const server = servers[t]!;
    const plan = workload.plans[t]!;
    if (o.warmupS > 0) await runLoad({ baseUrl: server.baseUrl, plan, connections: o.connections, durationS: o.warmupS });
    let statements: number | null = null;
    if (t === "ours") {
      const counts = [];
      for (let i = 0; i < 5; i++) counts.push(await ourStatements(server, plan.request(i)));
      statements = Math.max(...counts);
    }
    const before = loadAverage();
    const counted = t === "ours" ? 0 : await statementsSoFar(server);
    const cpuBefore = await server.cpuSeconds();
    const saturation = await runLoad({ baseUrl: server.baseUrl, plan, connections: o.connections, durationS: o.durationS, offset: 10_000 });
    const cpuMsPerRequest = round(((await server.cpuSeconds()) - cpuBefore) * 1000 / Math.max(1, saturation.requests), 2);
    if (t !== "ours") statements = round((await statementsSoFar(server) - counted) / Math.max(1, saturation.requests), 2);
    result.targets[t] = { saturation, statementsPerRequest: statements, cpuMsPerRequest, load: { before, after: loadAverage() } };
    say(`  ${t.padEnd(12)} saturation ${round(saturation.rps)} req/s, p50 ${saturation.p50} ms, p99 ${saturation.p99} ms, ${saturation.errors} errors, ${statements} statements/request, ${cpuMsPerRequest} ms CPU/request`);
  }

  // The fixed rate must be one every target can carry, or latencies measure a queue.
  const slowest = Math.min(...active.map((t) => result.targets[t]!.saturation.rps));
  result.fixedRate = slowest >= o.rate * 1.25 ? o.rate : Math.max(1, Math.floor(slowest / 2));
  for (const t of active) {
    const fixed = await runLoad({ baseUrl: servers[t]!.baseUrl, plan: workload.plans[t]!, connections: o.connections, durationS: o.durationS, overallRate: result.fixedRate, offset: 20_000 });
    result.targets[t]!.fixedRate = fixed;
    say(`  ${t.padEnd(12)} at ${result.fixedRate} req/s: p50 ${fixed.p50} ms, p99 ${fixed.p99} ms, ${fixed.errors} errors`);
  }

  const sat = (t: TargetName) => result.targets[t]?.saturation.rps;
  const p99 = (t: TargetName) => result.targets[t]?.fixedRate?.p99;
  if (sat("ours") && sat("postgraphile")) result.ratios.throughputVsPostgraphile = round(sat("ours")! / sat("postgraphile")!, 2);
  if (sat("ours") && sat("raw")) result.ratios.throughputVsRaw = round(sat("ours")! / sat("raw")!, 2);
  if (p99("ours") && p99("postgraphile")) result.ratios.p99VsPostgraphile = round(p99("ours")! / p99("postgraphile")!, 2);
  if (p99("ours") && p99("raw")) result.ratios.p99VsRaw = round(p99("ours")! / p99("raw")!, 2);
  return result;
}

/**
 * Soaks our server with a mix of every workload at half the mix's saturation rate, sampling its RSS
 * every 5 s, and fits the trend.
 */
async function runSoak(server: ChildServer, workloads: Workload[], results: WorkloadResult[], soakS: number, connections: number): Promise<SoakResult> {
  const rates = results.map((r) => r.targets.ours!.saturation.rps);
  // A mix sent round-robin saturates at the harmonic combination of the workloads' own rates.
  const mixSaturation = rates.length / rates.reduce((sum, r) => sum + 1 / r, 0);
  const rate = Math.max(1, Math.floor(mixSaturation / 2));
  say(`\nsoak: ${soakS} s at ${rate} req/s (half of the mix's ${round(mixSaturation)} req/s), round-robin over ${workloads.map((w) => w.id).join(", ")}`);
  const plan = { request: (i: number) => workloads[i % workloads.length].plans.ours!.request(Math.floor(i / workloads.length)) };
  const samples: { t: number; rssMb: number }[] = [];
  const t0 = Date.now();
  const sample = async () => samples.push({ t: round((Date.now() - t0) / 1000), rssMb: round((await server.memory()).rssMb) });
  await sample();
  const timer = setInterval(() => void sample(), 5_000);
  let load: LoadResult;
  try {
    load = await runLoad({ baseUrl: server.baseUrl, plan, connections, durationS: soakS, overallRate: rate, offset: 30_000 });
  } finally {
    clearInterval(timer);
  }
  await sample();
  const soak = analyseSoak(samples, { durationS: soakS, rate, load });
  say(`soak: RSS ${soak.firstMinuteMb} → ${soak.lastMinuteMb} MiB, trend ${soak.slopeMbPerMin} MiB/min after warm-up: ${soak.verdict}`);
  return soak;
}

/** The issue's targets (section 4 and 5), each met, missed or not measured in this run. */
function checkTargets(run: RunResults): TargetCheck[] {
  const w = (id: WorkloadId) => run.workloads.find((x) => x.id === id);
  const checks: TargetCheck[] = [];
  const a = w("a");
  const aOurs = a?.targets.ours;
  checks.push({
    target: "(a) ≥ 1,000 req/s",
    met: aOurs ? aOurs.saturation.rps >= 1000 : null,
    detail: aOurs ? `${round(aOurs.saturation.rps)} req/s at ${run.options.connections} connections` : "not run",
  });
  checks.push({
    target: "(a) p99 ≤ 40 ms at 200 req/s",
    met: aOurs?.fixedRate && a!.fixedRate === 200 ? aOurs.fixedRate.p99 <= 40 : null,
    detail: aOurs?.fixedRate ? `p99 ${aOurs.fixedRate.p99} ms at ${a!.fixedRate} req/s` : "not run",
  });
  for (const id of ["a", "b", "c"] as const) {
    const r = w(id)?.ratios.throughputVsPostgraphile;
    checks.push({ target: `(${id}) ours ≥ 1.0× PostGraphile`, met: r === undefined ? null : r >= 1, detail: r === undefined ? "not run" : `${r}× its throughput` });
  }
  const sized = run.workloads.filter((x) => x.pageSizeCheck);
  checks.push({
    target: "statements per request do not grow with page size",
    met: sized.length ? sized.every((x) => x.pageSizeCheck!.large <= x.pageSizeCheck!.small) : null,
    detail: sized.map((x) => `(${x.id}) ${x.pageSizeCheck!.label}: ${x.pageSizeCheck!.small} vs ${x.pageSizeCheck!.large}`).join("; ") || "not run",
  });
  checks.push({
    target: "no upward memory trend over the soak",
    met: run.soak ? run.soak.verdict === "no upward trend" : null,
    detail: run.soak ? `${run.soak.slopeMbPerMin} MiB/min over ${run.soak.durationS} s at ${run.soak.rate} req/s` : "no soak in this run (--soak N)",
  });
  return checks;
}

async function writeResults(run: RunResults, tag: string | undefined): Promise<void> {
  const dir = path.join(ROOT, "bench", "results");
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${run.date}${tag ? `-${tag}` : ""}.json`);
  await writeFile(file, `${JSON.stringify(run, null, 2)}\n`);
  say(`\nresults: ${path.relative(ROOT, file)}`);
  if (!tag) await writeResultsMarkdown(run, file);
}

/** Rewrites the generated part of bench/RESULTS.md (between the markers) from one run. */
async function writeResultsMarkdown(run: RunResults, file: string): Promise<void> {
  const mdPath = path.join(ROOT, "bench", "RESULTS.md");
  const current = await readFile(mdPath, "utf8").catch(() => `# Benchmark results\n\n${RESULTS_START}\n${RESULTS_END}\n`);
  const start = current.indexOf(RESULTS_START);
  const end = current.indexOf(RESULTS_END);
  const body = `${RESULTS_START}\n${renderResults(run, path.relative(path.join(ROOT, "bench"), file))}\n${RESULTS_END}`;
  const next = start >= 0 && end > start ? current.slice(0, start) + body + current.slice(end + RESULTS_END.length) : `${current.trimEnd()}\n\n${body}\n`;
  await writeFile(mdPath, next);
  say(`table: bench/RESULTS.md`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
