import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { InstitutionEntity } from "../entities";
import { ConnectionArgs, parsePageRequest, toConnection } from "../schema/connection";
import { InnovationConnection, InstitutionConnection } from "../schema/connections";
import { decodeIntId } from "../schema/global-id";
import { InnovationFilter } from "../schema/innovation-filter.input";
import { InnovationOrder } from "../schema/innovation-order.input";
import { InstitutionFilter } from "../schema/institution-filter.input";
import { Institution } from "../schema/institution.type";
import { Region } from "../schema/region.type";
import type { RequestContext } from "./context";
import { badUserInput, notFound } from "./errors";
import { checkedList, innovationConditionsSql, resolveInnovationFilter } from "./filters";
import { innovationConnection } from "./innovation-queries";
import { keysetPage, selectColumns, SqlParams } from "./sql";

@Resolver(() => Institution)
export class InstitutionResolver {
  @Query(() => Institution, { description: "One institution, by `id` or by `slug` (exactly one). Fails with NOT_FOUND when there is none." })
  async institution(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID, { nullable: true, description: "Global ID of the institution." }) id?: string | null,
    @Arg("slug", () => String, { nullable: true, description: 'Slug, e.g. "pemerintah-kota-semarang".' }) slug?: string | null,
  ): Promise<Institution> {
    if ((id == null) === (slug == null)) throw badUserInput('Pass exactly one of "id" or "slug".', id == null ? "id" : "slug");
    if (id != null) {
      const entity = await ctx.loaders.institutionById.load(decodeIntId(id, "Institution", "id"));
      if (!entity) throw notFound(`No institution has the id "${id}".`);
      return Institution.from(entity);
    }
    const rows: InstitutionEntity[] = await ctx.dataSource.query(
      `SELECT ${selectColumns(ctx.dataSource, InstitutionEntity, "t")} FROM institution t WHERE t.slug = $1`,
      [slug!.trim().toLowerCase()],
    );
    if (rows.length === 0) throw notFound(`No institution has the slug "${slug}".`);
    return Institution.from(rows[0]);
  }

  @Query(() => InstitutionConnection, { description: "Institutions, by name." })
  async institutions(
    @Ctx() ctx: RequestContext,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
    @Arg("filter", () => InstitutionFilter, { nullable: true, description: "What to narrow the list to." }) filter?: InstitutionFilter | null,
  ): Promise<InstitutionConnection> {
    const page = parsePageRequest(paging);
    const resolved = await resolveInnovationFilter({ regionCodes: filter?.regionCodes }, ctx);
    const params = new SqlParams();
    const where = innovationConditionsSql(resolved.innovation, params, "t");
    const kinds = checkedList(filter?.kinds, "filter.kinds");
    if (kinds) where.push(`t.kind = ANY(${params.add(kinds)}::text[])`);
    return toConnection(
      InstitutionConnection,
      await keysetPage(ctx.dataSource, {
        from: "FROM institution t",
        select: selectColumns(ctx.dataSource, InstitutionEntity, "t"),
        where,
        params,
        sort: [{ expr: "lower(t.name)", direction: "ASC" }, { expr: "t.id", direction: "ASC" }],
        page,
        cursorKind: "institutions",
        map: (row: InstitutionEntity) => Institution.from(row),
      }),
    );
  }

  @FieldResolver(() => Region, { nullable: true, description: "Where it is; null for national bodies." })
  async region(@Root() institution: Institution, @Ctx() ctx: RequestContext): Promise<Region | null> {
    if (!institution.regionCode) return null;
    const entity = await ctx.loaders.regionByCode.load(institution.regionCode);
    return entity ? Region.from(entity) : null;
  }

  @FieldResolver(() => Institution, { nullable: true, description: "The institution it belongs to, e.g. the pemda of a dinas." })
  async parent(@Root() institution: Institution, @Ctx() ctx: RequestContext): Promise<Institution | null> {
    if (institution.parentId == null) return null;
    const entity = await ctx.loaders.institutionById.load(institution.parentId);
    return entity ? Institution.from(entity) : null;
  }

  @FieldResolver(() => [Institution], { description: "Its units (e.g. the dinas and RSUD of a pemda), by name." })
  async units(@Root() institution: Institution, @Ctx() ctx: RequestContext): Promise<Institution[]> {
    return (await ctx.loaders.institutionChildrenById.load(institution.rowId)).map((e) => Institution.from(e));
  }

  @FieldResolver(() => InnovationConnection, { description: "Innovations it or its units run." })
  async innovations(
    @Root() institution: Institution,
    @Ctx() ctx: RequestContext,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
    @Arg("filter", () => InnovationFilter, { nullable: true, description: "What to narrow the list to." }) filter?: InnovationFilter | null,
    @Arg("orderBy", () => InnovationOrder, { nullable: true, description: "Sort order; by name when omitted." }) orderBy?: InnovationOrder | null,
  ): Promise<InnovationConnection> {
    return innovationConnection(ctx, paging, filter, orderBy, { field: "institutionIds", value: institution.id, parent: "institution" });
  }

  @FieldResolver(() => Int, { description: "Number of innovations it or its units run." })
  async innovationCount(@Root() institution: Institution, @Ctx() ctx: RequestContext): Promise<number> {
    return (await ctx.loaders.countsByInstitutionId.load(institution.rowId)).innovations;
  }

  @FieldResolver(() => Int, { description: "Number of awards won by those innovations." })
  async awardCount(@Root() institution: Institution, @Ctx() ctx: RequestContext): Promise<number> {
    return (await ctx.loaders.countsByInstitutionId.load(institution.rowId)).awards;
  }
}
