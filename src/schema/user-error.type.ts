import { Field, ObjectType, registerEnumType } from "type-graphql";
import type { UserProblem } from "../publishing/user-errors";

/** Why an input could not be written; GraphQL mirror of USER_ERROR_CODES in publishing/user-errors.ts. */
export enum UserErrorCode {
  REQUIRED = "REQUIRED",
  INVALID = "INVALID",
  TOO_LONG = "TOO_LONG",
  OUT_OF_RANGE = "OUT_OF_RANGE",
  NOT_FOUND = "NOT_FOUND",
  UNKNOWN_REGION = "UNKNOWN_REGION",
  DUPLICATE = "DUPLICATE",
  STALE = "STALE",
}
registerEnumType(UserErrorCode, {
  name: "UserErrorCode",
  description: "Why a mutation's input could not be written.",
  valuesConfig: {
    REQUIRED: { description: "A required value is missing or blank." },
    INVALID: { description: "A value is malformed or contradicts another (a bad URL or ID, dates out of order)." },
    TOO_LONG: { description: "A text is longer than allowed." },
    OUT_OF_RANGE: { description: "A number, date or list size is outside what is allowed." },
    NOT_FOUND: { description: "An ID names no record." },
    UNKNOWN_REGION: { description: "A region is neither a Kemendagri code nor a name that resolves to one." },
    DUPLICATE: { description: "The input repeats itself, or the record already exists under another ID." },
    STALE: { description: "The input is older than what is recorded (e.g. a status dated before the current one)." },
  },
});

@ObjectType("UserError", {
  description: "A problem with a mutation's input. When a payload has any, nothing was written.",
})
export class UserError {
  @Field(() => [String], { description: 'Path to the input field at fault, e.g. ["input", "results", "2", "label"].' })
  field: string[];

  @Field(() => String, { description: "What is wrong, in words." })
  message: string;

  @Field(() => UserErrorCode, { description: "What is wrong, as a stable code." })
  code: UserErrorCode;

  static from(problem: UserProblem): UserError {
    return Object.assign(new UserError(), { field: [...problem.field], message: problem.message, code: problem.code as UserErrorCode });
  }
}
