import type pg from "pg";

/**
 * Counts every statement a process sends through `pg` (any client, pooled or not) by wrapping
 * `Client.prototype.query`, so that the peers' statements per request can be measured the same way
 * whatever library issues them. Installs the wrapper once per process.
 */
export function countStatements(pgModule: typeof pg): { readonly count: number } {
  const counter = { count: 0 };
  const original = pgModule.Client.prototype.query as (...args: unknown[]) => unknown;
  pgModule.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    counter.count += 1;
    return original.apply(this, args);
  } as typeof pgModule.Client.prototype.query;
  return counter;
}
