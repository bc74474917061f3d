import { Field, ID, InputType } from "type-graphql";
import { ReplicationStatus } from "./enums";
import { InstitutionRefInput } from "./institution-ref.input";
import { LocalDate } from "./scalars";
import { SourceCitationInput } from "./source-citation.input";

@InputType("RecordReplicationInput", {
  description: "Records that an institution replicates an innovation, identified by origin and adopter; recording it again updates it.",
})
export class RecordReplicationInput {
  @Field(() => ID, { description: "Global ID of the innovation being replicated." })
  originInnovationId: string;

  @Field(() => InstitutionRefInput, { description: "The institution adopting it; a new one needs `kind` and `region`." })
  adopter: InstitutionRefInput;

  @Field(() => ReplicationStatus, { description: "How far the replication has gone." })
  status: ReplicationStatus;

  @Field(() => LocalDate, { nullable: true, description: "When the adopter declared interest." })
  interestOn?: string | null;

  @Field(() => LocalDate, { nullable: true, description: "When the agreement was signed; not before `interestOn`." })
  agreedOn?: string | null;

  @Field(() => LocalDate, { nullable: true, description: "When the adopter started running its version; not before `agreedOn`." })
  implementedOn?: string | null;

  @Field(() => String, { nullable: true, description: "What the adopter changed (the modifikasi of ATM)." })
  adaptations?: string | null;

  @Field(() => ID, { nullable: true, description: "Global ID of the adopter's own innovation derived from the origin, if any." })
  derivedInnovationId?: string | null;

  @Field(() => SourceCitationInput, { description: "The public page that reports the replication." })
  source: SourceCitationInput;
}
