import { Kind, type GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import { AwardResult } from "../schema/award-result.type";
import { ConnectionArgs } from "../schema/connection";
import { InnovationConnection } from "../schema/connections";
import { decodeIntId } from "../schema/global-id";
import { InnovationFilter } from "../schema/innovation-filter.input";
import { InnovationOrder } from "../schema/innovation-order.input";
import { Innovation, InnovationNarrative } from "../schema/innovation.type";
import { Institution } from "../schema/institution.type";
import { Region } from "../schema/region.type";
import { Replication } from "../schema/replication.type";
import { Source } from "../schema/source.type";
import type { RequestContext } from "./context";
import { badUserInput, notFound } from "./errors";
import { innovationConnection } from "./innovation-queries";
import { subjectKey } from "./loaders";

/** The fields a query selects directly on the field being resolved (fields under fragments are not looked into). */
function selectedFields(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  for (const node of info.fieldNodes) {
    for (const selection of node.selectionSet?.selections ?? []) if (selection.kind === Kind.FIELD) names.add(selection.name.value);
  }
  return names;
}

/**
 * How to look up one innovation to show: when the query selects its awards, the lookup brings them
 * (with their editions and competitions) in the same statement. Looked up by id, the key is known
 * before the row, so the load of its sources, when selected, starts beside the lookup instead of after
 * it. A load for an innovation that does not exist answers an empty list, never used; a failed load
 * fails again, with its error, in the field resolver that awaits it.
 */
function lookupFor(ctx: RequestContext, info: GraphQLResolveInfo, rowId: number | null) {
  const selected = selectedFields(info);
  if (rowId !== null && selected.has("sources")) ctx.loaders.sourcesBySubject.load(subjectKey("innovation", rowId)).catch(() => undefined);
  const withAwards = selected.has("awards") || selected.has("bestAward");
  return {
    byId: withAwards ? ctx.loaders.innovationWithAwardsById : ctx.loaders.innovationWithRelationsById,
    bySlug: withAwards ? ctx.loaders.innovationWithAwardsBySlug : ctx.loaders.innovationWithRelationsBySlug,
  };
}

@Resolver(() => Innovation)
export class InnovationResolver {
  @Query(() => Innovation, {
    description: "One innovation, by `id` or by `slug` (exactly one of them). Fails with NOT_FOUND when there is none.",
  })
  async innovation(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg("id", () => ID, { nullable: true, description: "Global ID of the innovation." }) id?: string | null,
    @Arg("slug", () => String, { nullable: true, description: 'Slug of the innovation, e.g. "lapor-hendi".' }) slug?: string | null,
  ): Promise<Innovation> {
    if ((id == null) === (slug == null)) throw badUserInput('Pass exactly one of "id" or "slug".', id == null ? "id" : "slug");
    if (id != null) {
      const rowId = decodeIntId(id, "Innovation", "id");
      const entity = await lookupFor(ctx, info, rowId).byId.load(rowId);
      if (!entity) throw notFound(`No innovation has the id "${id}".`);
      return Innovation.from(entity);
    }
    const wanted = slug!.trim().toLowerCase();
    if (wanted.length === 0 || wanted.length > 200) throw badUserInput('"slug" must be 1 to 200 characters.', "slug");
    const entity = await lookupFor(ctx, info, null).bySlug.load(wanted);
    if (!entity) throw notFound(`No innovation has the slug "${slug}".`);
    return Innovation.from(entity);
  }

  @Query(() => InnovationConnection, { description: "Innovations matching a filter, a page at a time." })
  async innovations(
    @Ctx() ctx: RequestContext,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
    @Arg("filter", () => InnovationFilter, { nullable: true, description: "What to narrow the list to." }) filter?: InnovationFilter | null,
    @Arg("orderBy", () => InnovationOrder, { nullable: true, description: "Sort order; by name when omitted." }) orderBy?: InnovationOrder | null,
  ): Promise<InnovationConnection> {
    return innovationConnection(ctx, paging, filter, orderBy);
  }

  @FieldResolver(() => InnovationNarrative, {
    description: "Narrative sections: problem, objectives, novelty, implementation, results, replication requirements, resources and cost, sustainability.",
  })
  async narrative(@Root() innovation: Innovation, @Ctx() ctx: RequestContext): Promise<InnovationNarrative> {
    // Reads for the API leave the narrative out of the row (it is most of its bytes): undefined, not
    // null, says so. A row read whole (after a write) carries it already.
    if (innovation.narrative.problem !== undefined) return innovation.narrative;
    const row = await ctx.loaders.narrativeByInnovationId.load(innovation.rowId);
    return Object.assign(new InnovationNarrative(), {
      problem: row?.problem ?? null,
      objectives: row?.objectives ?? null,
      novelty: row?.novelty ?? null,
      implementation: row?.implementation ?? null,
      results: row?.results ?? null,
      replicationRequirements: row?.replicationRequirements ?? null,
      resourcesAndCost: row?.resourcesAndCost ?? null,
      sustainability: row?.sustainability ?? null,
    });
  }

  @FieldResolver(() => Institution, { description: "The institution that runs the innovation." })
  async institution(@Root() innovation: Innovation, @Ctx() ctx: RequestContext): Promise<Institution> {
    const entity = await ctx.loaders.institutionById.load(innovation.institutionId);
    if (!entity) throw new Error(`Innovation ${innovation.rowId} has no institution ${innovation.institutionId}`);
    return Institution.from(entity);
  }

  @FieldResolver(() => Region, { nullable: true, description: "The region (regency, city or province) where it runs; null for national bodies." })
  async region(@Root() innovation: Innovation, @Ctx() ctx: RequestContext): Promise<Region | null> {
    if (!innovation.regionCode) return null;
    const entity = await ctx.loaders.regionByCode.load(innovation.regionCode);
    return entity ? Region.from(entity) : null;
  }

  @FieldResolver(() => Region, { nullable: true, description: "The province where it runs; null for national bodies." })
  async province(@Root() innovation: Innovation, @Ctx() ctx: RequestContext): Promise<Region | null> {
    if (!innovation.regionCode) return null;
    const entity = await ctx.loaders.regionByCode.load(innovation.regionCode.slice(0, 2));
    return entity ? Region.from(entity) : null;
  }

  @FieldResolver(() => [AwardResult], {
    description: "Every award, in trajectory order: regency and city, then province, nation and international level; then by year.",
  })
  async awards(@Root() innovation: Innovation, @Ctx() ctx: RequestContext): Promise<AwardResult[]> {
    return (await ctx.loaders.awardsByInnovationId.load(innovation.rowId)).map((a) => AwardResult.from(a));
  }

  @FieldResolver(() => AwardResult, { nullable: true, description: "Its best award (lowest tier rank, then latest year); null when it has none." })
  async bestAward(@Root() innovation: Innovation, @Ctx() ctx: RequestContext): Promise<AwardResult | null> {
    const awards = await ctx.loaders.awardsByInnovationId.load(innovation.rowId);
    if (awards.length === 0) return null;
    const editions = await ctx.loaders.editionById.loadMany(awards.map((a) => a.editionId));
    const yearOf = (i: number) => {
      const e = editions[i];
      return e && !(e instanceof Error) ? e.year : 0;
    };
    let best = 0;
    for (let i = 1; i < awards.length; i++) {
      const a = awards[i];
      const b = awards[best];
      if (a.tierRank < b.tierRank || (a.tierRank === b.tierRank && yearOf(i) > yearOf(best))) best = i;
    }
    return AwardResult.from(awards[best]);
  }

  @FieldResolver(() => [Source], { description: "The public pages its facts come from." })
  async sources(@Root() innovation: Innovation, @Ctx() ctx: RequestContext): Promise<Source[]> {
    return (await ctx.loaders.sourcesBySubject.load(subjectKey("innovation", innovation.rowId))).map((s) => Source.from(s));
  }

  @FieldResolver(() => [Replication], { description: "Institutions that have copied it (or started to), oldest record first." })
  async replications(@Root() innovation: Innovation, @Ctx() ctx: RequestContext): Promise<Replication[]> {
    return (await ctx.loaders.replicationsByOriginId.load(innovation.rowId)).map((r) => Replication.from(r));
  }

  @FieldResolver(() => Replication, { nullable: true, description: "When this innovation is itself a replication: where it was copied from." })
  async replicatedFrom(@Root() innovation: Innovation, @Ctx() ctx: RequestContext): Promise<Replication | null> {
    const [first] = await ctx.loaders.replicationsByDerivedId.load(innovation.rowId);
    return first ? Replication.from(first) : null;
  }

  @FieldResolver(() => [Innovation], {
    description: "Other innovations in the same sector, best awarded first, preferring other regions: candidates to compare or replicate.",
  })
  async similar(
    @Root() innovation: Innovation,
    @Ctx() ctx: RequestContext,
    @Arg("first", () => Int, { defaultValue: 5, description: "How many (1–20)." }) first: number,
  ): Promise<Innovation[]> {
    if (!Number.isInteger(first) || first < 1 || first > 20) throw badUserInput(`"first" must be between 1 and 20, got ${first}.`, "first");
    const rows = await ctx.loaders.similarInnovations.load(`${innovation.rowId}:${first}`);
    return rows.map((r) => Innovation.from(r));
  }
}
