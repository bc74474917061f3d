import { Field, Int, ObjectType } from "type-graphql";
import { AwardTier } from "./enums";

@ObjectType("EditionResultCount", { description: "How many results of one label an edition has in the catalogue." })
export class EditionResultCount {
  @Field(() => AwardTier, { description: "The normalised tier." })
  tier: AwardTier;

  @Field(() => String, { description: 'The label as the source printed it, e.g. "Top 45".' })
  label: string;

  @Field(() => Int, { description: "Results with this label recorded in the catalogue (coverage may be partial)." })
  count: number;
}
