/**
 * `npm run relevance`: measures recall@5 and MRR of every configured search engine on the judged
 * queries of queries.json, against the seed catalogue.
 *
 * The Postgres engine runs on a fresh in-memory embedded database (PGlite), migrated, seeded and
 * indexed by this script, so it needs nothing installed. The Meilisearch engine is measured too when
 * MEILI_HOST and MEILI_API_KEY are set, on a throwaway index of the same catalogue.
 *
 * Options: --json (print the reports as JSON), --all (list every query, not only those below full recall).
 */
import "reflect-metadata";
import { parseArgs } from "node:util";
import { createDataSource } from "../../src/db/data-source";
import { migrate } from "../../src/db/database";
import { startEmbeddedPostgres } from "../../src/db/embedded";
import { PostgresSearchBackend } from "../../src/search/postgres-search-backend";
import { refreshSearchDocuments } from "../../src/search/postgres-search-index";
import { loadSeedCatalogue } from "../../src/seed/load-seed";
import { openThrowawayMeilisearchIndex } from "../helpers/meilisearch-index";
import { evaluateRelevance, formatRelevanceReport, loadJudgedQueries, type RelevanceReport } from "./evaluate";

const { values } = parseArgs({ options: { json: { type: "boolean", default: false }, all: { type: "boolean", default: false } } });

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
