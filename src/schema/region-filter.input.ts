import { Field, InputType } from "type-graphql";
import { RegionKind } from "./enums";

@InputType("RegionFilter", { description: "Narrows regions. All given fields must hold." })
export class RegionFilter {
  @Field(() => [RegionKind], { nullable: true, description: "Only these kinds." })
  kinds?: RegionKind[] | null;

  @Field(() => String, { nullable: true, description: 'Only the regencies and cities of this province (its code, e.g. "33").' })
  parentCode?: string | null;
}
