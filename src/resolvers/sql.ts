import { NARRATIVE_SECTIONS } from "../domain/narrative";
import type { DataSource, EntityTarget, ObjectLiteral } from "typeorm";
import { InnovationEntity } from "../entities/innovation.entity";
import { decodeCursor, encodeCursor, type Page, type PageRequest } from "../schema/connection";
import { badUserInput } from "./errors";

/** Collects positional parameters for one raw SQL statement. User values only ever travel as parameters. */
export class SqlParams {
  readonly values: unknown[] = [];
  /** Adds a value and returns its placeholder (`$n`). */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const selectCache = new WeakMap<object, Map<string, string>>();

/**
 * `alias."column" AS "property", …` for every column of an entity (but the properties in `omit`), so
 * that raw rows come back in the entity's own shape and can be mapped like repository results.
 */
export function selectColumns(ds: DataSource, entity: EntityTarget<ObjectLiteral>, alias: string, omit: readonly string[] = []): string {
  const metadata = ds.getMetadata(entity);
  let perAlias = selectCache.get(metadata);
  if (!perAlias) {
    perAlias = new Map();
    selectCache.set(metadata, perAlias);
  }
  const key = omit.length ? `${alias}|${omit.join(",")}` : alias;
  let list = perAlias.get(key);
  if (!list) {
    list = metadata.columns
      .filter((c) => !omit.includes(c.propertyName))
      .map((c) => `${alias}."${c.databaseName}" AS "${c.propertyName}"`)
      .join(", ");
    perAlias.set(key, list);
  }
  return list;
}

/**
 * Innovation properties that reads for the API leave out: the eight narrative sections (most of a
 * row's bytes, fetched by `narrativeByInnovationId` only when a query asks for `narrative`) and the
 * timestamps no API type shows. A row read without them has them `undefined`.
 */
export const INNOVATION_LAZY_PROPERTIES: readonly string[] = [...NARRATIVE_SECTIONS, "createdAt", "updatedAt"];

/** The narrative sections among them: what `narrativeByInnovationId` reads. */
export const NARRATIVE_PROPERTIES: readonly string[] = NARRATIVE_SECTIONS;

/** A joined entity's columns carried in the main row under `prefix.`, and how to take them back out. */
export interface JoinedColumns<E> {
  /** `alias."column" AS "prefix.property", …` */
  readonly sql: string;
  /** The entity-shaped object of those columns in a raw row (the row itself is left as it is). */
  take(row: Record<string, unknown>): E;
}

const joinedCache = new WeakMap<object, Map<string, JoinedColumns<unknown>>>();

/**
 * The columns of a joined entity (but the properties in `omit`) under `prefix.`, so that one row can
 * carry it beside the main entity: how a statement that joins a relation anyway returns it too.
 */
export function joinedColumns<E>(
  ds: DataSource,
  entity: EntityTarget<ObjectLiteral>,
  alias: string,
  prefix: string,
  omit: readonly string[] = [],
): JoinedColumns<E> {
  const metadata = ds.getMetadata(entity);
  let perKey = joinedCache.get(metadata);
  if (!perKey) {
    perKey = new Map();
    joinedCache.set(metadata, perKey);
  }
  const key = `${alias}|${prefix}|${omit.join(",")}`;
  let joined = perKey.get(key);
  if (!joined) {
    const pairs = metadata.columns.filter((c) => !omit.includes(c.propertyName)).map((c) => [c.databaseName, c.propertyName, `${prefix}.${c.propertyName}`]);
    joined = {
      sql: pairs.map(([column, , as]) => `${alias}."${column}" AS "${as}"`).join(", "),
      take(row) {
        const out: Record<string, unknown> = {};
        for (const [, property, as] of pairs) out[property] = row[as];
        return out;
      },
    };
    perKey.set(key, joined);
  }
  return joined as JoinedColumns<E>;
}

/** The columns of an innovation that API reads select (see INNOVATION_LAZY_PROPERTIES). */
export function innovationColumns(ds: DataSource, alias: string): string {
  return selectColumns(ds, InnovationEntity, alias, INNOVATION_LAZY_PROPERTIES);
}

/** One key of a keyset ordering. The last key of every ordering must be unique (the row's id). */
export interface SortKey {
  expr: string;
  direction: "ASC" | "DESC";
}

export interface KeysetQuery<Row, T> {
  /** `FROM … JOIN …` */
  from: string;
  /** Column list for the page query. */
  select: string;
  where: string[];
  params: SqlParams;
  sort: SortKey[];
  page: PageRequest;
  cursorKind: string;
  map: (row: Row) => T;
  /**
   * Columns joined onto the page's rows only, `SELECT p.*, <select> FROM (<page>) p <join>`: cheaper
   * than carrying wide joined rows through the sort of every candidate. `p` holds the page's columns
   * under their output names.
   */
  outer?: { select: string; join: string };
}

/**
 * Runs a keyset-paginated query: one statement for the page, and one more for the total only when a
 * client asks for totalCount. Keyset (not OFFSET) keeps deep pages as cheap as the first.
 */
export async function keysetPage<Row extends object, T>(ds: DataSource, q: KeysetQuery<Row, T>): Promise<Page<T>> {
  const baseWhere = [...q.where];
  const countParams = [...q.params.values];
  const countWhere = baseWhere.length ? `WHERE ${baseWhere.join(" AND ")}` : "";
  const count = async () => {
    const rows = await ds.query(`SELECT count(*)::int AS n ${q.from} ${countWhere}`, countParams);
    return rows[0].n as number;
  };

  const { page } = q;
  // Walking backwards is walking forwards in the reversed order, then reversing the page.
  const sort = page.backward ? q.sort.map((k) => ({ ...k, direction: flip(k.direction) })) : q.sort;
  const where = [...baseWhere];
  const after = page.after !== null ? checkKeys(decodeCursor(page.after, q.cursorKind, "after"), q.sort.length, "after") : null;
  const before = page.before !== null ? checkKeys(decodeCursor(page.before, q.cursorKind, "before"), q.sort.length, "before") : null;
  const forwardAfter = page.backward ? before : after;
  const forwardBefore = page.backward ? after : before;
  if (forwardAfter) where.push(keysetCondition(sort, forwardAfter, q.params, "after"));
  if (forwardBefore) where.push(keysetCondition(sort, forwardBefore, q.params, "before"));

  const keyColumns = sort.map((k, i) => `${k.expr} AS "_k${i}"`).join(", ");
  const orderBy = sort.map((k, i) => `"_k${i}" ${k.direction}`).join(", ");
  const limit = q.params.add(page.limit + 1);
  const inner = `SELECT ${q.select}, ${keyColumns} ${q.from} ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY ${orderBy} LIMIT ${limit}`;
  const sql = q.outer ? `SELECT p.*, ${q.outer.select} FROM (${inner}) p ${q.outer.join} ORDER BY ${orderBy}` : inner;
  const rows: Row[] = await ds.query(sql, q.params.values);

  const hasMore = rows.length > page.limit;
  const pageRows = rows.slice(0, page.limit);
  if (page.backward) pageRows.reverse();
  const cursors = pageRows.map((row) =>
    encodeCursor(q.cursorKind, q.sort.map((_, i) => normaliseKey((row as Record<string, unknown>)[`_k${i}`]))),
  );
  return {
    items: pageRows.map(q.map),
    cursors,
    hasNextPage: page.backward ? page.before !== null : hasMore,
    hasPreviousPage: page.backward ? hasMore : page.after !== null,
    count,
  };
}

function flip(direction: "ASC" | "DESC"): "ASC" | "DESC" {
  return direction === "ASC" ? "DESC" : "ASC";
}

function normaliseKey(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string") return value;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

function checkKeys(keys: unknown[], expected: number, argument: string): unknown[] {
  if (keys.length !== expected || keys.some((k) => k === null)) {
    throw badUserInput(`"${argument}" is not a valid cursor for this list.`, argument);
  }
  return keys;
}

/**
 * Rows strictly after (or before) the keyset `values` in the `sort` order:
 * (k1 > v1) OR (k1 = v1 AND k2 > v2) OR …, with each comparison following its key's direction.
 */
function keysetCondition(sort: SortKey[], values: unknown[], params: SqlParams, side: "after" | "before"): string {
  const placeholders = values.map((v) => params.add(v));
  const alternatives = sort.map((key, i) => {
    const ascending = key.direction === "ASC";
    const op = (side === "after") === ascending ? ">" : "<";
    const equalities = sort.slice(0, i).map((k, j) => `${k.expr} = ${placeholders[j]}`);
    return `(${[...equalities, `${key.expr} ${op} ${placeholders[i]}`].join(" AND ")})`;
  });
  return `(${alternatives.join(" OR ")})`;
}
