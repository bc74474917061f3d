import { Field, ID, InputType, Int } from "type-graphql";
import { InnovationStatus, Sector } from "./enums";
import { InstitutionRefInput } from "./institution-ref.input";
import { LocalDate } from "./scalars";
import { SourceCitationInput } from "./source-citation.input";

@InputType("InnovationNarrativeInput", { description: "Narrative sections of an innovation. Absent sections are left alone; null clears one." })
export class InnovationNarrativeInput {
  @Field(() => String, { nullable: true, description: "The problem it addresses." })
  problem?: string | null;

  @Field(() => String, { nullable: true, description: "Its objectives." })
  objectives?: string | null;

  @Field(() => String, { nullable: true, description: "What is new about it (kebaruan)." })
  novelty?: string | null;

  @Field(() => String, { nullable: true, description: "How it is carried out." })
  implementation?: string | null;

  @Field(() => String, { nullable: true, description: "The results it achieved." })
  results?: string | null;

  @Field(() => String, { nullable: true, description: "What another region needs to replicate it." })
  replicationRequirements?: string | null;

  @Field(() => String, { nullable: true, description: "Resources and cost: budget, staff, equipment." })
  resourcesAndCost?: string | null;

  @Field(() => String, { nullable: true, description: "How it is kept going (keberlanjutan)." })
  sustainability?: string | null;
}

@InputType("SaveInnovationInput", {
  description:
    "Creates an innovation (without `id`) or updates one (with `id`). On update, absent fields are left alone and null clears a field. " +
    "Creating needs `name`, `sector` and `institution`.",
})
export class SaveInnovationInput {
  @Field(() => ID, { nullable: true, description: "Global ID of the innovation to update; omit to create one." })
  id?: string | null;

  @Field(() => String, { nullable: true, description: 'Name as the fullest source prints it, e.g. "SELFI (Sekolah Filial)".' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: "The acronym; on creation, taken from the name when omitted." })
  acronym?: string | null;

  @Field(() => String, { nullable: true, description: "What the acronym stands for; on creation, taken from the name when omitted." })
  acronymExpansion?: string | null;

  @Field(() => [String], { nullable: true, description: "Other names it appears under; replaces the list." })
  aliases?: string[] | null;

  @Field(() => String, { nullable: true, description: "One-sentence summary." })
  summary?: string | null;

  @Field(() => InnovationNarrativeInput, { nullable: true, description: "Narrative sections to set." })
  narrative?: InnovationNarrativeInput | null;

  @Field(() => Sector, { nullable: true, description: "The sector it serves." })
  sector?: Sector | null;

  @Field(() => String, { nullable: true, description: "Government affair (urusan pemerintahan)." })
  governmentAffair?: string | null;

  @Field(() => [Int], { nullable: true, description: "SDGs it serves (1–17); replaces the list." })
  sdgs?: number[] | null;

  @Field(() => Boolean, { nullable: true, description: "Whether it is a digital innovation." })
  isDigital?: boolean | null;

  @Field(() => String, { nullable: true, description: "Development stage, as sources state it." })
  stage?: string | null;

  @Field(() => Int, { nullable: true, description: "Year it started." })
  launchYear?: number | null;

  @Field(() => String, { nullable: true, description: "The service unit (UPP) that runs it." })
  serviceUnit?: string | null;

  @Field(() => [String], { nullable: true, description: "Links to its own pages (http or https); replaces the list." })
  links?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Where it runs: a Kemendagri code ("33.74") or a name ("Kota Semarang", "Kab. Pekalongan"); null for a national body. Defaults to the institution\'s region on creation.',
  })
  region?: string | null;

  @Field(() => InstitutionRefInput, { nullable: true, description: "The institution that runs it." })
  institution?: InstitutionRefInput | null;

  @Field(() => SourceCitationInput, { description: "The public page these facts come from." })
  source: SourceCitationInput;
}

@InputType("UpdateInnovationStatusInput", { description: "An innovation's dated status: whether it is still running, as of when, and how that is known." })
export class UpdateInnovationStatusInput {
  @Field(() => ID, { description: "Global ID of the innovation." })
  innovationId: string;

  @Field(() => InnovationStatus, { description: "The status." })
  status: InnovationStatus;

  @Field(() => LocalDate, { description: "The date the status is known for: not in the future, and not older than the status recorded." })
  asOf: string;

  @Field(() => String, { nullable: true, description: "How the status is known: the statement or evidence behind it." })
  note?: string | null;

  @Field(() => SourceCitationInput, { description: "The public page that states the status." })
  source: SourceCitationInput;
}
