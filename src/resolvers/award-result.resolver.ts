import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import type { CompetitionEntity } from "../entities";
import { AwardFilter } from "../schema/award-filter.input";
import { AwardOrder, AwardOrderField } from "../schema/award-order.input";
import { AwardResult } from "../schema/award-result.type";
import { CompetitionEdition } from "../schema/competition-edition.type";
import { Competition } from "../schema/competition.type";
import { ConnectionArgs, parsePageRequest, toConnection } from "../schema/connection";
import { AwardResultConnection } from "../schema/connections";
import { AwardTier, CompetitionLevel, OrderDirection } from "../schema/enums";
import { Innovation } from "../schema/innovation.type";
import { Source } from "../schema/source.type";
import { findAwardPage } from "./award-queries";
import type { RequestContext } from "./context";
import { resolveAwardFilter } from "./filters";
import { subjectKey } from "./loaders";

/** The competition of an award's edition, through the loaders. */
async function competitionOf(award: AwardResult, ctx: RequestContext): Promise<CompetitionEntity> {
  const edition = await ctx.loaders.editionById.load(award.editionId);
  const entity = edition && (await ctx.loaders.competitionById.load(edition.competitionId));
  if (!entity) throw new Error(`Award ${award.rowId} has no competition`);
  return entity;
}

/** Tiers that count as winning when a `winners` query names none. */
export const WINNING_TIERS = [AwardTier.OUTSTANDING, AwardTier.WINNER, AwardTier.TOP];

@Resolver(() => AwardResult)
export class AwardResultResolver {
  @Query(() => AwardResultConnection, {
    description:
      "Award results across every competition and year: who won what. Without `filter.tiers` it lists winning results only " +
      "(OUTSTANDING, WINNER, TOP). Newest first unless `orderBy` says otherwise.",
  })
  async winners(
    @Ctx() ctx: RequestContext,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
    @Arg("filter", () => AwardFilter, { nullable: true, description: "What to narrow the results to." }) filter?: AwardFilter | null,
    @Arg("orderBy", () => AwardOrder, { nullable: true, description: "Sort order; newest year first when omitted." }) orderBy?: AwardOrder | null,
  ): Promise<AwardResultConnection> {
    return this.page(ctx, paging, filter, orderBy, WINNING_TIERS);
  }

  @Query(() => AwardResultConnection, {
    description: "Every award result across competitions and years, of every tier unless `filter.tiers` narrows them. Newest first unless `orderBy` says otherwise.",
  })
  async awards(
    @Ctx() ctx: RequestContext,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
    @Arg("filter", () => AwardFilter, { nullable: true, description: "What to narrow the results to." }) filter?: AwardFilter | null,
    @Arg("orderBy", () => AwardOrder, { nullable: true, description: "Sort order; newest year first when omitted." }) orderBy?: AwardOrder | null,
  ): Promise<AwardResultConnection> {
    return this.page(ctx, paging, filter, orderBy, undefined);
  }

  private async page(
    ctx: RequestContext,
    paging: ConnectionArgs,
    filter: AwardFilter | null | undefined,
    orderBy: AwardOrder | null | undefined,
    defaultTiers: AwardTier[] | undefined,
  ): Promise<AwardResultConnection> {
    const page = parsePageRequest(paging);
    const resolved = await resolveAwardFilter(filter, ctx, defaultTiers);
    const order = orderBy ?? Object.assign(new AwardOrder(), { field: AwardOrderField.YEAR, direction: OrderDirection.DESC });
    return toConnection(AwardResultConnection, await findAwardPage(ctx.dataSource, resolved, order, page, undefined, ctx.loaders));
  }

  @FieldResolver(() => Innovation, { description: "The innovation that got the result." })
  async innovation(@Root() award: AwardResult, @Ctx() ctx: RequestContext): Promise<Innovation> {
    const entity = await ctx.loaders.innovationById.load(award.innovationId);
    if (!entity) throw new Error(`Award ${award.rowId} has no innovation ${award.innovationId}`);
    return Innovation.from(entity);
  }

  @FieldResolver(() => CompetitionEdition, { description: "The competition edition (one year of a series)." })
  async edition(@Root() award: AwardResult, @Ctx() ctx: RequestContext): Promise<CompetitionEdition> {
    const entity = await ctx.loaders.editionById.load(award.editionId);
    if (!entity) throw new Error(`Award ${award.rowId} has no edition ${award.editionId}`);
    return CompetitionEdition.from(entity);
  }

  @FieldResolver(() => Competition, { description: "The competition series (shortcut for edition.competition)." })
  async competition(@Root() award: AwardResult, @Ctx() ctx: RequestContext): Promise<Competition> {
    return Competition.from(await competitionOf(award, ctx));
  }

  @FieldResolver(() => Int, { description: "Year of the edition (shortcut for edition.year)." })
  async year(@Root() award: AwardResult, @Ctx() ctx: RequestContext): Promise<number> {
    const edition = await ctx.loaders.editionById.load(award.editionId);
    if (!edition) throw new Error(`Award ${award.rowId} has no edition ${award.editionId}`);
    return edition.year;
  }

  @FieldResolver(() => CompetitionLevel, { description: "Level of the competition (shortcut for competition.level)." })
  async level(@Root() award: AwardResult, @Ctx() ctx: RequestContext): Promise<CompetitionLevel> {
    return (await competitionOf(award, ctx)).level as CompetitionLevel;
  }

  @FieldResolver(() => [Source], { description: "The public pages that state this result." })
  async sources(@Root() award: AwardResult, @Ctx() ctx: RequestContext): Promise<Source[]> {
    return (await ctx.loaders.sourcesBySubject.load(subjectKey("award_result", award.rowId))).map((s) => Source.from(s));
  }
}
