import { Field, InputType, registerEnumType } from "type-graphql";
import { OrderDirection } from "./enums";

export enum AwardOrderField {
  YEAR = "YEAR",
  TIER = "TIER",
  INNOVATION_NAME = "INNOVATION_NAME",
}
registerEnumType(AwardOrderField, {
  name: "AwardOrderField",
  description: "What to sort award results by. Ties are broken by tier, then ID, so orders are stable.",
  valuesConfig: {
    YEAR: { description: "Edition year." },
    TIER: { description: "Tier rank (ASC puts the best first)." },
    INNOVATION_NAME: { description: "Name of the innovation, alphabetically." },
  },
});

@InputType("AwardOrder", { description: "Sort order for award results." })
export class AwardOrder {
  @Field(() => AwardOrderField, { description: "The field to sort by." })
  field: AwardOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: "The direction." })
  direction: OrderDirection;
}
