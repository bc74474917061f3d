import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataSource } from "typeorm";
import { openTestDataSource } from "../helpers/db";

describe("migrations", () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openTestDataSource();
  });
  afterAll(async () => {
    await ds.destroy();
  });

  it("leave no schema difference between the entities and the database", async () => {
    const log = await ds.driver.createSchemaBuilder().log();
    expect(log.upQueries.map((q) => q.query)).toEqual([]);
  });

  it("have all been applied", async () => {
    expect(await ds.showMigrations()).toBe(false);
  });
});
