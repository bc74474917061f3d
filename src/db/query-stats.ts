import { AsyncLocalStorage } from "node:async_hooks";

/** Statements issued on behalf of one unit of work (usually one GraphQL request). */
export interface QueryStats {
  statements: number;
  /** The SQL text of each statement, kept only when `keepSql` is set (tests). */
  sql?: string[];
}

const storage = new AsyncLocalStorage<QueryStats>();

/**
 * Runs `fn` with a fresh statement counter. Every SQL statement that the DataSource issues while
 * `fn` (and any promise it starts) runs is counted, including DataLoader batches scheduled from it.
 */
export function withQueryStats<T>(stats: QueryStats, fn: () => T): T {
  return storage.run(stats, fn);
}

/** Called by the DataSource logger for every statement. */
export function recordStatement(sql: string): void {
  const stats = storage.getStore();
  if (!stats) return;
  stats.statements += 1;
  stats.sql?.push(sql);
}
