import { GraphQLError } from "graphql";
import type { AuthenticatedPublisher, Authentication } from "./authenticate";

/** No usable API key: none sent, malformed, unknown or revoked. Code UNAUTHENTICATED. */
export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "UNAUTHENTICATED" } });
}

/** A valid key whose publisher may not make this write (see scope.ts). Code FORBIDDEN. */
export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "FORBIDDEN" } });
}

/** The authenticated publisher, or an UNAUTHENTICATED error that says what to send. */
export function requirePublisher(authentication: Authentication): AuthenticatedPublisher {
  switch (authentication.status) {
    case "authenticated":
      return authentication.publisher;
    case "anonymous":
      throw unauthenticated('Writing to the catalogue needs a publisher\'s API key: send the header "Authorization: Bearer <API key>".');
    case "rejected":
      throw unauthenticated(authentication.reason);
  }
}
