import { Field, ID, InputType, Int } from "type-graphql";
import { KnowledgeEventKind } from "./enums";

@InputType("KnowledgeEventFilter", { description: "Narrows knowledge events. All given fields must hold." })
export class KnowledgeEventFilter {
  @Field(() => [KnowledgeEventKind], { nullable: true, description: "Only these kinds." })
  kinds?: KnowledgeEventKind[] | null;

  @Field(() => [String], { nullable: true, description: "Only events in these regions (a province includes its regencies and cities)." })
  regionCodes?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "Only events held around these competitions." })
  competitionIds?: string[] | null;

  @Field(() => Int, { nullable: true, description: "Only events in this year or later." })
  yearFrom?: number | null;

  @Field(() => Int, { nullable: true, description: "Only events in this year or earlier." })
  yearTo?: number | null;
}
