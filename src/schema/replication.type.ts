import { Field, ObjectType } from "type-graphql";
import type { ReplicationEntity } from "../entities";
import { ReplicationStatus } from "./enums";
import { encodeGlobalId } from "./global-id";
import { Node } from "./node.interface";
import { LocalDate } from "./scalars";

@ObjectType("Replication", {
  implements: Node,
  description: "Another institution adopting an innovation (ATM: amati, tiru, modifikasi), from interest to implementation.",
})
export class Replication extends Node {
  readonly __typename = "Replication";

  rowId: number;
  originInnovationId: number;
  adopterInstitutionId: number;
  derivedInnovationId: number | null;

  @Field(() => ReplicationStatus, { description: "How far the replication has gone." })
  status: ReplicationStatus;

  @Field(() => LocalDate, { nullable: true, description: "When the adopter declared interest." })
  interestOn: string | null;

  @Field(() => LocalDate, { nullable: true, description: "When the replication agreement was signed." })
  agreedOn: string | null;

  @Field(() => LocalDate, { nullable: true, description: "When the adopter started running its version." })
  implementedOn: string | null;

  @Field(() => String, { nullable: true, description: "What the adopter changed (the modifikasi of ATM)." })
  adaptations: string | null;

  static from(entity: ReplicationEntity): Replication {
    return Object.assign(new Replication(), {
      id: encodeGlobalId("Replication", entity.id),
      rowId: entity.id,
      originInnovationId: entity.originInnovationId,
      adopterInstitutionId: entity.adopterInstitutionId,
      derivedInnovationId: entity.derivedInnovationId,
      status: entity.status as ReplicationStatus,
      interestOn: entity.interestOn,
      agreedOn: entity.agreedOn,
      implementedOn: entity.implementedOn,
      adaptations: entity.adaptations,
    });
  }
}
