import { GraphQLError } from "graphql";

/**
 * Business errors with stable `extensions.code`s. Anything else thrown by a resolver is treated as an
 * internal error and masked by the server.
 */
export function badUserInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", ...(argument ? { argument } : {}) } });
}

export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "NOT_FOUND" } });
}
