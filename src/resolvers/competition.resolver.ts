import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { CompetitionEntity } from "../entities";
import { CompetitionEdition } from "../schema/competition-edition.type";
import { Competition } from "../schema/competition.type";
import { ConnectionArgs, parsePageRequest, toConnection } from "../schema/connection";
import { CompetitionConnection } from "../schema/connections";
import { CompetitionLevel } from "../schema/enums";
import { decodeIntId } from "../schema/global-id";
import { KnowledgeEvent } from "../schema/knowledge-event.type";
import { Region } from "../schema/region.type";
import type { RequestContext } from "./context";
import { badUserInput, notFound } from "./errors";
import { keysetPage, selectColumns, SqlParams } from "./sql";

@Resolver(() => Competition)
export class CompetitionResolver {
  @Query(() => Competition, {
    description: 'One competition series, by `id` or by `slug` (exactly one), e.g. slug "kipp". Fails with NOT_FOUND when there is none.',
  })
  async competition(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID, { nullable: true, description: "Global ID of the competition." }) id?: string | null,
    @Arg("slug", () => String, { nullable: true, description: 'Slug of the competition, e.g. "kipp".' }) slug?: string | null,
  ): Promise<Competition> {
    if ((id == null) === (slug == null)) throw badUserInput('Pass exactly one of "id" or "slug".', id == null ? "id" : "slug");
    const entity =
      id != null
        ? await ctx.loaders.competitionById.load(decodeIntId(id, "Competition", "id"))
        : await ctx.loaders.competitionBySlug.load(slug!.trim().toLowerCase());
    if (!entity) throw notFound(id != null ? `No competition has the id "${id}".` : `No competition has the slug "${slug}".`);
    return Competition.from(entity);
  }

  @Query(() => CompetitionConnection, { description: "Competition series, national first, then by name." })
  async competitions(
    @Ctx() ctx: RequestContext,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
    @Arg("level", () => CompetitionLevel, { nullable: true, description: "Only series held at this level." }) level?: CompetitionLevel | null,
  ): Promise<CompetitionConnection> {
    const page = parsePageRequest(paging);
    const params = new SqlParams();
    const where = level ? [`c.level = ${params.add(level)}`] : [];
    const levelOrder = "CASE c.level WHEN 'international' THEN 2 WHEN 'national' THEN 1 WHEN 'provincial' THEN 3 ELSE 4 END";
    return toConnection(
      CompetitionConnection,
      await keysetPage(ctx.dataSource, {
        from: "FROM competition c",
        select: selectColumns(ctx.dataSource, CompetitionEntity, "c"),
        where,
        params,
        sort: [
          { expr: levelOrder, direction: "ASC" },
          { expr: "lower(c.name)", direction: "ASC" },
          { expr: "c.id", direction: "ASC" },
        ],
        page,
        cursorKind: "competitions",
        map: (row: CompetitionEntity) => Competition.from(row),
      }),
    );
  }

  @FieldResolver(() => Region, { nullable: true, description: "The region the series covers (a province or regency); null for national and international series." })
  async scopeRegion(@Root() competition: Competition, @Ctx() ctx: RequestContext): Promise<Region | null> {
    if (!competition.scopeRegionCode) return null;
    const entity = await ctx.loaders.regionByCode.load(competition.scopeRegionCode);
    return entity ? Region.from(entity) : null;
  }

  @FieldResolver(() => [CompetitionEdition], { description: "Its editions, oldest first." })
  async editions(@Root() competition: Competition, @Ctx() ctx: RequestContext): Promise<CompetitionEdition[]> {
    return (await ctx.loaders.editionsByCompetitionId.load(competition.rowId)).map((e) => CompetitionEdition.from(e));
  }

  @FieldResolver(() => CompetitionEdition, { nullable: true, description: "Its edition of one year; null when it held none that year (or none is recorded)." })
  async edition(
    @Root() competition: Competition,
    @Ctx() ctx: RequestContext,
    @Arg("year", () => Int, { description: "The year." }) year: number,
  ): Promise<CompetitionEdition | null> {
    const found = (await ctx.loaders.editionsByCompetitionId.load(competition.rowId)).find((e) => e.year === year);
    return found ? CompetitionEdition.from(found) : null;
  }

  @FieldResolver(() => [KnowledgeEvent], { description: "Coaching clinics and workshops held around the series, oldest first." })
  async knowledgeEvents(@Root() competition: Competition, @Ctx() ctx: RequestContext): Promise<KnowledgeEvent[]> {
    return (await ctx.loaders.knowledgeEventsByCompetitionId.load(competition.rowId)).map((k) => KnowledgeEvent.from(k));
  }
}
