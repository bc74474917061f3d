import { Field, InputType, registerEnumType } from "type-graphql";
import { OrderDirection } from "./enums";

export enum InnovationOrderField {
  NAME = "NAME",
  BEST_AWARD = "BEST_AWARD",
  LATEST_AWARD_YEAR = "LATEST_AWARD_YEAR",
  CREATED = "CREATED",
}
registerEnumType(InnovationOrderField, {
  name: "InnovationOrderField",
  description: "What to sort innovations by. Ties are broken by ID, so orders are stable.",
  valuesConfig: {
    NAME: { description: "Name, alphabetically (case-insensitive)." },
    BEST_AWARD: { description: "Best award tier (ASC puts the best first); innovations without awards come last." },
    LATEST_AWARD_YEAR: { description: "Year of the latest award; innovations without awards count as year 0." },
    CREATED: { description: "When the record was added to the catalogue." },
  },
});

@InputType("InnovationOrder", { description: "Sort order for innovations." })
export class InnovationOrder {
  @Field(() => InnovationOrderField, { description: "The field to sort by." })
  field: InnovationOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: "The direction." })
  direction: OrderDirection;
}
