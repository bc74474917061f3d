import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config";
import { SearchUnavailableError, type SearchRequest } from "../../src/search/search-backend";
import { MeilisearchSearchBackend, UNAVAILABLE_COOLDOWN_MS } from "../../src/search/meilisearch-search-backend";
import { closedPort } from "../helpers/closed-port";


const request: SearchRequest = {
  query: "lapor hendy",
  filter: { sectors: ["complaints"] },
  sort: { field: "relevance", direction: "desc" },
  limit: 10,
  offset: 0,
  facets: ["sector"],
};

describe("the Meilisearch configuration", () => {
  it("defaults the index and timeouts, and reads them when given", () => {
    const base = { MEILI_HOST: "http://127.0.0.1:7700", MEILI_API_KEY: "master" };
    expect(loadConfig(base).meili).toEqual({ ...{ host: base.MEILI_HOST, apiKey: "master" }, index: "innovations", timeoutMs: 2_000, taskTimeoutMs: 120_000 });
    expect(loadConfig({ ...base, MEILI_INDEX: "inovasi_prod", MEILI_TIMEOUT_MS: "750", MEILI_TASK_TIMEOUT_MS: "5000" }).meili).toMatchObject({
      index: "inovasi_prod",
      timeoutMs: 750,
      taskTimeoutMs: 5_000,
    });
    expect(loadConfig({ MEILI_INDEX: "unused-without-host" }).meili).toBeNull();
  });

  it("names every bad Meilisearch setting", () => {
    const problems = (() => {
      try {
        loadConfig({ MEILI_HOST: "http://meili:7700", MEILI_API_KEY: "k", MEILI_INDEX: "bad name!", MEILI_TIMEOUT_MS: "0", MEILI_TASK_TIMEOUT_MS: "soon" });
      } catch (error) {
        return (error as ConfigError).problems;
      }
      return [];
    })();
    expect(problems).toEqual([
      `MEILI_INDEX must be 1 to 100 letters, digits, - or _, got "bad name!"`,
      `MEILI_TIMEOUT_MS must be a whole number from 100 to 60000, got "0"`,
      `MEILI_TASK_TIMEOUT_MS must be a whole number from 1000 to 3600000, got "soon"`,
    ]);
  });
});

describe("MeilisearchSearchBackend with Meilisearch down", () => {
  it("throws SearchUnavailableError, then skips Meilisearch for a cooldown instead of waiting on it again", async () => {
    const port = await closedPort();
    let now = 1_000_000;
    const config = loadConfig({ MEILI_HOST: `http://127.0.0.1:${port}`, MEILI_API_KEY: "key" }).meili!;
    const backend = new MeilisearchSearchBackend(config, { now: () => now });
    expect(backend.engine).toBe("meilisearch");

    const first = await backend.search(request).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(SearchUnavailableError);
    expect((first as Error).message).toBe(`Meilisearch at http://127.0.0.1:${port} is unavailable: unreachable (connect ECONNREFUSED 127.0.0.1:${port})`);

    // Within the cooldown: the same error, without a new request.
    now += UNAVAILABLE_COOLDOWN_MS - 1;
    await expect(backend.search(request)).rejects.toBe(first);

    // After it: Meilisearch is asked again (and is still down: a new error).
    now += 2;
    const third = await backend.search(request).catch((e: unknown) => e);
    expect(third).toBeInstanceOf(SearchUnavailableError);
    expect(third).not.toBe(first);
  });
});
