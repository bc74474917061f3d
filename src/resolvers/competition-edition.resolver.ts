import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { AwardFilter } from "../schema/award-filter.input";
import { AwardOrder, AwardOrderField } from "../schema/award-order.input";
import { CompetitionEdition } from "../schema/competition-edition.type";
import { Competition } from "../schema/competition.type";
import { ConnectionArgs, parsePageRequest, toConnection } from "../schema/connection";
import { AwardResultConnection } from "../schema/connections";
import { EditionResultCount } from "../schema/edition-result-count.type";
import { AwardTier, OrderDirection } from "../schema/enums";
import { KnowledgeEvent } from "../schema/knowledge-event.type";
import { Source } from "../schema/source.type";
import { findAwardPage } from "./award-queries";
import type { RequestContext } from "./context";
import { resolveAwardFilter } from "./filters";
import { subjectKey } from "./loaders";

@Resolver(() => CompetitionEdition)
export class CompetitionEditionResolver {
  @FieldResolver(() => Competition, { description: "The series this edition belongs to." })
  async competition(@Root() edition: CompetitionEdition, @Ctx() ctx: RequestContext): Promise<Competition> {
    const entity = await ctx.loaders.competitionById.load(edition.competitionId);
    if (!entity) throw new Error(`Edition ${edition.rowId} has no competition ${edition.competitionId}`);
    return Competition.from(entity);
  }

  @FieldResolver(() => AwardResultConnection, {
    description: "The edition's results, best tier first unless `orderBy` says otherwise. All tiers unless `filter.tiers` narrows them.",
  })
  async results(
    @Root() edition: CompetitionEdition,
    @Ctx() ctx: RequestContext,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
    @Arg("filter", () => AwardFilter, { nullable: true, description: "What to narrow the results to." }) filter?: AwardFilter | null,
    @Arg("orderBy", () => AwardOrder, { nullable: true, description: "Sort order; best tier first when omitted." }) orderBy?: AwardOrder | null,
  ): Promise<AwardResultConnection> {
    const page = parsePageRequest(paging);
    const resolved = await resolveAwardFilter(filter, ctx, undefined);
    const order = orderBy ?? Object.assign(new AwardOrder(), { field: AwardOrderField.TIER, direction: OrderDirection.ASC });
    return toConnection(AwardResultConnection, await findAwardPage(ctx.dataSource, resolved, order, page, edition.rowId, ctx.loaders));
  }

  @FieldResolver(() => [EditionResultCount], { description: "How many results the catalogue holds per label, best tier first." })
  async resultCounts(@Root() edition: CompetitionEdition, @Ctx() ctx: RequestContext): Promise<EditionResultCount[]> {
    return (await ctx.loaders.resultCountsByEditionId.load(edition.rowId)).map((r) =>
      Object.assign(new EditionResultCount(), { tier: r.tier as AwardTier, label: r.label, count: r.count }),
    );
  }

  @FieldResolver(() => [Source], { description: "The public pages that describe this edition." })
  async sources(@Root() edition: CompetitionEdition, @Ctx() ctx: RequestContext): Promise<Source[]> {
    return (await ctx.loaders.sourcesBySubject.load(subjectKey("competition_edition", edition.rowId))).map((s) => Source.from(s));
  }

  @FieldResolver(() => [KnowledgeEvent], { description: "Coaching clinics and workshops held around this edition." })
  async knowledgeEvents(@Root() edition: CompetitionEdition, @Ctx() ctx: RequestContext): Promise<KnowledgeEvent[]> {
    return (await ctx.loaders.knowledgeEventsByEditionId.load(edition.rowId)).map((k) => KnowledgeEvent.from(k));
  }
}
