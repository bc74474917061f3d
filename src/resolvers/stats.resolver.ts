import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { AwardTier, CompetitionLevel, Sector } from "../schema/enums";
import { InnovationFilter } from "../schema/innovation-filter.input";
import { Region } from "../schema/region.type";
import { Stats, StatsDimension, StatsGroup, StatsOrder } from "../schema/stats.type";
import type { RequestContext } from "./context";
import { badUserInput } from "./errors";
import { awardConditionsSql, hasAwardConditions, innovationConditionsSql, resolveInnovationFilter } from "./filters";
import { SqlParams } from "./sql";

const DIMENSION_SQL: Record<StatsDimension, string> = {
  [StatsDimension.PROVINCE]: "left(i.region_code, 2)",
  [StatsDimension.YEAR]: "e.year",
  [StatsDimension.SECTOR]: "i.sector",
  [StatsDimension.LEVEL]: "c.level",
  [StatsDimension.TIER]: "a.tier",
};

interface StatsRow {
  is_total: boolean;
  d_province?: string | null;
  d_year?: number | null;
  d_sector?: string | null;
  d_level?: string | null;
  d_tier?: string | null;
  innovations: number;
  awards: number;
}

/** The province of each group, looked up once per query by `stats` (see there). */
const PROVINCES = new WeakMap<StatsGroup, Region | null>();

@Resolver(() => StatsGroup)
export class StatsResolver {
  @Query(() => Stats, {
    description:
      "Counts of innovations and awards, grouped by one or two dimensions, with the same filter as `innovations`. " +
      "The filter's award fields (competitions, levels, years, tiers) decide which awards count, and innovations without such an award drop out. " +
      "Answered in one SQL statement.",
  })
  async stats(
    @Ctx() ctx: RequestContext,
    @Arg("groupBy", () => [StatsDimension], { description: "One or two dimensions to group by." }) groupBy: StatsDimension[],
    @Arg("filter", () => InnovationFilter, { nullable: true, description: "What to count." }) filter?: InnovationFilter | null,
    @Arg("orderBy", () => StatsOrder, { defaultValue: StatsOrder.KEYS, description: "Order of the groups." }) orderBy: StatsOrder = StatsOrder.KEYS,
  ): Promise<Stats> {
    const dims = [...new Set(groupBy)];
    if (dims.length !== groupBy.length) throw badUserInput('"groupBy" names a dimension twice.', "groupBy");
    if (dims.length < 1 || dims.length > 2) throw badUserInput(`"groupBy" takes one or two dimensions, got ${dims.length}.`, "groupBy");
    const resolved = await resolveInnovationFilter(filter, ctx);
    const params = new SqlParams();
    const joinConditions = ["a.innovation_id = i.id", ...awardConditionsSql(resolved.award, params)];
    // With award conditions, innovations without a matching award drop out: an inner join says so
    // directly, where a left join would need an EXISTS over the same awards (twice the work).
    const awardFiltered = hasAwardConditions(resolved.award);
    const where = innovationConditionsSql(resolved.innovation, params);
    const dimColumns = dims.map((d) => `${DIMENSION_SQL[d]} AS d_${d.toLowerCase()}`).join(", ");
    const dimExprs = dims.map((d) => DIMENSION_SQL[d]).join(", ");
    const keys = dims.map((d) => `${DIMENSION_SQL[d]} NULLS LAST`);
    // With two dimensions, groups stay together by the first one and are ranked by count within it
    // ("which province had the most winners, year by year").
    const leading = dims.length === 2 ? `${keys[0]}, ` : "";
    const order =
      orderBy === StatsOrder.INNOVATION_COUNT_DESC
        ? `${leading}count(DISTINCT i.id) DESC, ${keys.join(", ")}`
        : orderBy === StatsOrder.AWARD_COUNT_DESC
          ? `${leading}count(a.id) DESC, ${keys.join(", ")}`
          : keys.join(", ");
    const rows: StatsRow[] = await ctx.dataSource.query(
      `SELECT GROUPING(${dimExprs}) <> 0 AS is_total, ${dimColumns},
              count(DISTINCT i.id)::int AS innovations, count(a.id)::int AS awards
         FROM innovation i
         ${awardFiltered ? "JOIN" : "LEFT JOIN"} (award_result a
                    JOIN competition_edition e ON e.id = a.edition_id
                    JOIN competition c ON c.id = e.competition_id)
           ON ${joinConditions.join(" AND ")}
        ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
        GROUP BY GROUPING SETS ((${dimExprs}), ())
        ORDER BY GROUPING(${dimExprs}), ${order}`,
      params.values,
    );
    const total = rows.find((r) => r.is_total);
    // Every group's province in one load, before the groups are returned, so that `province` resolves
    // without a promise per group (hundreds of groups for YEAR × PROVINCE).
    const codes = [...new Set(rows.map((r) => r.d_province).filter((c): c is string => !!c))];
    const regions = await ctx.loaders.regionByCode.loadMany(codes);
    const regionOf = new Map(codes.map((code, i) => [code, regions[i]]));
    const stats = Object.assign(new Stats(), {
      innovationCount: total?.innovations ?? 0,
      awardCount: total?.awards ?? 0,
      groups: rows
        .filter((r) => !r.is_total)
        .map((r) =>
          Object.assign(new StatsGroup(), {
            provinceCode: r.d_province ?? null,
            year: r.d_year ?? null,
            sector: (r.d_sector ?? null) as Sector | null,
            level: (r.d_level ?? null) as CompetitionLevel | null,
            tier: (r.d_tier ?? null) as AwardTier | null,
            innovationCount: r.innovations,
            awardCount: r.awards,
          }),
        ),
    });
    for (const group of stats.groups) {
      const entity = group.provinceCode ? regionOf.get(group.provinceCode) : null;
      PROVINCES.set(group, entity && !(entity instanceof Error) ? Region.from(entity) : null);
    }
    return stats;
  }

  @FieldResolver(() => Region, { nullable: true, description: "The province, when grouped by PROVINCE (null: no region, e.g. a ministry)." })
  province(@Root() group: StatsGroup): Region | null {
    return PROVINCES.get(group) ?? null;
  }
}
