import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepared, preparedName, PreparingClient } from "../../src/db/prepared-statements";
import { createEmptyDatabase, type EmptyDatabase } from "../helpers/empty-database";

describe("prepared statements", () => {
  let db: EmptyDatabase;
  let pool: pg.Pool;
  beforeAll(async () => {
    db = await createEmptyDatabase("inovasi_prepared");
    pool = new pg.Pool({ connectionString: db.url, max: 1, Client: PreparingClient });
  });
  afterAll(async () => {
    await pool?.end();
    await db?.dispose();
  });

  it("sends registered SQL by name, parsed once per connection, and other SQL as it is", async () => {
    const sql = prepared(`SELECT n * 2 AS doubled FROM unnest($1::int[]) AS n ORDER BY n`);
    const name = preparedName(sql)!;
    expect(name).toMatch(/^inovasi_[0-9a-f]{24}$/);
    expect(prepared(sql)).toBe(sql);
    const client = await pool.connect();
    try {
      expect((await client.query(sql, [[1, 2]])).rows).toEqual([{ doubled: 2 }, { doubled: 4 }]);
      expect((await client.query(sql, [[5]])).rows).toEqual([{ doubled: 10 }]);
      const statements = await client.query(`SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'inovasi\\_%'`);
      expect(statements.rows).toEqual([{ name, statement: sql }]);
      // Unregistered SQL stays unnamed.
      expect((await client.query(`SELECT $1::int + 1 AS n`, [1])).rows).toEqual([{ n: 2 }]);
      expect((await client.query(`SELECT count(*)::int AS n FROM pg_prepared_statements`)).rows).toEqual([{ n: 1 }]);
    } finally {
      client.release();
    }
  });
});
