import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema, Field, ObjectType, Query, Resolver } from "type-graphql";

@ObjectType({ description: "Placeholder until the catalogue schema lands." })
class Placeholder {
  @Field(() => String, { description: "Placeholder." })
  ok: string;
}

@Resolver(() => Placeholder)
class PlaceholderResolver {
  @Query(() => String, { description: "Placeholder." })
  ping(): string {
    return "pong";
  }
}

/** Builds the public GraphQL schema of the catalogue. */
export async function buildCatalogueSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: [PlaceholderResolver], orphanedTypes: [Placeholder], validate: false });
}
