import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { recordReplication } from "../publishing/replication-writes";
import { RecordReplicationPayload } from "../schema/mutation-payloads.type";
import { RecordReplicationInput } from "../schema/record-replication.input";
import { Replication } from "../schema/replication.type";
import type { RequestContext } from "./context";
import { runPublisherWrite } from "./mutation-support";

@Resolver()
export class ReplicationMutationResolver {
  @Mutation(() => RecordReplicationPayload, {
    description:
      "Records that an institution replicates an innovation, or updates that record, citing a source. Needs an API key; in scope when " +
      "the adopter or the origin innovation is inside the publisher's region, or the origin has a result in a competition it organises.",
  })
  recordReplication(
    @Ctx() ctx: RequestContext,
    @Arg("input", () => RecordReplicationInput, { description: "The replication and the source that reports it." }) input: RecordReplicationInput,
  ): Promise<RecordReplicationPayload> {
    return runPublisherWrite(
      ctx,
      (publisher) => recordReplication(ctx.dataSource, publisher, input),
      (entity, userErrors) => Object.assign(new RecordReplicationPayload(), { replication: entity && Replication.from(entity), userErrors }),
    );
  }
}
