import { Field, ID, InputType } from "type-graphql";

@InputType("AuditEntryFilter", { description: "What to narrow the audit trail to. Every field given must hold." })
export class AuditEntryFilter {
  @Field(() => [String], { nullable: true, description: "Only writes by these publishers (exact names)." })
  publisherNames?: string[] | null;

  @Field(() => [ID], {
    nullable: true,
    description: "Only writes to these records: global IDs of innovations, award results, editions, replications, institutions, competitions or events.",
  })
  subjectIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "Only writes to these innovations, their award results and their replications: an innovation's history." })
  innovationIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Only these operations, e.g. "recordAwardResults".' })
  operations?: string[] | null;
}
