/**
 * `npm run relevance`: measures recall@5 and MRR of every configured search engine on the judged
 * queries of queries.json, against the seed catalogue.
 *
 * The Postgres engine runs on a fresh in-memory embedded database (PGlite), migrated, seeded and
 * indexed by this script, so it needs nothing installed. The Meilisearch engine is measured too when
 * MEILI_HOST and MEILI_API_KEY are set, on a throwaway index of the same catalogue.
 *
 * Options: --json (print the reports as JSON), --all (list every query, not only those below full recall),
 * --highlights (also compare, on each query's top 5, the words ts_headline marks in names and summaries
 * with those the analyser's highlighter marks, and list the differences).
 */
import "reflect-metadata";
import { parseArgs } from "node:util";
import { createDataSource } from "../../src/db/data-source";
import { migrate } from "../../src/db/database";
import { startEmbeddedPostgres } from "../../src/db/embedded";
import { PostgresSearchBackend } from "../../src/search/postgres-search-backend";
import { meilisearchHighlighter, type HighlightSource } from "../../src/search/meilisearch/highlights";
import { loadSearchLexicon } from "../../src/search/text/lexicon";
import { sanitiseQuery } from "../../src/search/text/normalise";
import { refreshSearchDocuments } from "../../src/search/postgres-search-index";
import { loadSeedCatalogue } from "../../src/seed/load-seed";
import { openThrowawayMeilisearchIndex } from "../helpers/meilisearch-index";
import { evaluateRelevance, formatRelevanceReport, loadJudgedQueries, type RelevanceReport } from "./evaluate";

const { values } = parseArgs({ options: { json: { type: "boolean", default: false }, all: { type: "boolean", default: false }, highlights: { type: "boolean", default: false } } });

const embedded = await startEmbeddedPostgres({ dataDir: null });
const ds = createDataSource({ url: embedded.url, poolSize: 1, statementTimeoutMs: 120_000, connectTimeoutMs: 10_000 });
const reports: RelevanceReport[] = [];
try {
  await ds.initialize();
  await migrate(ds);
  const seeded = await loadSeedCatalogue(ds);
  if (seeded.problems.length > 0) throw new Error(`The seed catalogue has ${seeded.problems.length} problem(s); run \`npx inovasi seed\` to see them.`);
  await refreshSearchDocuments(ds.manager, "all");
  const queries = loadJudgedQueries();
  reports.push(await evaluateRelevance(new PostgresSearchBackend(ds), ds, queries));
  if (values.highlights) await compareHighlights(new PostgresSearchBackend(ds), queries.map((q) => q.query));
  if (process.env.MEILI_HOST) {
    const meili = await openThrowawayMeilisearchIndex(ds, "inovasi_relevance");
    try {
      reports.push(await evaluateRelevance(meili.backend, ds, queries));
    } finally {
      await meili.drop();
    }
  }
} finally {
  await ds.destroy().catch(() => {});
  await embedded.stop();
}

if (values.json) {
  process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
} else {
  for (const report of reports) process.stdout.write(`${formatRelevanceReport(report, { all: values.all })}\n`);
}

/**
 * The words ts_headline marks (the Postgres engine's highlights) against those the analyser's
 * highlighter marks for the same hits (what the Meilisearch engine shows), in the names and summaries
 * of each query's top 5.
 */
async function compareHighlights(backend: PostgresSearchBackend, texts: readonly string[]): Promise<void> {
  const lexicon = loadSearchLexicon();
  const marked = (text: string | null) => new Set([...(text ?? "").matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1].toLowerCase()));
  let same = 0;
  const differences: string[] = [];
  for (const text of texts) {
    const query = sanitiseQuery(text);
    const result = await backend.search({ query, filter: {}, sort: { field: "relevance", direction: "desc" }, limit: 5, offset: 0, facets: [] });
    const ids = result.hits.map((h) => h.innovationId);
    const rows: (HighlightSource & { id: number })[] = await ds.query(
      `SELECT innovation_id AS id, name, summary, narrative FROM search_document WHERE innovation_id = ANY($1::int[])`,
      [ids],
    );
    const sources = ids.map((id) => rows.find((r) => r.id === id)!);
    const analyser = meilisearchHighlighter(query, lexicon, sources);
    result.hits.forEach((hit, i) => {
      const theirs = analyser(sources[i]);
      for (const field of ["name", "summary"] as const) {
        const a = marked(hit.highlights[field]);
        const b = marked(theirs[field]);
        const onlyPostgres = [...a].filter((w) => !b.has(w));
        const onlyAnalyser = [...b].filter((w) => !a.has(w));
        if (onlyPostgres.length + onlyAnalyser.length === 0) same++;
        else differences.push(`  ${JSON.stringify(text)} ${field}: ts_headline only [${onlyPostgres.join(", ")}], analyser only [${onlyAnalyser.join(", ")}]`);
      }
    });
  }
  process.stdout.write(`highlights: ts_headline and the analyser mark the same words in ${same} of ${same + differences.length} names and summaries\n${differences.join("\n")}\n`);
}
