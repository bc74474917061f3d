/**
 * Prepared statements for the SQL the loaders send on every request.
 *
 * Planning the innovation page's two statements costs Postgres more than running them (about 1 ms
 * against 0.6 ms at 10,000 innovations; bench/RESULTS.md). Statements registered with {@link prepared}
 * are sent by name, so each connection parses and plans them once and then only binds and executes.
 * Only SQL whose text is fixed by the code is registered (the loaders': keys travel as array
 * parameters), so the number of names is bounded by the code, not by requests.
 *
 * Used on a PostgreSQL server only: the embedded PGlite serves its one session to every socket client,
 * so a name prepared by one client would already exist, unknown to the next.
 */
import { createHash } from "node:crypto";
import pg from "pg";

const names = new Map<string, string>();

/** Registers `sql` to be sent as a prepared statement (on a server), and returns it unchanged. */
export function prepared(sql: string): string {
  if (!names.has(sql)) names.set(sql, `inovasi_${createHash("sha256").update(sql).digest("hex").slice(0, 24)}`);
  return sql;
}

/** The statement name of registered SQL, or undefined. */
export function preparedName(sql: string): string | undefined {
  return names.get(sql);
}

/** A pg Client that sends registered SQL by name (see {@link prepared}); everything else as given. */
export class PreparingClient extends pg.Client {
  // The overloads of pg.Client.query; TypeORM calls query(text, values).
  query(...args: unknown[]): never {
    const [config, values, callback] = args;
    const name = typeof config === "string" ? names.get(config) : undefined;
    if (name !== undefined && (values === undefined || Array.isArray(values))) {
      const query = { name, text: config as string, values: values as unknown[] | undefined };
      return (callback === undefined ? super.query(query) : super.query(query, callback as never)) as never;
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}
