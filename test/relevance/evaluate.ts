/**
 * Relevance measurement: runs the judged queries of queries.json against a search engine and computes
 * recall@5 and MRR. Used by `npm run relevance` (run.ts) and by the quality gate (relevance.test.ts).
 *
 * - recall@5 of a query: the expected innovations found in the top 5, divided by min(5, expected);
 *   so when more than five are equally relevant, any five of them is full recall. The figure
 *   reported is the mean over queries.
 * - MRR: the mean over queries of 1 / rank of the first expected innovation (0 when none is in the
 *   top 20).
 */
import { readFileSync } from "node:fs";
import type { DataSource } from "typeorm";
import type { SearchBackend } from "../../src/search/search-backend";
import { sanitiseQuery } from "../../src/search/text/normalise";

export interface JudgedQuery {
  readonly kind: string;
  readonly query: string;
  readonly expected: readonly string[];
}

export interface QueryOutcome extends JudgedQuery {
  readonly recall: number;
  readonly reciprocalRank: number;
  /** The top 5 slugs the engine returned. */
  readonly top: readonly string[];
}

export interface RelevanceReport {
  readonly engine: string;
  readonly queries: number;
  readonly recallAt5: number;
  readonly mrr: number;
  readonly byKind: Readonly<Record<string, { queries: number; recallAt5: number; mrr: number }>>;
  readonly outcomes: readonly QueryOutcome[];
}

/** How many hits are looked at for MRR. */
const DEPTH = 20;

export function loadJudgedQueries(file = new URL("./queries.json", import.meta.url)): JudgedQuery[] {
  return (JSON.parse(readFileSync(file, "utf8")) as { queries: JudgedQuery[] }).queries;
}

const mean = (values: readonly number[]) => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);

/** Runs every judged query (sanitised as the API does) against `backend` and scores it. */
export async function evaluateRelevance(backend: SearchBackend, ds: DataSource, queries: readonly JudgedQuery[]): Promise<RelevanceReport> {
  const rows: { id: number; slug: string }[] = await ds.query(`SELECT id, slug FROM innovation`);
  const slugOf = new Map(rows.map((r) => [r.id, r.slug]));
  const outcomes: QueryOutcome[] = [];
  for (const judged of queries) {
    const result = await backend.search({
      query: sanitiseQuery(judged.query),
      filter: {},
      sort: { field: "relevance", direction: "desc" },
      limit: DEPTH,
      offset: 0,
      facets: [],
    });
    const slugs = result.hits.map((h) => slugOf.get(h.innovationId) ?? `#${h.innovationId}`);
    const expected = new Set(judged.expected);
    const top = slugs.slice(0, 5);
    const found = top.filter((s) => expected.has(s)).length;
    const first = slugs.findIndex((s) => expected.has(s));
    outcomes.push({
      ...judged,
      recall: found / Math.min(5, expected.size),
      reciprocalRank: first < 0 ? 0 : 1 / (first + 1),
      top,
    });
  }
  const byKind: Record<string, { queries: number; recallAt5: number; mrr: number }> = {};
  for (const kind of [...new Set(outcomes.map((o) => o.kind))]) {
    const of = outcomes.filter((o) => o.kind === kind);
    byKind[kind] = { queries: of.length, recallAt5: mean(of.map((o) => o.recall)), mrr: mean(of.map((o) => o.reciprocalRank)) };
  }
  return {
    engine: backend.engine,
    queries: outcomes.length,
    recallAt5: mean(outcomes.map((o) => o.recall)),
    mrr: mean(outcomes.map((o) => o.reciprocalRank)),
    byKind,
    outcomes,
  };
}

/** A readable report: the totals, per kind, and every query below full recall (every query with `all`). */
export function formatRelevanceReport(report: RelevanceReport, options: { all?: boolean } = {}): string {
  const pct = (x: number) => x.toFixed(3);
  const lines = [`${report.engine}: recall@5 ${pct(report.recallAt5)}, MRR ${pct(report.mrr)} over ${report.queries} queries`];
  for (const [kind, k] of Object.entries(report.byKind)) {
    lines.push(`  ${kind.padEnd(8)} ${String(k.queries).padStart(3)} queries  recall@5 ${pct(k.recallAt5)}  MRR ${pct(k.mrr)}`);
  }
  const misses = report.outcomes.filter((o) => options.all || o.recall < 1);
  if (misses.length > 0) lines.push(options.all ? "  queries:" : "  below full recall:");
  for (const o of misses) {
    lines.push(`    ${pct(o.recall)} rr ${pct(o.reciprocalRank)}  "${o.query}"  top 5: ${o.top.join(", ") || "(none)"}`);
  }
  return lines.join("\n");
}
