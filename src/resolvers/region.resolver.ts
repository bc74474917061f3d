import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { RegionEntity } from "../entities";
import { ConnectionArgs, parsePageRequest, toConnection } from "../schema/connection";
import { InnovationConnection, RegionConnection } from "../schema/connections";
import { decodeGlobalId } from "../schema/global-id";
import { InnovationFilter } from "../schema/innovation-filter.input";
import { InnovationOrder } from "../schema/innovation-order.input";
import { RegionFilter } from "../schema/region-filter.input";
import { Region } from "../schema/region.type";
import type { RequestContext } from "./context";
import { badUserInput, notFound } from "./errors";
import { checkedList } from "./filters";
import { innovationConnection } from "./innovation-queries";
import { keysetPage, selectColumns, SqlParams } from "./sql";

@Resolver(() => Region)
export class RegionResolver {
  @Query(() => Region, { description: 'One region, by `code` (e.g. "33.74") or `id` (exactly one). Fails with NOT_FOUND when there is none.' })
  async region(
    @Ctx() ctx: RequestContext,
    @Arg("code", () => String, { nullable: true, description: 'Kemendagri code, e.g. "33" or "33.74".' }) code?: string | null,
    @Arg("id", () => ID, { nullable: true, description: "Global ID of the region." }) id?: string | null,
  ): Promise<Region> {
    if ((id == null) === (code == null)) throw badUserInput('Pass exactly one of "code" or "id".', id == null ? "code" : "id");
    const key = id != null ? decodeGlobalId(id, { expected: "Region", argument: "id" }).key : code!.trim();
    if (!/^\d{2}(\.\d{2})?$/.test(key)) throw badUserInput(`"code" must be a Kemendagri code like "33" or "33.74", got "${code}".`, "code");
    const entity = await ctx.loaders.regionByCode.load(key);
    if (!entity) throw notFound(`No region has the code "${key}".`);
    return Region.from(entity);
  }

  @Query(() => RegionConnection, { description: "Regions, by code: the 38 provinces and 514 regencies and cities." })
  async regions(
    @Ctx() ctx: RequestContext,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
    @Arg("filter", () => RegionFilter, { nullable: true, description: "What to narrow the list to." }) filter?: RegionFilter | null,
  ): Promise<RegionConnection> {
    const page = parsePageRequest(paging);
    const params = new SqlParams();
    const where: string[] = [];
    const kinds = checkedList(filter?.kinds, "filter.kinds");
    if (kinds) where.push(`r.kind = ANY(${params.add(kinds)}::text[])`);
    if (filter?.parentCode != null) {
      if (!/^\d{2}$/.test(filter.parentCode)) throw badUserInput(`"filter.parentCode" must be a province code like "33", got "${filter.parentCode}".`, "filter.parentCode");
      where.push(`r.parent_code = ${params.add(filter.parentCode)}`);
    }
    return toConnection(
      RegionConnection,
      await keysetPage(ctx.dataSource, {
        from: "FROM region r",
        select: selectColumns(ctx.dataSource, RegionEntity, "r"),
        where,
        params,
        sort: [{ expr: "r.code", direction: "ASC" }],
        page,
        cursorKind: "regions",
        map: (row: RegionEntity) => Region.from(row),
      }),
    );
  }

  @FieldResolver(() => Region, { nullable: true, description: "The province of a regency or city; null for a province." })
  async parent(@Root() region: Region, @Ctx() ctx: RequestContext): Promise<Region | null> {
    if (!region.parentCode) return null;
    const entity = await ctx.loaders.regionByCode.load(region.parentCode);
    return entity ? Region.from(entity) : null;
  }

  @FieldResolver(() => [Region], { description: "The regencies and cities of a province, by code; empty for a regency or city." })
  async children(@Root() region: Region, @Ctx() ctx: RequestContext): Promise<Region[]> {
    return (await ctx.loaders.regionChildrenByCode.load(region.code)).map((e) => Region.from(e));
  }

  @FieldResolver(() => InnovationConnection, { description: "Innovations in the region; a province includes its regencies and cities." })
  async innovations(
    @Root() region: Region,
    @Ctx() ctx: RequestContext,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
    @Arg("filter", () => InnovationFilter, { nullable: true, description: "What to narrow the list to." }) filter?: InnovationFilter | null,
    @Arg("orderBy", () => InnovationOrder, { nullable: true, description: "Sort order; by name when omitted." }) orderBy?: InnovationOrder | null,
  ): Promise<InnovationConnection> {
    return innovationConnection(ctx, paging, filter, orderBy, { field: "regionCodes", value: region.code, parent: "region" });
  }

  @FieldResolver(() => Int, { description: "Number of innovations in the region (a province counts its regencies and cities)." })
  async innovationCount(@Root() region: Region, @Ctx() ctx: RequestContext): Promise<number> {
    return (await ctx.loaders.countsByRegionCode.load(region.code)).innovations;
  }

  @FieldResolver(() => Int, { description: "Number of awards won by those innovations." })
  async awardCount(@Root() region: Region, @Ctx() ctx: RequestContext): Promise<number> {
    return (await ctx.loaders.countsByRegionCode.load(region.code)).awards;
  }
}
