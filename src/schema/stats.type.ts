import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { AwardTier, CompetitionLevel, Sector } from "./enums";

export enum StatsDimension {
  PROVINCE = "PROVINCE",
  YEAR = "YEAR",
  SECTOR = "SECTOR",
  LEVEL = "LEVEL",
  TIER = "TIER",
}
registerEnumType(StatsDimension, {
  name: "StatsDimension",
  description: "A dimension to group statistics by.",
  valuesConfig: {
    PROVINCE: { description: "Province of the innovation (national bodies without a region group under null)." },
    YEAR: { description: "Year of the award's edition." },
    SECTOR: { description: "Sector of the innovation." },
    LEVEL: { description: "Level of the award's competition." },
    TIER: { description: "Tier of the award." },
  },
});

export enum StatsOrder {
  KEYS = "KEYS",
  INNOVATION_COUNT_DESC = "INNOVATION_COUNT_DESC",
  AWARD_COUNT_DESC = "AWARD_COUNT_DESC",
}
registerEnumType(StatsOrder, {
  name: "StatsOrder",
  description: "Order of statistics groups. With two dimensions, count orders keep groups together by the first dimension and rank them by count within it.",
  valuesConfig: {
    KEYS: { description: "By the group keys, in the order of `groupBy`." },
    INNOVATION_COUNT_DESC: { description: "Most innovations first." },
    AWARD_COUNT_DESC: { description: "Most awards first." },
  },
});

@ObjectType("StatsGroup", {
  description: "Counts for one combination of the grouped dimensions. Dimensions not grouped by are null.",
})
export class StatsGroup {
  provinceCode: string | null;

  @Field(() => Int, { nullable: true, description: "The edition year, when grouped by YEAR (null: innovations without a matching award)." })
  year: number | null;

  @Field(() => Sector, { nullable: true, description: "The sector, when grouped by SECTOR." })
  sector: Sector | null;

  @Field(() => CompetitionLevel, { nullable: true, description: "The competition level, when grouped by LEVEL." })
  level: CompetitionLevel | null;

  @Field(() => AwardTier, { nullable: true, description: "The award tier, when grouped by TIER." })
  tier: AwardTier | null;

  @Field(() => Int, { description: "Distinct innovations in this group." })
  innovationCount: number;

  @Field(() => Int, { description: "Awards in this group (only awards matching the award fields of the filter)." })
  awardCount: number;
}

@ObjectType("Stats", { description: "Counts of innovations and awards, overall and grouped." })
export class Stats {
  @Field(() => Int, { description: "Distinct innovations matching the filter." })
  innovationCount: number;

  @Field(() => Int, { description: "Awards of those innovations that match the filter's award fields." })
  awardCount: number;

  @Field(() => [StatsGroup], { description: "One entry per combination of the grouped dimensions." })
  groups: StatsGroup[];
}
