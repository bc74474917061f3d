import { Field, InputType } from "type-graphql";
import { InstitutionKind } from "./enums";

@InputType("InstitutionFilter", { description: "Narrows institutions. All given fields must hold; values within one list are alternatives." })
export class InstitutionFilter {
  @Field(() => [InstitutionKind], { nullable: true, description: "Only these kinds." })
  kinds?: InstitutionKind[] | null;

  @Field(() => [String], {
    nullable: true,
    description: "Only institutions in these regions (Kemendagri codes; a province includes its regencies and cities).",
  })
  regionCodes?: string[] | null;
}
