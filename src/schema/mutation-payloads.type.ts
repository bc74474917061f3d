import { Field, ObjectType } from "type-graphql";
import { AwardResult } from "./award-result.type";
import { CompetitionEdition } from "./competition-edition.type";
import { Innovation } from "./innovation.type";
import { Replication } from "./replication.type";
import { UserError } from "./user-error.type";

const USER_ERRORS = "Problems with the input; when there are any, nothing was written and the result is null.";

@ObjectType("SaveInnovationPayload", { description: "The result of saveInnovation." })
export class SaveInnovationPayload {
  @Field(() => Innovation, { nullable: true, description: "The innovation as saved; null when there are userErrors." })
  innovation: Innovation | null;

  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors: UserError[];
}

@ObjectType("UpdateInnovationStatusPayload", { description: "The result of updateInnovationStatus." })
export class UpdateInnovationStatusPayload {
  @Field(() => Innovation, { nullable: true, description: "The innovation with its new status; null when there are userErrors." })
  innovation: Innovation | null;

  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors: UserError[];
}

@ObjectType("RegisterCompetitionEditionPayload", { description: "The result of registerCompetitionEdition." })
export class RegisterCompetitionEditionPayload {
  @Field(() => CompetitionEdition, { nullable: true, description: "The edition as registered; null when there are userErrors." })
  edition: CompetitionEdition | null;

  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors: UserError[];
}

@ObjectType("RecordAwardResultsPayload", { description: "The result of recordAwardResults." })
export class RecordAwardResultsPayload {
  @Field(() => CompetitionEdition, { nullable: true, description: "The edition; null when there are userErrors." })
  edition: CompetitionEdition | null;

  @Field(() => [AwardResult], { description: "The results as recorded, in the order given; empty when there are userErrors." })
  results: AwardResult[];

  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors: UserError[];
}

@ObjectType("RecordReplicationPayload", { description: "The result of recordReplication." })
export class RecordReplicationPayload {
  @Field(() => Replication, { nullable: true, description: "The replication as recorded; null when there are userErrors." })
  replication: Replication | null;

  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors: UserError[];
}
