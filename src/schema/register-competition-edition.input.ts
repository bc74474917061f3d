import { Field, Float, ID, InputType, Int } from "type-graphql";
import { AwardTier } from "./enums";
import { LocalDate } from "./scalars";
import { SourceCitationInput } from "./source-citation.input";

@InputType("EditionStageInput", { description: "One stage of an edition." })
export class EditionStageInput {
  @Field(() => Int, { description: "Position of the stage, 1 first." })
  order: number;

  @Field(() => String, { description: "What happens at this stage." })
  name: string;
}

@InputType("EditionCriterionInput", { description: "An assessment criterion and its weight." })
export class EditionCriterionInput {
  @Field(() => String, { description: "The criterion, e.g. kebaruan (novelty)." })
  name: string;

  @Field(() => Float, { nullable: true, description: "Weight in percent (0–100); the weights may add up to at most 100." })
  weightPercent?: number | null;
}

@InputType("EditionTierInput", { description: "A tier the edition awards or selects, e.g. Top 45." })
export class EditionTierInput {
  @Field(() => String, { description: 'Label as the organiser uses it, e.g. "Top 45".' })
  label: string;

  @Field(() => Int, { nullable: true, description: "How many innovations the tier holds; read from the label (Top 45 → 45) when omitted." })
  size?: number | null;

  @Field(() => Int, { description: "Position among the edition's tiers, 1 highest." })
  order: number;

  @Field(() => AwardTier, { nullable: true, description: "The normalised tier; classified from the label when omitted." })
  tier?: AwardTier | null;
}

@InputType("RegisterCompetitionEditionInput", {
  description:
    "Registers a competition's edition for a year, or updates the one registered: absent fields are left alone, lists given replace the old ones.",
})
export class RegisterCompetitionEditionInput {
  @Field(() => ID, { description: "Global ID of the competition series." })
  competitionId: string;

  @Field(() => Int, { description: "Year of the edition." })
  year: number;

  @Field(() => Int, { nullable: true, description: "Edition number in the series." })
  editionNumber?: number | null;

  @Field(() => String, { nullable: true, description: "The name it is held under; the series' name and the year when omitted on creation." })
  name?: string | null;

  @Field(() => String, { nullable: true, description: "Theme of the edition." })
  theme?: string | null;

  @Field(() => String, { nullable: true, description: "Regulations and decrees it rests on." })
  legalBasis?: string | null;

  @Field(() => String, { nullable: true, description: "The stages as the source describes them, verbatim." })
  stagesText?: string | null;

  @Field(() => [EditionStageInput], { nullable: true, description: "The stages." })
  stages?: EditionStageInput[] | null;

  @Field(() => [String], { nullable: true, description: "Participant groups (kelompok)." })
  groups?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Categories." })
  categories?: string[] | null;

  @Field(() => [EditionCriterionInput], { nullable: true, description: "Assessment criteria with weights." })
  criteria?: EditionCriterionInput[] | null;

  @Field(() => [EditionTierInput], { nullable: true, description: "The tiers it awards or selects." })
  tiers?: EditionTierInput[] | null;

  @Field(() => Int, { nullable: true, description: "How many entries it received." })
  entryCount?: number | null;

  @Field(() => SourceCitationInput, { description: "The public page that announces or describes the edition." })
  source: SourceCitationInput;
}

@InputType("AwardResultInput", { description: "One result of an edition, for an existing innovation. Identified by innovation and label." })
export class AwardResultInput {
  @Field(() => ID, { description: "Global ID of the innovation." })
  innovationId: string;

  @Field(() => String, { description: 'The result exactly as the organiser prints it, e.g. "Top 45" or "Juara 1"; classified into a tier.' })
  label: string;

  @Field(() => String, { nullable: true, description: "Participant group (kelompok)." })
  group?: string | null;

  @Field(() => String, { nullable: true, description: "Category." })
  category?: string | null;

  @Field(() => String, { nullable: true, description: "Number of the decree that sets the result." })
  decreeNumber?: string | null;

  @Field(() => LocalDate, { nullable: true, description: "Date of that decree." })
  decreeDate?: string | null;
}

@InputType("RecordAwardResultsInput", { description: "Results of one edition, 1 to 200 at a time. Recording a result again updates it." })
export class RecordAwardResultsInput {
  @Field(() => ID, { description: "Global ID of the competition edition." })
  editionId: string;

  @Field(() => [AwardResultInput], { description: "The results." })
  results: AwardResultInput[];

  @Field(() => SourceCitationInput, { description: "The public page that announces the results." })
  source: SourceCitationInput;
}
