import { describe } from "vitest";
import { openThrowawayMeilisearchIndex } from "../helpers/meilisearch-index";
import { describeSearchContract } from "./search-contract";

// The same contract on Meilisearch, whenever MEILI_HOST (and MEILI_API_KEY) point at a server. No
// Meilisearch server can be installed on the machines these tests usually run on, and none is faked:
// without one, the suite is reported as skipped, with the reason in its name.
const host = process.env.MEILI_HOST?.trim();
const title = host
  ? `Meilisearch at ${host}`
  : "Meilisearch (skipped: MEILI_HOST is not set, and no Meilisearch server can be installed here; set MEILI_HOST and MEILI_API_KEY to run it)";

describe.skipIf(!host)(title, () => {
  describeSearchContract("Meilisearch", async (ds) => {
    // A throwaway index of the run's database, deleted afterwards.
    const meili = await openThrowawayMeilisearchIndex(ds, "inovasi_contract");
    return { backend: meili.backend, index: (ids) => meili.index(ids), close: () => meili.drop() };
  });
});
