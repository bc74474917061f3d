/**
 * The search benchmark (a benchmark, not a test): search with two filters and every facet on a
 * 100,000-innovation catalogue on the PostgreSQL server, over a rotating set of realistic queries.
 *
 *   npm run bench:search -- [--scale 100k|10k] [--database-url postgres://postgres@127.0.0.1:5432/postgres]
 *                           [--iterations 1000] [--explain [--query Q] [--filter N]] [--pairs]
 *
 * It reuses (or generates, with bench/generate.ts) the catalogue in its own database
 * (inovasi_search_bench_<scale>), makes sure every innovation has its search document, then measures
 * each search server-side, twice over: the engine call alone (PostgresSearchBackend.search, the
 * statements of the search), and the whole GraphQL operation as the server runs it (parsing,
 * validation, limits, the search, hydrating the hits through the loaders, facets and highlights),
 * one request at a time. Goals: p50 ≤ 15 ms and p99 ≤ 60 ms. The results go to
 * bench/results/search-<date>.json.
 *
 * --explain prints the plan of each statement of one search: the first query with the first filter,
 * or --query and --filter (an index into BENCH_FILTERS).
 *
 * --pairs times every query × filter pair instead (the median of three runs of the engine each; --pairs-out FILE
 * writes them all as JSON) and
 * prints the slowest and the median: run it on two commits, one after the other on the same catalogue,
 * to compare a change without the noise of two generated catalogues. It writes nothing.
 */
import "reflect-metadata";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import { parseArgs } from "node:util";
import type { DataSource } from "typeorm";
import { createDataSource } from "../src/db/data-source";
import { buildCatalogueSchema } from "../src/schema/build-schema";
import { PostgresSearchBackend } from "../src/search/postgres-search-backend";
import { ensureSearchDocuments } from "../src/search/postgres-search-index";
import type { SearchFilter, SearchRequest } from "../src/search/search-backend";
import { SEARCH_FACET_NAMES } from "../src/search/search-fields";
import { sanitiseQuery } from "../src/search/text/normalise";
import { createApolloServer, executeOperationWithStats } from "../src/server/apollo";
import { createLogger } from "../src/server/logger";
import { benchDatabaseUrl, generateCatalogue, SCALES, type Scale } from "./generate";
import { BENCH_FILTERS, BENCH_QUERIES } from "./search-bench-data";

const GRAPHQL = /* GraphQL */ `
  query ($query: String, $filter: SearchFilter) {
    search(query: $query, filter: $filter, first: 20) {
      totalCount engine
      edges { node { score highlights { name summary } innovation { slug name region { name } } } }
      facets { sector { sector count } province { code count } level { level count } tier { tier count }
               year { year count } sdg { sdg count } status { status count } }
    }
  }`;

interface Stats {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const round = (x: number) => Number(x.toFixed(2));
  return {
    samples: sorted.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    max: round(sorted[sorted.length - 1]),
    mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
  };
}

/** The filter as GraphQL variables: enum values by their GraphQL names. */
function graphqlFilter(filter: SearchFilter): Record<string, unknown> {
  const names = (values: readonly string[] | undefined) => values?.map((v) => v.toUpperCase());
  return { ...filter, sectors: names(filter.sectors), levels: names(filter.levels), tiers: names(filter.tiers), statuses: names(filter.statuses) };
}

/**
 * CPU time (user + system, ms) the Postgres server processes of the connections named `application`
 * have used, read from /proc: known only when the server runs on this machine (Linux). Null otherwise.
 * It is what searches cost without waiting for a core, which other work on a shared machine makes
 * latency include.
 */
async function serverCpuTime(ds: DataSource, application: string): Promise<number | null> {
  try {
    const pids: { pid: number }[] = await ds.query(`SELECT pid FROM pg_stat_activity WHERE application_name = $1`, [application]);
    let ticks = 0;
    for (const { pid } of pids) {
      const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1].split(" ");
      // utime and stime, in clock ticks of 1/100 s (USER_HZ on Linux).
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    return pids.length > 0 ? (ticks * 1000) / 100 : null;
  } catch {
    return null;
  }
}

/**
 * How fast the machine runs now: the median of five runs of a fixed statement that only uses the
 * CPU (no table, no I/O). On a shared machine it moves with the host's other work; searches measured
 * while it is slow are slow by as much, so compare runs with similar references.
 */
async function machineReference(ds: DataSource): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await ds.query(`SELECT sum(0) FROM (SELECT (i % 3) * 0.5, i % 10 FROM generate_series(1, 100000) i OFFSET 0) s`);
    times.push(performance.now() - started);
  }
  return Number(times.sort((a, b) => a - b)[2].toFixed(1));
}

