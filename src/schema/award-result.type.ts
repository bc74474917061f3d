import { Field, Int, ObjectType } from "type-graphql";
import type { AwardResultEntity } from "../entities";
import { AwardTier } from "./enums";
import { encodeGlobalId } from "./global-id";
import { Node } from "./node.interface";
import { LocalDate } from "./scalars";

@ObjectType("AwardResult", {
  implements: Node,
  description: "One result of one innovation in one competition edition. Follow them from regency to UN level for an award trajectory.",
})
export class AwardResult extends Node {
  readonly __typename = "AwardResult";

  rowId: number;
  innovationId: number;
  editionId: number;

  @Field(() => String, { description: 'The result exactly as the source printed it, e.g. "Top 45" or "Juara 1".' })
  label: string;

  @Field(() => AwardTier, { description: "The result normalised across competitions." })
  tier: AwardTier;

  @Field(() => Int, { description: "Rank of the tier, 1 best; use it to compare results across competitions." })
  tierRank: number;

  @Field(() => Int, { nullable: true, description: "Place within the tier where the label gives one (Juara 2 → 2)." })
  place: number | null;

  @Field(() => Int, { nullable: true, description: "Size of the tier where the label gives one (Top 45 → 45)." })
  tierSize: number | null;

  @Field(() => String, { nullable: true, description: "Participant group (kelompok), where recorded." })
  group: string | null;

  @Field(() => String, { nullable: true, description: "Category or cluster, where recorded." })
  category: string | null;

  @Field(() => String, { nullable: true, description: "Number of the decree that set the result, where recorded." })
  decreeNumber: string | null;

  @Field(() => LocalDate, { nullable: true, description: "Date of that decree, where recorded." })
  decreeDate: string | null;

  static from(entity: AwardResultEntity): AwardResult {
    return Object.assign(new AwardResult(), {
      id: encodeGlobalId("AwardResult", entity.id),
      rowId: entity.id,
      innovationId: entity.innovationId,
      editionId: entity.editionId,
      label: entity.rawLabel,
      tier: entity.tier as AwardTier,
      tierRank: entity.tierRank,
      place: entity.place,
      tierSize: entity.tierSize,
      group: entity.groupName,
      category: entity.category,
      decreeNumber: entity.decreeNumber,
      decreeDate: entity.decreeDate,
    });
  }
}
