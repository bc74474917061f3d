import { Field, ID, InputType, Int } from "type-graphql";
import { AwardTier, CompetitionLevel, Sector } from "./enums";

@InputType("AwardFilter", {
  description: "Narrows award results. All given fields must hold; values within one list are alternatives.",
})
export class AwardFilter {
  @Field(() => [ID], { nullable: true, description: "Only results in these competitions (by ID)." })
  competitionIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Only results in these competitions (by slug, e.g. "kipp").' })
  competitionSlugs?: string[] | null;

  @Field(() => [CompetitionLevel], { nullable: true, description: "Only results in competitions of these levels." })
  levels?: CompetitionLevel[] | null;

  @Field(() => Int, { nullable: true, description: "Only results of editions in this year or later." })
  yearFrom?: number | null;

  @Field(() => Int, { nullable: true, description: "Only results of editions in this year or earlier." })
  yearTo?: number | null;

  @Field(() => [AwardTier], {
    nullable: true,
    description: "Only results of these tiers. `winners` defaults to OUTSTANDING, WINNER and TOP; edition results default to all tiers.",
  })
  tiers?: AwardTier[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Only results with one of these labels as the source printed them, ignoring case (e.g. "Top 45", "Outstanding Achievement").',
  })
  labels?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: "Only results of innovations in these regions (Kemendagri codes; a province includes its regencies and cities).",
  })
  regionCodes?: string[] | null;

  @Field(() => [Sector], { nullable: true, description: "Only results of innovations in these sectors." })
  sectors?: Sector[] | null;

  @Field(() => [ID], { nullable: true, description: "Only results of innovations run by these institutions or their units." })
  institutionIds?: string[] | null;
}
