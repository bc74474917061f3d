import { Directive, Field, Int, ObjectType } from "type-graphql";
import type { InnovationEntity } from "../entities";
import { InnovationStatus, Sector } from "./enums";
import { encodeGlobalId } from "./global-id";
import { Node } from "./node.interface";
import { LocalDate } from "./scalars";

@ObjectType("InnovationNarrative", {
  description: "The narrative sections of an innovation's proposal: what it solved, how, and what it takes to copy it.",
})
export class InnovationNarrative {
  @Field(() => String, { nullable: true, description: "The problem it addresses." })
  problem: string | null;

  @Field(() => String, { nullable: true, description: "Its objectives." })
  objectives: string | null;

  @Field(() => String, { nullable: true, description: "What is new about it (kebaruan)." })
  novelty: string | null;

  @Field(() => String, { nullable: true, description: "How it is carried out." })
  implementation: string | null;

  @Field(() => String, { nullable: true, description: "The results it achieved." })
  results: string | null;

  @Field(() => String, { nullable: true, description: "What another region needs to replicate it: legal basis, people, systems." })
  replicationRequirements: string | null;

  @Field(() => String, { nullable: true, description: "Resources and cost: budget, staff, equipment." })
  resourcesAndCost: string | null;

  @Field(() => String, { nullable: true, description: "How it is kept going (keberlanjutan)." })
  sustainability: string | null;
}

@ObjectType("DatedStatus", { description: "Whether an innovation is running, as of a date. Records go stale, so the date matters." })
export class DatedStatus {
  @Field(() => InnovationStatus, { description: "The status." })
  status: InnovationStatus;

  @Field(() => LocalDate, { description: "The date the status is known for." })
  asOf: string;

  @Field(() => String, { nullable: true, description: "How the status is known: the statement or evidence behind it." })
  note: string | null;
}

@Directive(`@key(fields: "id")`)
@Directive(`@key(fields: "slug")`)
@ObjectType("Innovation", {
  implements: Node,
  description: "A public-service innovation (inovasi pelayanan publik), with its narrative, owner, awards and replications.",
})
export class Innovation extends Node {
  readonly __typename = "Innovation";

  rowId: number;
  institutionId: number;
  regionCode: string | null;

  @Field(() => String, { description: 'Stable, readable identifier, e.g. "lapor-hendi". Use it with `innovation(slug:)`.' })
  slug: string;

  @Field(() => String, { description: "Name as the fullest source prints it, often an acronym with its expansion." })
  name: string;

  @Field(() => String, { nullable: true, description: 'The acronym, e.g. "SELFI".' })
  acronym: string | null;

  @Field(() => String, { nullable: true, description: 'What the acronym stands for, e.g. "Sekolah Filial".' })
  acronymExpansion: string | null;

  @Field(() => [String], { description: "Other names the innovation appears under in sources." })
  aliases: string[];

  @Field(() => String, { nullable: true, description: "One-sentence summary." })
  summary: string | null;

  @Field(() => InnovationNarrative, { description: "Narrative sections: problem, objectives, novelty, implementation, results, replication requirements, resources and cost, sustainability." })
  narrative: InnovationNarrative;

  @Field(() => Sector, { description: "The sector it serves." })
  sector: Sector;

  @Field(() => String, { nullable: true, description: "Government affair (urusan pemerintahan), where recorded." })
  governmentAffair: string | null;

  @Field(() => [Int], { description: "UN Sustainable Development Goals it serves (1–17)." })
  sdgs: number[];

  @Field(() => Boolean, { nullable: true, description: "Whether it is a digital innovation; null when unknown." })
  isDigital: boolean | null;

  @Field(() => String, { nullable: true, description: "Development stage, as sources state it." })
  stage: string | null;

  @Field(() => Int, { nullable: true, description: "Year it started, where a source states it." })
  launchYear: number | null;

  @Field(() => DatedStatus, { nullable: true, description: "Whether it is still running, as of when; null when unknown." })
  status: DatedStatus | null;

  @Field(() => String, { nullable: true, description: "The service unit (UPP) inside the institution that runs it." })
  serviceUnit: string | null;

  @Field(() => [String], { description: "Links to the innovation's own pages." })
  links: string[];

  static from(entity: InnovationEntity): Innovation {
    return Object.assign(new Innovation(), {
      id: encodeGlobalId("Innovation", entity.id),
      rowId: entity.id,
      institutionId: entity.institutionId,
      regionCode: entity.regionCode,
      slug: entity.slug,
      name: entity.name,
      acronym: entity.acronym,
      acronymExpansion: entity.acronymExpansion,
      aliases: entity.aliases,
      summary: entity.summary,
      narrative: Object.assign(new InnovationNarrative(), {
        problem: entity.problem,
        objectives: entity.objectives,
        novelty: entity.novelty,
        implementation: entity.implementation,
        results: entity.results,
        replicationRequirements: entity.replicationRequirements,
        resourcesAndCost: entity.resourcesAndCost,
        sustainability: entity.sustainability,
      }),
      sector: entity.sector as Sector,
      governmentAffair: entity.governmentAffair,
      sdgs: entity.sdgs,
      isDigital: entity.isDigital,
      stage: entity.stage,
      launchYear: entity.launchYear,
      status:
        entity.status && entity.statusAsOf
          ? Object.assign(new DatedStatus(), {
              status: entity.status as InnovationStatus,
              asOf: entity.statusAsOf,
              note: entity.statusNote,
            })
          : null,
      serviceUnit: entity.serviceUnit,
      links: entity.links,
    });
  }
}
