import { loadConfig } from "../../config";
import { migrate } from "../../db/database";
import { MeilisearchTaskFailedError, toMeilisearchFailure } from "../../search/meilisearch/errors";
import { MeilisearchIndex } from "../../search/meilisearch/meilisearch-index";
import { reindexMeilisearch, reindexPostgres, type ReindexReport } from "../../search/reindex";
import { SearchUnavailableError } from "../../search/search-backend";
import { describeDatabase } from "../../server/describe-database";
import { openCommandDatabase } from "../cli-database";
import { CliError, ExitCode, type Command } from "../command";

/** `inovasi reindex`: rebuilds the Postgres search index and, when configured, the Meilisearch index. */
export const reindexCommand: Command = {
  help: `Usage: inovasi reindex [--json]

Rebuilds the search indexes from the catalogue in the database the configuration names:
  - the Postgres search index (search_document), in one transaction;
  - when MEILI_HOST and MEILI_API_KEY are set, a new Meilisearch index <MEILI_INDEX>_<timestamp>, with
    its settings applied and every innovation added; it is swapped in under MEILI_INDEX atomically and
    the old index is deleted. Changes made meanwhile are queued for the server's outbox worker.
Without Meilisearch configured, only the Postgres index is rebuilt. If Meilisearch cannot be reached,
the Postgres index is still rebuilt, the index in use is left as it is, and the exit code is 1.

Options:
  --json   Print the report as JSON: {"postgres", "meilisearch"}`,
  options: { json: { type: "boolean", default: false } },
  async run(args, io) {
    const config = loadConfig();
    const database = await openCommandDatabase(config, "reindex");
    let report: ReindexReport;
    try {
      await migrate(database.dataSource);
      const postgres = await reindexPostgres(database.dataSource);
      let meilisearch: ReindexReport["meilisearch"] = null;
      if (config.meili) {
        const index = new MeilisearchIndex(config.meili);
        try {
          meilisearch = await reindexMeilisearch(database.dataSource, index, {
            onProgress: args.values.json ? undefined : (done, total) => io.stderr(`Meilisearch: ${done}/${total} innovations uploaded\n`),
          });
        } catch (error) {
          const failure = error instanceof MeilisearchTaskFailedError ? error : toMeilisearchFailure(error, config.meili.host);
          if (failure === error && !(error instanceof MeilisearchTaskFailedError)) throw error;
          const advice = failure instanceof SearchUnavailableError ? "Check MEILI_HOST and MEILI_API_KEY, and that Meilisearch is running." : "";
          throw new CliError(
            `rebuilt the Postgres search index (${postgres.documents} documents), but not the Meilisearch index: ` +
              `${failure.message}.\nThe Meilisearch index in use was left as it is. ${advice}`.trimEnd(),
          );
        }
      }
      report = { postgres, meilisearch };
    } finally {
      await database.close();
    }

    if (args.values.json) {
      io.stdout(`${JSON.stringify(report, null, 2)}\n`);
      return ExitCode.OK;
    }
    const { postgres, meilisearch } = report;
    const lines = [
      `Rebuilt the Postgres search index of ${describeDatabase(config)}: ${postgres.documents} documents ` +
        `(${postgres.written} written, ${postgres.unchanged} unchanged, ${postgres.deleted} deleted).`,
    ];
    if (meilisearch) {
      lines.push(
        `Built Meilisearch index "${meilisearch.builtIndex}" with ${meilisearch.documents} documents and swapped it in as ` +
          `"${meilisearch.index}"; the old index was deleted. ${meilisearch.queuedAfterSwap} innovation(s) changed meanwhile ` +
          `are queued for the outbox worker.`,
      );
    } else {
      lines.push("Meilisearch is not configured (MEILI_HOST, MEILI_API_KEY), so only the Postgres index was rebuilt.");
    }
    io.stdout(`${lines.join("\n")}\n`);
    return ExitCode.OK;
  },
};
