import type { ClassType } from "type-graphql";
import { ArgsType, Field, Int, ObjectType } from "type-graphql";
import { badUserInput } from "../resolvers/errors";

@ObjectType("PageInfo", { description: "Where a page stands in the whole list (Relay cursor connections)." })
export class PageInfo {
  @Field(() => Boolean, { description: "Whether more items follow this page in the requested order." })
  hasNextPage: boolean;

  @Field(() => Boolean, { description: "Whether items come before this page in the requested order." })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the first item of the page; null when the page is empty." })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: "Cursor of the last item of the page; null when the page is empty." })
  endCursor: string | null;
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: "Return the first n items after `after` (1–100; 20 when neither first nor last is given)." })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Start after this cursor (from pageInfo.endCursor or an edge's cursor)." })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: "Return the last n items before `before` (1–100)." })
  last?: number | null;

  @Field(() => String, { nullable: true, description: "End before this cursor (from pageInfo.startCursor or an edge's cursor)." })
  before?: string | null;
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** A validated page request. Cursors are decoded by the query that knows its ordering (see keysetPage). */
export interface PageRequest {
  limit: number;
  backward: boolean;
  after: string | null;
  before: string | null;
}

/** Validates first/last; the cursors are checked against the list's ordering when the page is read. */
export function parsePageRequest(args: ConnectionArgs): PageRequest {
  const { first, last } = args;
  if (first != null && last != null) {
    throw badUserInput('Pass either "first" or "last", not both.', "first");
  }
  for (const [name, value] of [["first", first], ["last", last]] as const) {
    if (value != null && (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE)) {
      throw badUserInput(`"${name}" must be between 1 and ${MAX_PAGE_SIZE}, got ${value}.`, name);
    }
  }
  return {
    limit: first ?? last ?? DEFAULT_PAGE_SIZE,
    backward: last != null,
    after: args.after ?? null,
    before: args.before ?? null,
  };
}

/** Cursors are opaque: base64url of JSON `[kind, ...keyset]`. */
export function encodeCursor(kind: string, keys: unknown[]): string {
  return Buffer.from(JSON.stringify([kind, ...keys]), "utf8").toString("base64url");
}

/**
 * Decodes a cursor made for the list ordering `kind`; a cursor from another list or ordering is
 * refused rather than silently misread.
 */
export function decodeCursor(cursor: string, kind: string, argument: string): unknown[] {
  const malformed = () =>
    badUserInput(`"${argument}" is not a valid cursor. Use a cursor from pageInfo or an edge of the same list.`, argument);
  if (typeof cursor !== "string" || cursor.length === 0 || cursor.length > 1000 || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw malformed();
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw malformed();
  }
  if (!Array.isArray(parsed) || parsed.length < 2 || typeof parsed[0] !== "string") throw malformed();
  if (parsed[0] !== kind) {
    throw badUserInput(
      `"${argument}" is a cursor for a different list or ordering ("${parsed[0]}"); it cannot be used with "${kind}".`,
      argument,
    );
  }
  const keys = parsed.slice(1);
  if (!keys.every((k) => k === null || typeof k === "string" || typeof k === "number")) throw malformed();
  return keys;
}

/** One page of results, before it is shaped as a connection. */
export interface Page<T> {
  items: T[];
  cursors: string[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** Counts every item matching the filter; only run when a client asks for totalCount. */
  count: () => Promise<number>;
}

/** Builds `XConnection` and `XEdge` object types for a node type (Relay cursor connections). */
export function Connection<TNode extends object>(NodeClass: ClassType<TNode>, typeName: string, description: string) {
  @ObjectType(`${typeName}Edge`, { description: `An edge in a ${typeName}Connection: one ${typeName} and its cursor.` })
  class Edge {
    @Field(() => String, { description: "Opaque cursor of this item; pass it to `after` or `before`." })
    cursor: string;

    @Field(() => NodeClass, { description: `The ${typeName}.` })
    node: TNode;
  }

  @ObjectType()
  abstract class ConnectionType {
    page: Page<TNode>;
    private counted?: Promise<number>;

    @Field(() => [Edge], { description: "The items of this page with their cursors." })
    get edges(): Edge[] {
      return this.page.items.map((node, i) => Object.assign(new Edge(), { node, cursor: this.page.cursors[i] }));
    }

    @Field(() => [NodeClass], { description: "The items of this page, without cursors." })
    get nodes(): TNode[] {
      return this.page.items;
    }

    @Field(() => PageInfo, { description: "Paging information for this page." })
    get pageInfo(): PageInfo {
      const { cursors } = this.page;
      return Object.assign(new PageInfo(), {
        hasNextPage: this.page.hasNextPage,
        hasPreviousPage: this.page.hasPreviousPage,
        startCursor: cursors[0] ?? null,
        endCursor: cursors[cursors.length - 1] ?? null,
      });
    }

    @Field(() => Int, { description: `${description} Counts all matches, not just this page.` })
    get totalCount(): Promise<number> {
      this.counted ??= this.page.count();
      return this.counted;
    }
  }
  return ConnectionType;
}

/** Wraps a page in its connection type. */
export function toConnection<C extends { page: Page<T> }, T>(ConnectionClass: new () => C, page: Page<T>): C {
  const connection = new ConnectionClass();
  connection.page = page;
  return connection;
}
