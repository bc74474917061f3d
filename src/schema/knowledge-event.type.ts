import { Field, Int, ObjectType } from "type-graphql";
import type { KnowledgeEventEntity } from "../entities";
import { KnowledgeEventKind } from "./enums";
import { encodeGlobalId } from "./global-id";
import { Node } from "./node.interface";
import { LocalDate } from "./scalars";

@ObjectType("Facilitator", { description: "A person who led or spoke at a knowledge event." })
export class Facilitator {
  @Field(() => String, { description: "Name as the source prints it." })
  name: string;

  @Field(() => String, { nullable: true, description: "Organisation the person came from." })
  affiliation: string | null;

  @Field(() => String, { nullable: true, description: "Role at the event, e.g. coach or speaker." })
  role: string | null;
}

@ObjectType("KnowledgeEvent", {
  implements: Node,
  description: "A coaching clinic, workshop or similar event held around a competition to pass knowledge on.",
})
export class KnowledgeEvent extends Node {
  readonly __typename = "KnowledgeEvent";

  rowId: number;
  regionCode: string | null;
  competitionId: number | null;
  editionId: number | null;

  @Field(() => String, { description: "Stable, readable identifier." })
  slug: string;

  @Field(() => KnowledgeEventKind, { description: "Kind of event." })
  kind: KnowledgeEventKind;

  @Field(() => String, { description: "Title of the event." })
  title: string;

  @Field(() => LocalDate, { nullable: true, description: "First day, where known." })
  startsOn: string | null;

  @Field(() => LocalDate, { nullable: true, description: "Last day, where known and different from the first." })
  endsOn: string | null;

  @Field(() => Int, { description: "Year of the event, known even when the exact date is not." })
  year: number;

  @Field(() => String, { description: "Who organised it." })
  organizer: string;

  @Field(() => [Facilitator], { description: "Coaches, speakers and facilitators." })
  facilitators: Facilitator[];

  @Field(() => String, { nullable: true, description: "Who took part." })
  participants: string | null;

  @Field(() => String, { nullable: true, description: "Where it was held." })
  venue: string | null;

  @Field(() => String, { nullable: true, description: "What happened." })
  description: string | null;

  static from(entity: KnowledgeEventEntity): KnowledgeEvent {
    return Object.assign(new KnowledgeEvent(), {
      id: encodeGlobalId("KnowledgeEvent", entity.id),
      rowId: entity.id,
      regionCode: entity.regionCode,
      competitionId: entity.competitionId,
      editionId: entity.editionId,
      slug: entity.slug,
      kind: entity.kind as KnowledgeEventKind,
      title: entity.title,
      startsOn: entity.startsOn,
      endsOn: entity.endsOn,
      year: entity.year,
      organizer: entity.organizer,
      facilitators: entity.facilitators.map((f) => Object.assign(new Facilitator(), f)),
      participants: entity.participants,
      venue: entity.venue,
      description: entity.description,
    });
  }
}
