import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import type { QueryStats } from "../db/query-stats";
import { lazyAuthentication, type Authentication } from "../publishing/authenticate";
import { searchServiceFor, type SearchSession } from "../search/search-service";
import { createLoaders, type Loaders } from "./loaders";

/** Everything a resolver may use while answering one request. Built fresh for every request. */
export interface RequestContext {
  readonly dataSource: DataSource;
  readonly requestId: string;
  /** True when the request carries no `Authorization` header: a public read, which may be answered from the response cache. */
  readonly anonymous: boolean;
  /** SQL statements issued for this request so far. */
  readonly queryStats: QueryStats;
  /** Per-request DataLoaders; every relation goes through them. */
  readonly loaders: Loaders;
  /** Search, through the server's search service (see src/search/search-service.ts). */
  readonly search: SearchSession;
  /** Who sent the request, from its `Authorization: Bearer <API key>` header; resolved on first call (mutations). */
  readonly authentication: () => Promise<Authentication>;
}

export function createRequestContext(
  dataSource: DataSource,
  options: { requestId?: string; queryStats?: QueryStats; authorization?: string | null } = {},
): RequestContext {
  return {
    dataSource,
    requestId: options.requestId ?? randomUUID(),
    anonymous: !options.authorization?.trim(),
    queryStats: options.queryStats ?? { statements: 0 },
    loaders: createLoaders(dataSource),
    search: searchServiceFor(dataSource).session(),
    authentication: lazyAuthentication(dataSource, options.authorization),
  };
}
