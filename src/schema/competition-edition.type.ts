import { Directive, Field, Float, Int, ObjectType } from "type-graphql";
import type { CompetitionEditionEntity } from "../entities";
import { AwardTier } from "./enums";
import { encodeGlobalId } from "./global-id";
import { Node } from "./node.interface";

@ObjectType("EditionStage", { description: "One stage of an edition, in order." })
export class EditionStage {
  @Field(() => Int, { description: "Position of the stage, 1 first." })
  order: number;

  @Field(() => String, { description: "What happens at this stage, as the source describes it." })
  name: string;
}

@ObjectType("EditionTier", { description: "One tier an edition awards or selects, e.g. Top 45." })
export class EditionTier {
  @Field(() => String, { description: 'Label as the organiser uses it, e.g. "Top 45".' })
  label: string;

  @Field(() => Int, { nullable: true, description: "How many innovations the tier holds, where fixed." })
  size: number | null;

  @Field(() => Int, { description: "Position among the edition's tiers, 1 highest." })
  order: number;

  @Field(() => AwardTier, { description: "The normalised tier this label maps to." })
  tier: AwardTier;
}

@ObjectType("EditionCriterion", { description: "An assessment criterion and its weight." })
export class EditionCriterion {
  @Field(() => String, { description: "The criterion, e.g. kebaruan (novelty)." })
  name: string;

  @Field(() => Float, { nullable: true, description: "Weight in percent, where the edition states one." })
  weightPercent: number | null;
}

@Directive(`@key(fields: "id")`)
@ObjectType("CompetitionEdition", {
  implements: Node,
  description: "One year of a competition series, with its rules and its results.",
})
export class CompetitionEdition extends Node {
  readonly __typename = "CompetitionEdition";

  rowId: number;
  competitionId: number;

  @Field(() => Int, { description: "Year of the edition." })
  year: number;

  @Field(() => Int, { nullable: true, description: "Edition number in the series, where stated." })
  editionNumber: number | null;

  @Field(() => String, { description: 'The name it was held under, e.g. "SINOVIK (Kompetisi Inovasi Pelayanan Publik)" in 2014.' })
  name: string;

  @Field(() => String, { nullable: true, description: "Theme of the edition." })
  theme: string | null;

  @Field(() => String, { nullable: true, description: "Regulations and decrees it rests on, as the sources state them." })
  legalBasis: string | null;

  @Field(() => String, { nullable: true, description: "The stages as the source describes them, verbatim." })
  stagesText: string | null;

  @Field(() => [EditionStage], { description: "The stages in order." })
  stages: EditionStage[];

  @Field(() => [String], { description: "Participant groups (kelompok), e.g. Umum, Replikasi, Khusus." })
  groups: string[];

  @Field(() => [String], { description: "Categories of the edition." })
  categories: string[];

  @Field(() => [EditionCriterion], { description: "Assessment criteria with weights." })
  criteria: EditionCriterion[];

  @Field(() => [EditionTier], { description: "The tiers the edition selects or awards, highest first." })
  tiers: EditionTier[];

  @Field(() => Int, { nullable: true, description: "Number of entries (proposals) received, as the source states it." })
  entryCount: number | null;

  static from(entity: CompetitionEditionEntity): CompetitionEdition {
    return Object.assign(new CompetitionEdition(), {
      id: encodeGlobalId("CompetitionEdition", entity.id),
      rowId: entity.id,
      competitionId: entity.competitionId,
      year: entity.year,
      editionNumber: entity.editionNumber,
      name: entity.name,
      theme: entity.theme,
      legalBasis: entity.legalBasis,
      stagesText: entity.stagesText,
      stages: entity.stages.map((s) => Object.assign(new EditionStage(), s)),
      groups: entity.groups,
      categories: entity.categories,
      criteria: entity.criteria.map((c) => Object.assign(new EditionCriterion(), c)),
      tiers: [...entity.tiers]
        .sort((a, b) => a.order - b.order)
        .map((t) => Object.assign(new EditionTier(), { ...t, tier: t.tier as AwardTier })),
      entryCount: entity.entryCount,
    });
  }
}
