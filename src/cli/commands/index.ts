import type { CommandEntry } from "../command";

/** Every `inovasi` command, in the order `--help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "serve",
    summary: "Start the GraphQL server (migrates, and seeds if INOVASI_SEED_ON_START)",
    load: async () => (await import("./serve.command")).serveCommand,
  },
  {
    name: "seed",
    summary: "Load the seed catalogue into the database (idempotent)",
    load: async () => (await import("./seed.command")).seedCommand,
  },
  {
    name: "migrate",
    summary: "Apply pending database migrations",
    load: async () => (await import("./migrate.command")).migrateCommand,
  },
  {
    name: "reindex",
    summary: "Rebuild the search indexes: Postgres, and Meilisearch (swapped in atomically) when configured",
    load: async () => (await import("./reindex.command")).reindexCommand,
  },
  {
    name: "import",
    summary: "Import catalogue files (CSV or JSON) with entity resolution; --dry-run to check first",
    load: async () => (await import("./import.command")).importCommand,
  },
  {
    name: "publisher",
    summary: "Register publishers and make or revoke their API keys (create, list, key, revoke)",
    load: async () => (await import("./publisher.command")).publisherCommand,
  },
];