function requestFor(i: number): SearchRequest {
  const query = BENCH_QUERIES[i % BENCH_QUERIES.length];
  const filter = BENCH_FILTERS[Math.floor(i / BENCH_QUERIES.length) % BENCH_FILTERS.length];
  // The highlights the GraphQL operation below reads, so that the engine does the same work for both.
  return { query: sanitiseQuery(query), filter, sort: { field: "relevance", direction: "desc" }, limit: 20, offset: 0, facets: SEARCH_FACET_NAMES, highlights: ["name", "summary"] };
}

async function explain(ds: DataSource, query: string | undefined, filter: number): Promise<void> {
  // The search statement of one representative request, with its plan, as Postgres runs it.
  const backend = new PostgresSearchBackend(ds);
  const statements: { sql: string; params: unknown[] }[] = [];
  const original = ds.query.bind(ds);
  (ds as { query: DataSource["query"] }).query = (async (sql: string, params?: unknown[]) => {
    statements.push({ sql, params: params ?? [] });
    return original(sql, params);
  }) as DataSource["query"];
  const base = requestFor(filter * BENCH_QUERIES.length);
  await backend.search(query === undefined ? base : { ...base, query: sanitiseQuery(query) });
  (ds as { query: DataSource["query"] }).query = original;
  for (const { sql, params } of statements) {
    const plan: { "QUERY PLAN": string }[] = await ds.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    process.stdout.write(`\n${sql.trim().slice(0, 200)}…\n${plan.map((r) => r["QUERY PLAN"]).join("\n")}\n`);
  }
}

