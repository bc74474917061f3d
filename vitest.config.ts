import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One copy of graphql: without this, ESM and CJS entry points both load and type checks fail.
    alias: { graphql: require.resolve("graphql/index.js") },
  },
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/helpers/global-setup.ts"],
    // The tests share one migrated, seeded database; files run one after another against it.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
