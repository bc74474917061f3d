import type { DataSource } from "typeorm";
import { AwardResultEntity, CompetitionEditionEntity, CompetitionEntity, InnovationEntity } from "../entities";
import { AwardOrderField, type AwardOrder } from "../schema/award-order.input";
import { AwardResult } from "../schema/award-result.type";
import type { Page, PageRequest } from "../schema/connection";
import { OrderDirection } from "../schema/enums";
import { awardConditionsSql, innovationConditionsSql, type ResolvedFilter } from "./filters";
import { innovationRelations, type Loaders } from "./loaders";
import { INNOVATION_LAZY_PROPERTIES, joinedColumns, keysetPage, selectColumns, SqlParams, type SortKey } from "./sql";

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

/**
 * One page of award results matching a resolved filter (optionally inside one edition). With
 * `loaders`, the page statement also returns each award's edition, competition and innovation with
 * its institution and region (joined onto the page's rows only) and primes the loaders, so that the
 * usual nested fields of a list cost no further statements.
 */
export function findAwardPage(
  ds: DataSource,
  filter: ResolvedFilter,
  order: AwardOrder,
  page: PageRequest,
  editionId?: number,
  loaders?: Pick<Loaders, "editionById" | "competitionById" | "innovationById" | "institutionById" | "regionByCode">,
): Promise<Page<AwardResult>> {
  const params = new SqlParams();
  const innovationWhere = innovationConditionsSql(filter.innovation, params);
  const where = [...awardConditionsSql(filter.award, params), ...innovationWhere];
  if (editionId !== undefined) where.push(`a.edition_id = ${params.add(editionId)}::int`);
  // The innovation is joined only to filter or sort by it: for every candidate row it is the widest join.
  const joinInnovation = innovationWhere.length > 0 || order.field === AwardOrderField.INNOVATION_NAME;
  const editions = joinedColumns<CompetitionEditionEntity>(ds, CompetitionEditionEntity, "pe", "e");
  const competitions = joinedColumns<CompetitionEntity>(ds, CompetitionEntity, "pc", "c");
  const innovations = joinedColumns<InnovationEntity>(ds, InnovationEntity, "pi", "i", INNOVATION_LAZY_PROPERTIES);
  const relations = innovationRelations(ds, { institutionId: "pi.institution_id", regionCode: "pi.region_code" });
  return keysetPage(ds, {
    from: `FROM award_result a
      JOIN competition_edition e ON e.id = a.edition_id
      JOIN competition c ON c.id = e.competition_id
      ${joinInnovation ? "JOIN innovation i ON i.id = a.innovation_id" : ""}`,
    select: selectColumns(ds, AwardResultEntity, "a"),
    outer: loaders && {
      select: `${editions.sql}, ${competitions.sql}, ${innovations.sql}, ${relations.select}`,
      join: `JOIN competition_edition pe ON pe.id = p."editionId"
        JOIN competition pc ON pc.id = pe.competition_id
        JOIN innovation pi ON pi.id = p."innovationId"
        ${relations.join}`,
    },
    where,
    params,
    sort: sortFor(order),
    page,
    cursorKind: `awards:${order.field}:${order.direction}`,
    map: (row: AwardResultEntity) => {
      if (loaders) {
        const raw = row as unknown as Record<string, unknown>;
        const edition = editions.take(raw);
        const competition = competitions.take(raw);
        const innovation = innovations.take(raw);
        loaders.editionById.prime(edition.id, edition);
        loaders.competitionById.prime(competition.id, competition);
        loaders.innovationById.prime(innovation.id, innovation);
        relations.prime(raw, loaders);
      }
      return AwardResult.from(row);
    },
  });
}
