import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataSource } from "typeorm";
import { PostgresSearchBackend } from "../../src/search/postgres-search-backend";
import { openTestDataSource } from "../helpers/db";
import { evaluateRelevance, formatRelevanceReport, loadJudgedQueries } from "./evaluate";

// A quality gate, not a timing: the Postgres engine must find what people expect (test/relevance/queries.json).
describe("search relevance on the seed catalogue", () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openTestDataSource();
  });
  afterAll(async () => {
    await ds.destroy();
  });

  it("has at least 40 judged queries of every kind", () => {
    const queries = loadJudgedQueries();
    expect(queries.length).toBeGreaterThanOrEqual(40);
    expect(new Set(queries.map((q) => q.kind))).toEqual(new Set(["typo", "prefix", "acronym", "synonym", "english", "region", "long"]));
  });

  it("reaches recall@5 ≥ 0.9 on the Postgres engine", async () => {
    const report = await evaluateRelevance(new PostgresSearchBackend(ds), ds, loadJudgedQueries());
    expect(report.recallAt5, formatRelevanceReport(report)).toBeGreaterThanOrEqual(0.9);
    expect(report.mrr, formatRelevanceReport(report)).toBeGreaterThanOrEqual(0.85);
  });
});
