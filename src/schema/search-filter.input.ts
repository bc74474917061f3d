import { Field, InputType, Int } from "type-graphql";
import { AwardTier, CompetitionLevel, InnovationStatus, Sector } from "./enums";

/**
 * Filters on a search, mirroring SEARCH_FILTER_FIELDS (src/search/search-fields.ts). Every given field
 * must hold (AND); values within one list are alternatives (OR). Unlike InnovationFilter, each award
 * field is matched on its own against all of the innovation's awards.
 */
@InputType("SearchFilter", {
  description:
    "Narrows a search. All given fields must hold; values within one list are alternatives. " +
    "The award fields (levels, tiers, yearFrom, yearTo) are each matched against any of the innovation's awards.",
})
export class SearchFilterInput {
  @Field(() => [Sector], { nullable: true, description: "Only these sectors." })
  sectors?: Sector[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Only innovations in these regions, by Kemendagri code. A province code ("33") includes its regencies and cities.',
  })
  regionCodes?: string[] | null;

  @Field(() => [CompetitionLevel], { nullable: true, description: "Only innovations with an award in a competition of one of these levels." })
  levels?: CompetitionLevel[] | null;

  @Field(() => [AwardTier], { nullable: true, description: "Only innovations with an award of one of these tiers." })
  tiers?: AwardTier[] | null;

  @Field(() => Int, { nullable: true, description: "Only innovations with an award in this year or later (with yearTo: an award within the range)." })
  yearFrom?: number | null;

  @Field(() => Int, { nullable: true, description: "Only innovations with an award in this year or earlier (with yearFrom: an award within the range)." })
  yearTo?: number | null;

  @Field(() => [Int], { nullable: true, description: "Only innovations serving at least one of these SDGs (1–17)." })
  sdgs?: number[] | null;

  @Field(() => [InnovationStatus], { nullable: true, description: "Only innovations whose latest known status is one of these." })
  statuses?: InnovationStatus[] | null;
}
