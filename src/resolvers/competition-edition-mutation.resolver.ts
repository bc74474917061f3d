import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { recordAwardResults, registerCompetitionEdition } from "../publishing/edition-writes";
import { AwardResult } from "../schema/award-result.type";
import { CompetitionEdition } from "../schema/competition-edition.type";
import { RecordAwardResultsPayload, RegisterCompetitionEditionPayload } from "../schema/mutation-payloads.type";
import { RecordAwardResultsInput, RegisterCompetitionEditionInput } from "../schema/register-competition-edition.input";
import type { RequestContext } from "./context";
import { runPublisherWrite } from "./mutation-support";

@Resolver()
export class CompetitionEditionMutationResolver {
  @Mutation(() => RegisterCompetitionEditionPayload, {
    description:
      "Registers a competition's edition for a year, or updates it, citing a source. Needs an API key of a publisher that organises " +
      "the competition; otherwise FORBIDDEN.",
  })
  registerCompetitionEdition(
    @Ctx() ctx: RequestContext,
    @Arg("input", () => RegisterCompetitionEditionInput, { description: "The edition and the source that describes it." }) input: RegisterCompetitionEditionInput,
  ): Promise<RegisterCompetitionEditionPayload> {
    return runPublisherWrite(
      ctx,
      (publisher) => registerCompetitionEdition(ctx.dataSource, publisher, input),
      (entity, userErrors) => Object.assign(new RegisterCompetitionEditionPayload(), { edition: entity && CompetitionEdition.from(entity), userErrors }),
    );
  }

  @Mutation(() => RecordAwardResultsPayload, {
    description:
      "Records results of an edition (1 to 200), citing a source; labels are classified into tiers. Needs an API key of a publisher " +
      "that organises the competition (the innovations may be anywhere); otherwise FORBIDDEN. All results are written, or none.",
  })
  recordAwardResults(
    @Ctx() ctx: RequestContext,
    @Arg("input", () => RecordAwardResultsInput, { description: "The edition, its results and the source that announces them." }) input: RecordAwardResultsInput,
  ): Promise<RecordAwardResultsPayload> {
    return runPublisherWrite(
      ctx,
      (publisher) => recordAwardResults(ctx.dataSource, publisher, input),
      (recorded, userErrors) =>
        Object.assign(new RecordAwardResultsPayload(), {
          edition: recorded && CompetitionEdition.from(recorded.edition),
          results: recorded ? recorded.results.map((r) => AwardResult.from(r)) : [],
          userErrors,
        }),
    );
  }
}