async function pairs(ds: DataSource, out: string | undefined): Promise<void> {
  const backend = new PostgresSearchBackend(ds);
  const rows: { ms: number; hits: number; pair: string }[] = [];
  const count = BENCH_QUERIES.length * BENCH_FILTERS.length;
  for (let i = 0; i < count; i++) {
    const request = requestFor(i);
    await backend.search(request);
    const times: number[] = [];
    let hits = 0;
    for (let k = 0; k < 3; k++) {
      const started = performance.now();
      hits = (await backend.search(request)).totalCount;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    rows.push({ ms: Number(times[1].toFixed(1)), hits, pair: `"${request.query}" with filter ${Math.floor(i / BENCH_QUERIES.length) % BENCH_FILTERS.length}` });
  }
  rows.sort((a, b) => b.ms - a.ms);
  const sorted = rows.map((r) => r.ms).sort((a, b) => a - b);
  process.stdout.write(`slowest pairs (ms, hits, pair):\n${rows.slice(0, 15).map((r) => `  ${r.ms}\t${r.hits}\t${r.pair}`).join("\n")}\n`);
  if (out) await writeFile(out, `${JSON.stringify(rows, null, 1)}\n`);
  process.stdout.write(`${count} pairs: median ${sorted[Math.floor(count / 2)]} ms, ${sorted.filter((x) => x > 15).length} over 15 ms, ${sorted.filter((x) => x > 60).length} over 60 ms\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: "string", default: "100k" },
      "database-url": { type: "string", default: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres" },
      iterations: { type: "string", default: "1000" },
      explain: { type: "boolean", default: false },
      query: { type: "string" },
      filter: { type: "string", default: "0" },
      pairs: { type: "boolean", default: false },
      "pairs-out": { type: "string" },
    },
  });
  if (!(values.scale! in SCALES)) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(", ")}`);
  const scale = values.scale as Scale;
  const iterations = Number(values.iterations);
  if (!Number.isInteger(iterations) || iterations < BENCH_QUERIES.length) throw new Error(`--iterations must be a whole number ≥ ${BENCH_QUERIES.length}`);
  const log = (line: string) => process.stderr.write(`${line}\n`);

  const url = benchDatabaseUrl(values["database-url"]!, scale, `inovasi_search_bench_${scale}`);
  const generated = await generateCatalogue(url, { ...SCALES[scale], reuse: true, log });
  log(`${generated.reused ? "reused" : "generated"} ${generated.database}: ${generated.counts.innovation} innovations`);

  // Set up as the server sets up a server database (src/db/database.ts): the loaders' statements
  // prepared, so that the GraphQL operation below costs what it costs the server.
  const ds = createDataSource({ url, poolSize: 10, statementTimeoutMs: 600_000, connectTimeoutMs: 10_000, prepareStatements: true });
  await ds.initialize();
  try {
    let started = performance.now();
    // The generator indexes what it writes; this only catches a catalogue indexed by an older version.
    const indexed = await ensureSearchDocuments(ds.manager, { changed: false });
    const indexingMs = Math.round(performance.now() - started);
    if (indexed) {
      log(`indexed ${indexed.written} search documents in ${(indexingMs / 1000).toFixed(1)} s`);
      await ds.query(`ANALYZE search_document, search_term`);
    }
    // A steady state, as autovacuum keeps a live index: visibility map set, statistics current.
    await ds.query(`VACUUM (ANALYZE) search_document`);
    if (values.explain) {
      const filter = Number(values.filter);
      if (!Number.isInteger(filter) || filter < 0 || filter >= BENCH_FILTERS.length) throw new Error(`--filter must be a whole number from 0 to ${BENCH_FILTERS.length - 1}`);
      return await explain(ds, values.query, filter);
    }
    if (values.pairs) return await pairs(ds, values["pairs-out"]);

    // The engine on connections of its own (two: a search sends its page and its counts together, as
    // the server does), named so that the CPU their server processes spend can be read too.
    const application = `inovasi-search-bench-${process.pid}`;
    const engineUrl = new URL(url);
    engineUrl.searchParams.set("application_name", application);
    const engineDs = createDataSource({ url: engineUrl.toString(), poolSize: 2, statementTimeoutMs: 600_000, connectTimeoutMs: 10_000 });
    await engineDs.initialize();
    const referenceMs = await machineReference(ds);
    log(`machine reference: ${referenceMs} ms (a fixed CPU-only statement; about 15 ms when this machine runs at its usual speed)`);
    const engineMs: number[] = [];
    const totals: number[] = [];
    let serverCpuMs: number | null = null;
    try {
      const backend = new PostgresSearchBackend(engineDs);
      for (let i = 0; i < BENCH_QUERIES.length; i++) await backend.search(requestFor(i));
      const cpuBefore = await serverCpuTime(engineDs, application);
      for (let i = 0; i < iterations; i++) {
        started = performance.now();
        const result = await backend.search(requestFor(i));
        engineMs.push(performance.now() - started);
        totals.push(result.totalCount);
      }
      const cpuAfter = await serverCpuTime(engineDs, application);
      if (cpuBefore !== null && cpuAfter !== null) serverCpuMs = Number(((cpuAfter - cpuBefore) / iterations).toFixed(2));
    } finally {
      await engineDs.destroy();
    }
    log(`engine: ${JSON.stringify(stats(engineMs))}, server CPU ${serverCpuMs ?? "?"} ms per search`);

    const apollo = createApolloServer(await buildCatalogueSchema(), { logger: createLogger("warn") });
    await apollo.start();
    const graphqlMs: number[] = [];
    try {
      const run = async (i: number) => {
        const { query, filter } = requestFor(i);
        const { response } = await executeOperationWithStats(apollo, ds, { query: GRAPHQL, variables: { query, filter: graphqlFilter(filter) } });
        if (response.body.kind !== "single" || response.body.singleResult.errors) {
          throw new Error(`GraphQL errors: ${JSON.stringify(response.body.kind === "single" ? response.body.singleResult.errors : null)}`);
        }
      };
      for (let i = 0; i < BENCH_QUERIES.length; i++) await run(i);
      for (let i = 0; i < iterations; i++) {
        started = performance.now();
        await run(i);
        graphqlMs.push(performance.now() - started);
      }
    } finally {
      await apollo.stop();
    }
    log(`graphql: ${JSON.stringify(stats(graphqlMs))}`);

    const [{ documents }]: { documents: number }[] = await ds.query(`SELECT count(*)::int AS documents FROM search_document`);
    const [{ server }]: { server: string }[] = await ds.query(`SHOW server_version`).then((r: { server_version: string }[]) => [{ server: r[0].server_version }]);
    const engine = stats(engineMs);
    const graphql = stats(graphqlMs);
    const goals = { p50Ms: 15, p99Ms: 60 };
    const result = {
      benchmark: "search",
      date: new Date().toISOString(),
      machine: {
        cpu: os.cpus()[0]?.model ?? "unknown",
        cores: os.cpus().length,
        ramGiB: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
        node: process.version,
        postgres: server,
        // Other work on the machine while measuring (1, 5 and 15 minutes); timings are only comparable at similar load.
        loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))),
        // The median time of a fixed CPU-only statement (machineReference): how fast the machine ran.
        referenceMs,
      },
      database: generated.database,
      scale,
      innovations: generated.counts.innovation,
      searchDocuments: documents,
      indexingMs: indexed ? indexingMs : null,
      workload: {
        description: "one request at a time; each search has two filters, every facet, the first 20 hits with highlights",
        queries: BENCH_QUERIES.length,
        filters: BENCH_FILTERS,
        iterations,
        // How many innovations each search matched (after its filters): what its cost grows with.
        totalCount: stats(totals),
      },
      engine,
      serverCpuMsPerSearch: serverCpuMs,
      graphql,
      goals,
      met: { engine: engine.p50 <= goals.p50Ms && engine.p99 <= goals.p99Ms, graphql: graphql.p50 <= goals.p50Ms && graphql.p99 <= goals.p99Ms },
    };
    await mkdir(new URL("./results/", import.meta.url), { recursive: true });
    const file = new URL(`./results/search-${result.date.slice(0, 10)}.json`, import.meta.url);
    await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify({ engine, serverCpuMsPerSearch: serverCpuMs, graphql, goals, met: result.met }, null, 2)}\nWrote ${file.pathname}\n`);
  } finally {
    await ds.destroy();
  }
}

await main();
