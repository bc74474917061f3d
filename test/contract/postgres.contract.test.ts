import { PostgresSearchBackend } from "../../src/search/postgres-search-backend";
import { refreshSearchDocuments } from "../../src/search/postgres-search-index";
import { describeSearchContract } from "./search-contract";

// The run's database is already indexed (global-setup.ts); the suite indexes what its factories create.
describeSearchContract("Postgres", async (ds) => ({
  backend: new PostgresSearchBackend(ds),
  async index(innovationIds) {
    await refreshSearchDocuments(ds.manager, innovationIds);
  },
}));
