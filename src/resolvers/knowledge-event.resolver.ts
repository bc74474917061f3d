import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { KnowledgeEventEntity } from "../entities";
import { CompetitionEdition } from "../schema/competition-edition.type";
import { Competition } from "../schema/competition.type";
import { ConnectionArgs, parsePageRequest, toConnection } from "../schema/connection";
import { KnowledgeEventConnection } from "../schema/connections";
import { KnowledgeEventFilter } from "../schema/knowledge-event-filter.input";
import { KnowledgeEvent } from "../schema/knowledge-event.type";
import { Region } from "../schema/region.type";
import { Source } from "../schema/source.type";
import type { RequestContext } from "./context";
import { checkedList, innovationConditionsSql, resolveInnovationFilter } from "./filters";
import { subjectKey } from "./loaders";
import { keysetPage, selectColumns, SqlParams } from "./sql";

@Resolver(() => KnowledgeEvent)
export class KnowledgeEventResolver {
  @Query(() => KnowledgeEventConnection, { description: "Coaching clinics, workshops and similar events, newest first." })
  async knowledgeEvents(
    @Ctx() ctx: RequestContext,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
    @Arg("filter", () => KnowledgeEventFilter, { nullable: true, description: "What to narrow the list to." }) filter?: KnowledgeEventFilter | null,
  ): Promise<KnowledgeEventConnection> {
    const page = parsePageRequest(paging);
    const resolved = await resolveInnovationFilter(
      { regionCodes: filter?.regionCodes, competitionIds: filter?.competitionIds, yearFrom: filter?.yearFrom, yearTo: filter?.yearTo },
      ctx,
    );
    const params = new SqlParams();
    const where = innovationConditionsSql({ regionCodes: resolved.innovation.regionCodes, provinceCodes: resolved.innovation.provinceCodes }, params, "k");
    const award = resolved.award;
    if (award.competitionIds) where.push(`k.competition_id = ANY(${params.add(award.competitionIds)}::int[])`);
    if (award.yearFrom !== undefined) where.push(`k.year >= ${params.add(award.yearFrom)}::int`);
    if (award.yearTo !== undefined) where.push(`k.year <= ${params.add(award.yearTo)}::int`);
    const kinds = checkedList(filter?.kinds, "filter.kinds");
    if (kinds) where.push(`k.kind = ANY(${params.add(kinds)}::text[])`);
    return toConnection(
      KnowledgeEventConnection,
      await keysetPage(ctx.dataSource, {
        from: "FROM knowledge_event k",
        select: selectColumns(ctx.dataSource, KnowledgeEventEntity, "k"),
        where,
        params,
        sort: [
          { expr: "k.year", direction: "DESC" },
          { expr: "COALESCE(k.starts_on, make_date(k.year, 1, 1))", direction: "DESC" },
          { expr: "k.id", direction: "ASC" },
        ],
        page,
        cursorKind: "knowledgeEvents",
        map: (row: KnowledgeEventEntity) => KnowledgeEvent.from(row),
      }),
    );
  }

  @FieldResolver(() => Region, { nullable: true, description: "Where it was held." })
  async region(@Root() event: KnowledgeEvent, @Ctx() ctx: RequestContext): Promise<Region | null> {
    if (!event.regionCode) return null;
    const entity = await ctx.loaders.regionByCode.load(event.regionCode);
    return entity ? Region.from(entity) : null;
  }

  @FieldResolver(() => Competition, { nullable: true, description: "The competition it was held around." })
  async competition(@Root() event: KnowledgeEvent, @Ctx() ctx: RequestContext): Promise<Competition | null> {
    if (event.competitionId == null) return null;
    const entity = await ctx.loaders.competitionById.load(event.competitionId);
    return entity ? Competition.from(entity) : null;
  }

  @FieldResolver(() => CompetitionEdition, { nullable: true, description: "The competition edition it prepared for or followed." })
  async edition(@Root() event: KnowledgeEvent, @Ctx() ctx: RequestContext): Promise<CompetitionEdition | null> {
    if (event.editionId == null) return null;
    const entity = await ctx.loaders.editionById.load(event.editionId);
    return entity ? CompetitionEdition.from(entity) : null;
  }

  @FieldResolver(() => [Source], { description: "The public pages that report the event." })
  async sources(@Root() event: KnowledgeEvent, @Ctx() ctx: RequestContext): Promise<Source[]> {
    return (await ctx.loaders.sourcesBySubject.load(subjectKey("knowledge_event", event.rowId))).map((s) => Source.from(s));
  }
}
