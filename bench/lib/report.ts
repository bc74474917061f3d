import type { RunResults } from "../run";
import { TARGETS } from "../workloads";

/** bench/RESULTS.md holds hand-written notes around these markers; only the text between them is rewritten. */
export const RESULTS_START = "<!-- results:start (written by npm run bench; edit outside these markers) -->";
export const RESULTS_END = "<!-- results:end -->";

const fmt = (n: number | undefined | null, digits = 0) =>
  n === undefined || n === null || Number.isNaN(n) ? "–" : n.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });

const LABEL = { ours: "ours (inovasi-graph)", postgraphile: "PostGraphile 5.1.5", raw: "raw SQL (pg)" } as const;

/** The Markdown for one run: machine, settings, targets, the table per workload, memory and soak. */
export function renderResults(run: RunResults, jsonPath: string): string {
  const m = run.machine;
  const c = run.catalogue;
  const lines: string[] = [];
  lines.push(`## Latest run: ${run.date}, scale ${run.scale}`, "");
  lines.push(`Reproduce with \`${run.command}\`. Raw figures: [${jsonPath}](${jsonPath}).`, "");
  lines.push(
    `- **Machine**: ${m.cpuModel}, ${m.cores} cores, ${m.ramGiB} GiB RAM, ${m.platform}; Node ${m.node}; PostgreSQL ${m.postgres} on the same machine.`,
    `- **Load average** (1/5/15 min): ${run.load.start.join(" / ")} at the start, ${run.load.end.join(" / ")} at the end. The ${m.cores} cores are shared with other work (tests of other changes ran at the same time), so figures carry noise of that size; each measurement records the load before and after it in the JSON.`,
    `- **Catalogue**: ${fmt(c.innovation)} innovations, ${fmt(c.award_result)} award results, ${fmt(c.institution)} institutions, ${fmt(c.competition_edition)} competition editions, ${fmt(c.source)} sources, ${fmt(c.source_link)} source links (generator v${run.generatorVersion}, seed catalogue included).`,
    `- **Load**: autocannon from a separate process over loopback; saturation with ${run.options.connections} connections for ${run.options.durationS} s after ${run.options.warmupS} s of warm-up; latency at a fixed offered rate (${run.options.rate} req/s unless a target cannot carry it; then half the slowest target's saturation) for ${run.options.durationS} s, corrected for coordinated omission. Each server has a pool of 10 connections.`,
    "",
  );

  lines.push("### Targets", "", "| target | met | measured |", "|---|---|---|");
  for (const check of run.checks) lines.push(`| ${check.target} | ${check.met === null ? "not measured" : check.met ? "**yes**" : "**no**"} | ${check.detail} |`);
  lines.push("");

  lines.push(
    "### Throughput and latency",
    "",
    "| workload | server | req/s at saturation | p50 / p99 at saturation (ms) | fixed rate (req/s) | p50 / p99 at that rate (ms) | SQL statements / request | server CPU ms / request | errors | same answer as ours |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
  );
  for (const w of run.workloads) {
    for (const t of TARGETS) {
      const r = w.targets[t];
      if (!r) {
        if (w.missing[t]) lines.push(`| (${w.id}) | ${LABEL[t]} | – | – | – | – | – | – | – | ${w.missing[t]} |`);
        continue;
      }
      const errors = r.saturation.errors + (r.fixedRate?.errors ?? 0);
      const same = t === "ours" ? "" : w.equivalence[t] === "equal" ? "yes" : `no: ${w.equivalence[t]}`;
      lines.push(
        `| (${w.id}) | ${LABEL[t]} | ${fmt(r.saturation.rps)} | ${fmt(r.saturation.p50)} / ${fmt(r.saturation.p99)} | ${w.fixedRate} | ${fmt(r.fixedRate?.p50)} / ${fmt(r.fixedRate?.p99)} | ${fmt(r.statementsPerRequest, t === "ours" ? 0 : 1)} | ${fmt(r.cpuMsPerRequest, 2)} | ${fmt(errors)} | ${same} |`,
      );
    }
  }
  lines.push("", "Ratios (ours ÷ peer; throughput above 1 and p99 below 1 favour ours):", "");
  lines.push("| workload | throughput vs PostGraphile | throughput vs raw SQL | p99 at fixed rate vs PostGraphile | p99 at fixed rate vs raw SQL |", "|---|---:|---:|---:|---:|");
  for (const w of run.workloads) {
    lines.push(`| (${w.id}) ${w.title} | ${fmt(w.ratios.throughputVsPostgraphile, 2)} | ${fmt(w.ratios.throughputVsRaw, 2)} | ${fmt(w.ratios.p99VsPostgraphile, 2)} | ${fmt(w.ratios.p99VsRaw, 2)} |`);
  }
  for (const f of run.failed ?? []) lines.push("", `(${f.id}) could not be measured in this run: ${f.error}`);
  const checks = run.workloads.filter((w) => w.pageSizeCheck);
  if (checks.length) {
    lines.push("", "Our SQL statements per request by page size (from `extensions.sqlStatements` with `x-inovasi-debug: 1`):", "");
    for (const w of checks) lines.push(`- (${w.id}) ${w.pageSizeCheck!.label}: ${w.pageSizeCheck!.small} vs ${w.pageSizeCheck!.large}`);
  }
  const notes = run.workloads.flatMap((w) => Object.entries(w.notes).map(([t, note]) => `- (${w.id}) ${LABEL[t as keyof typeof LABEL]}: ${note}.`));
  const missing = run.workloads.flatMap((w) => Object.entries(w.missing).map(([t, why]) => `- (${w.id}) ${LABEL[t as keyof typeof LABEL]}: not run (${why}).`));
  if (notes.length || missing.length) lines.push("", "How the peers' requests differ from ours:", "", ...notes, ...missing);

  lines.push("", "### Memory", "", "| server | RSS after the runs (MiB) | peak RSS (MiB) |", "|---|---:|---:|");
  for (const t of TARGETS) {
    const mem = run.memory[t];
    if (mem) lines.push(`| ${LABEL[t]} | ${fmt(mem.rssMb, 1)} | ${fmt(mem.peakMb, 1)} |`);
  }
  if (run.soak) {
    const s = run.soak;
    lines.push(
      "",
      `Soak of our server: ${s.durationS} s at ${s.rate} req/s (half the saturation rate of a round-robin mix of the workloads), ${fmt(s.load.requests)} requests, ${fmt(s.load.errors)} errors, p99 ${fmt(s.load.p99)} ms. ` +
        `RSS sampled every 5 s: ${s.firstMinuteMb} MiB in the first minute after ${s.warmupS} s of warm-up, ${s.lastMinuteMb} MiB in the last; fitted trend ${s.slopeMbPerMin} MiB/min: **${s.verdict}**.`,
    );
  } else {
    lines.push("", "No soak in this run (`--soak 300` adds one).");
  }
  return lines.join("\n");
}
