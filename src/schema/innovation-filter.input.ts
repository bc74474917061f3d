import { Field, ID, InputType, Int } from "type-graphql";
import { AwardTier, CompetitionLevel, InnovationStatus, InstitutionKind, Sector } from "./enums";

@InputType("LevelProgression", {
  description: "An award trajectory: an award at one of the `from` levels, and one in the same or a later year at one of the `to` levels.",
})
export class LevelProgression {
  @Field(() => [CompetitionLevel], { description: "Levels of the earlier award, e.g. [PROVINCIAL, REGENCY, CITY]." })
  from: CompetitionLevel[];

  @Field(() => [CompetitionLevel], { description: "Levels of the later award, e.g. [NATIONAL]." })
  to: CompetitionLevel[];

  @Field(() => [AwardTier], { nullable: true, description: "Tiers the later award must have; any tier when omitted." })
  toTiers?: AwardTier[] | null;
}

/**
 * Filters on innovations. Every given field must hold (AND); values inside one list are alternatives
 * (OR). The award fields (competitions, levels, years, tiers) must all hold for the SAME award.
 */
@InputType("InnovationFilter", {
  description:
    "Narrows innovations. All given fields must hold; values within one list are alternatives. " +
    "The award fields (competitionIds, competitionSlugs, levels, yearFrom, yearTo, tiers) must all hold for one and the same award.",
})
export class InnovationFilter {
  @Field(() => [Sector], { nullable: true, description: "Only these sectors." })
  sectors?: Sector[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Only innovations in these regions, by Kemendagri code. A province code ("33") includes its regencies and cities.',
  })
  regionCodes?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "Only innovations run by these institutions or their units (e.g. a pemda and its dinas)." })
  institutionIds?: string[] | null;

  @Field(() => [InstitutionKind], {
    nullable: true,
    description: "Only innovations run by institutions of these kinds, or by their units (CITY_GOVERNMENT includes a city's dinas).",
  })
  institutionKinds?: InstitutionKind[] | null;

  @Field(() => [ID], { nullable: true, description: "Only innovations with an award in these competitions (by ID)." })
  competitionIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Only innovations with an award in these competitions (by slug, e.g. "kipp").' })
  competitionSlugs?: string[] | null;

  @Field(() => [CompetitionLevel], { nullable: true, description: "Only innovations with an award in a competition of these levels." })
  levels?: CompetitionLevel[] | null;

  @Field(() => Int, { nullable: true, description: "Only innovations with an award in an edition of this year or later." })
  yearFrom?: number | null;

  @Field(() => Int, { nullable: true, description: "Only innovations with an award in an edition of this year or earlier." })
  yearTo?: number | null;

  @Field(() => [AwardTier], { nullable: true, description: "Only innovations with an award of these tiers." })
  tiers?: AwardTier[] | null;

  @Field(() => [Int], { nullable: true, description: "Only innovations serving at least one of these SDGs (1–17)." })
  sdgs?: number[] | null;

  @Field(() => [InnovationStatus], { nullable: true, description: "Only innovations whose latest known status is one of these." })
  statuses?: InnovationStatus[] | null;

  @Field(() => LevelProgression, {
    nullable: true,
    description: "Only innovations that went from an award at one level to a later award at another, e.g. province to nation.",
  })
  progression?: LevelProgression | null;
}
