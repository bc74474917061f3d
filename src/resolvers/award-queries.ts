import type { DataSource } from "typeorm";
import { AwardResultEntity } from "../entities";
import { AwardOrderField, type AwardOrder } from "../schema/award-order.input";
import { AwardResult } from "../schema/award-result.type";
import type { Page, PageRequest } from "../schema/connection";
import { OrderDirection } from "../schema/enums";
import { awardConditionsSql, innovationConditionsSql, type ResolvedFilter } from "./filters";
import { keysetPage, selectColumns, SqlParams, type SortKey } from "./sql";

function sortFor(order: AwardOrder): SortKey[] {
  const d = order.direction === OrderDirection.DESC ? "DESC" : "ASC";
  switch (order.field) {
    case AwardOrderField.YEAR:
      return [{ expr: "e.year", direction: d }, { expr: "a.tier_rank", direction: "ASC" }, { expr: "a.id", direction: "ASC" }];
    case AwardOrderField.TIER:
      return [{ expr: "a.tier_rank", direction: d }, { expr: "e.year", direction: "DESC" }, { expr: "a.id", direction: "ASC" }];
    case AwardOrderField.INNOVATION_NAME:
      return [{ expr: "lower(i.name)", direction: d }, { expr: "e.year", direction: "ASC" }, { expr: "a.id", direction: "ASC" }];
  }
}

/** One page of award results matching a resolved filter (optionally inside one edition). */
export function findAwardPage(
  ds: DataSource,
  filter: ResolvedFilter,
  order: AwardOrder,
  page: PageRequest,
  editionId?: number,
): Promise<Page<AwardResult>> {
  const params = new SqlParams();
  const where = [...awardConditionsSql(filter.award, params), ...innovationConditionsSql(filter.innovation, params)];
  if (editionId !== undefined) where.push(`a.edition_id = ${params.add(editionId)}::int`);
  return keysetPage(ds, {
    from: `FROM award_result a
      JOIN competition_edition e ON e.id = a.edition_id
      JOIN competition c ON c.id = e.competition_id
      JOIN innovation i ON i.id = a.innovation_id`,
    select: selectColumns(ds, AwardResultEntity, "a"),
    where,
    params,
    sort: sortFor(order),
    page,
    cursorKind: `awards:${order.field}:${order.direction}`,
    map: (row: AwardResultEntity) => AwardResult.from(row),
  });
}
