import type { DataSource } from "typeorm";
import type { InnovationEntity } from "../entities";
import { parsePageRequest, toConnection, type ConnectionArgs, type Page, type PageRequest } from "../schema/connection";
import { InnovationConnection } from "../schema/connections";
import type { InnovationFilter } from "../schema/innovation-filter.input";
import { Innovation } from "../schema/innovation.type";
import { InnovationOrderField, type InnovationOrder } from "../schema/innovation-order.input";
import { OrderDirection } from "../schema/enums";
import type { RequestContext } from "./context";
import { innovationRelations, type Loaders } from "./loaders";
import { badUserInput } from "./errors";
import { hasAwardConditions, hasMatchingAwardSql, innovationConditionsSql, resolveInnovationFilter, type ResolvedFilter } from "./filters";
import { innovationColumns, keysetPage, SqlParams, type SortKey } from "./sql";

const SORT_EXPRESSIONS: Record<InnovationOrderField, string> = {
  [InnovationOrderField.NAME]: "lower(i.name)",
  [InnovationOrderField.BEST_AWARD]: "COALESCE((SELECT min(ba.tier_rank) FROM award_result ba WHERE ba.innovation_id = i.id), 99)",
  [InnovationOrderField.LATEST_AWARD_YEAR]:
    "COALESCE((SELECT max(le.year) FROM award_result la JOIN competition_edition le ON le.id = la.edition_id WHERE la.innovation_id = i.id), 0)",
  [InnovationOrderField.CREATED]: "i.id",
};

/** WHERE conditions for a resolved innovation filter on alias `i`. */
export function innovationWhere(filter: ResolvedFilter, params: SqlParams): string[] {
  const where = innovationConditionsSql(filter.innovation, params);
  if (hasAwardConditions(filter.award)) where.push(hasMatchingAwardSql(filter.award, params));
  return where;
}

/**
 * One page of innovations matching a resolved filter, in the requested order. With `loaders`, the
 * page statement also returns each innovation's institution and region (joined onto the page's rows
 * only) and primes the loaders.
 */
export function findInnovationPage(
  ds: DataSource,
  filter: ResolvedFilter,
  order: InnovationOrder | null | undefined,
  page: PageRequest,
  loaders?: Pick<Loaders, "institutionById" | "regionByCode">,
): Promise<Page<Innovation>> {
  const field = order?.field ?? InnovationOrderField.NAME;
  const direction = order?.direction ?? OrderDirection.ASC;
  const params = new SqlParams();
  const sort: SortKey[] = [{ expr: SORT_EXPRESSIONS[field], direction }];
  if (field !== InnovationOrderField.CREATED) sort.push({ expr: "i.id", direction: "ASC" });
  const relations = innovationRelations(ds, { institutionId: `p."institutionId"`, regionCode: `p."regionCode"` });
  return keysetPage(ds, {
    from: "FROM innovation i",
    select: innovationColumns(ds, "i"),
    outer: loaders && { select: relations.select, join: relations.join },
    where: innovationWhere(filter, params),
    params,
    sort,
    page,
    cursorKind: `innovation:${field}:${direction}`,
    map: (row: InnovationEntity) => {
      if (loaders) relations.prime(row, loaders);
      return Innovation.from(row);
    },
  });
}

/**
 * The `innovations` connection, at the top level or under a parent (`scope`). A parent narrows the
 * list by one filter field; the same field in the client's filter is refused rather than ignored.
 */
export async function innovationConnection(
  ctx: RequestContext,
  paging: ConnectionArgs,
  filter: InnovationFilter | null | undefined,
  orderBy: InnovationOrder | null | undefined,
  scope?: { field: "institutionIds" | "regionCodes"; value: string; parent: string },
): Promise<InnovationConnection> {
  const page = parsePageRequest(paging);
  if (scope && filter?.[scope.field] != null) {
    throw badUserInput(`"filter.${scope.field}" cannot be used here: this list is already narrowed to the ${scope.parent}.`, `filter.${scope.field}`);
  }
  const scoped = scope ? { ...filter, [scope.field]: [scope.value] } : filter;
  const resolved = await resolveInnovationFilter(scoped, ctx);
  return toConnection(InnovationConnection, await findInnovationPage(ctx.dataSource, resolved, orderBy, page, ctx.loaders));
}
