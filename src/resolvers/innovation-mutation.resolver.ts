import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { saveInnovation, updateInnovationStatus } from "../publishing/innovation-writes";
import { Innovation } from "../schema/innovation.type";
import { SaveInnovationPayload, UpdateInnovationStatusPayload } from "../schema/mutation-payloads.type";
import { SaveInnovationInput, UpdateInnovationStatusInput } from "../schema/save-innovation.input";
import type { RequestContext } from "./context";
import { runPublisherWrite } from "./mutation-support";

@Resolver()
export class InnovationMutationResolver {
  @Mutation(() => SaveInnovationPayload, {
    description:
      "Creates an innovation, or updates one (pass `id`), citing a source. Needs an API key; in scope when the innovation's region is " +
      "inside the publisher's region, or (to update) it has a result in a competition the publisher organises, or (to create) the " +
      "publisher organises any competition. Outside the scope: FORBIDDEN.",
  })
  saveInnovation(
    @Ctx() ctx: RequestContext,
    @Arg("input", () => SaveInnovationInput, { description: "The innovation's fields and the source they come from." }) input: SaveInnovationInput,
  ): Promise<SaveInnovationPayload> {
    return runPublisherWrite(
      ctx,
      (publisher) => saveInnovation(ctx.dataSource, publisher, input),
      (entity, userErrors) => Object.assign(new SaveInnovationPayload(), { innovation: entity && Innovation.from(entity), userErrors }),
    );
  }

  @Mutation(() => UpdateInnovationStatusPayload, {
    description:
      "Sets an innovation's dated status (still running or stopped, as of a date), citing a source. Needs an API key; in scope as for " +
      "updating the innovation. A status older than the one recorded is refused (STALE).",
  })
  updateInnovationStatus(
    @Ctx() ctx: RequestContext,
    @Arg("input", () => UpdateInnovationStatusInput, { description: "The status and the source that states it." }) input: UpdateInnovationStatusInput,
  ): Promise<UpdateInnovationStatusPayload> {
    return runPublisherWrite(
      ctx,
      (publisher) => updateInnovationStatus(ctx.dataSource, publisher, input),
      (entity, userErrors) => Object.assign(new UpdateInnovationStatusPayload(), { innovation: entity && Innovation.from(entity), userErrors }),
    );
  }
}
