import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { AwardResultResolver } from "../resolvers/award-result.resolver";
import { CompetitionEditionResolver } from "../resolvers/competition-edition.resolver";
import { CompetitionResolver } from "../resolvers/competition.resolver";
import { InnovationResolver } from "../resolvers/innovation.resolver";
import { InstitutionResolver } from "../resolvers/institution.resolver";
import { KnowledgeEventResolver } from "../resolvers/knowledge-event.resolver";
import { NodeResolver } from "../resolvers/node.resolver";
import { RegionResolver } from "../resolvers/region.resolver";
import { ReplicationResolver } from "../resolvers/replication.resolver";
import { StatsResolver } from "../resolvers/stats.resolver";

export const RESOLVERS = [
  NodeResolver,
  InnovationResolver,
  AwardResultResolver,
  CompetitionResolver,
  CompetitionEditionResolver,
  InstitutionResolver,
  RegionResolver,
  ReplicationResolver,
  KnowledgeEventResolver,
  StatsResolver,
] as const;

/** Builds the public GraphQL schema of the catalogue. */
export async function buildCatalogueSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: RESOLVERS,
    // Inputs are validated by hand in the resolvers, with messages that name the field at fault.
    validate: false,
    emitSchemaFile: false,
  });
  const query = schema.getQueryType();
  if (query) {
    query.description =
      "The catalogue of Indonesian public-service innovations: innovations, institutions, regions, competitions, " +
      "their editions and results, replications and knowledge events, with the sources of every fact.";
  }
  return schema;
}
