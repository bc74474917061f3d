import DataLoader from "dataloader";
import type { AuthenticatedPublisher } from "../publishing/authenticate";
import { requirePublisher } from "../publishing/errors";
import { UserProblems } from "../publishing/user-errors";
import { UserError } from "../schema/user-error.type";
import type { RequestContext } from "./context";

/**
 * Runs one mutation's write as the request's publisher, and shapes its payload:
 * - no usable API key → GraphQL error UNAUTHENTICATED (nothing runs);
 * - outside the publisher's scope → GraphQL error FORBIDDEN (thrown by the write, which rolled back);
 * - invalid input → the payload with `userErrors` and a null result (nothing was written);
 * - success → the payload with the result. The request's loaders are cleared first, so that the
 *   payload (and any later mutation of the same request) reads what was written.
 */
export async function runPublisherWrite<R, P>(
  ctx: RequestContext,
  write: (publisher: AuthenticatedPublisher) => Promise<R>,
  payload: (result: R | null, userErrors: UserError[]) => P,
): Promise<P> {
  const publisher = requirePublisher(await ctx.authentication());
  let result: R;
  try {
    result = await write(publisher);
  } catch (error) {
    if (error instanceof UserProblems) return payload(null, error.problems.map((p) => UserError.from(p)));
    throw error;
  }
  for (const loader of Object.values(ctx.loaders)) if (loader instanceof DataLoader) loader.clearAll();
  return payload(result, []);
}
