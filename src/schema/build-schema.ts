import "reflect-metadata";
import { buildSubgraphSchema } from "@apollo/subgraph";
import {
  isInterfaceType,
  isObjectType,
  Kind,
  parse,
  printSchema,
  visit,
  type ConstDirectiveNode,
  type DocumentNode,
  type InterfaceTypeDefinitionNode,
  type ObjectTypeDefinitionNode,
  type GraphQLSchema,
} from "graphql";
import { buildSchema, createResolversMap } from "type-graphql";
import { AwardResultResolver } from "../resolvers/award-result.resolver";
import { CompetitionEditionResolver } from "../resolvers/competition-edition.resolver";
import { AuditEntryResolver, PublisherResolver } from "../resolvers/audit-entry.resolver";
import { CompetitionEditionMutationResolver } from "../resolvers/competition-edition-mutation.resolver";
import { CompetitionResolver } from "../resolvers/competition.resolver";
import { REFERENCE_RESOLVERS } from "../resolvers/entity-references";
import { InnovationMutationResolver } from "../resolvers/innovation-mutation.resolver";
import { InnovationResolver } from "../resolvers/innovation.resolver";
import { InstitutionResolver } from "../resolvers/institution.resolver";
import { KnowledgeEventResolver } from "../resolvers/knowledge-event.resolver";
import { NodeResolver } from "../resolvers/node.resolver";
import { RegionResolver } from "../resolvers/region.resolver";
import { ReplicationMutationResolver } from "../resolvers/replication-mutation.resolver";
import { ImportMutationResolver } from "../resolvers/import-mutation.resolver";
import { ReplicationResolver } from "../resolvers/replication.resolver";
import { SearchResolver } from "../resolvers/search.resolver";
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
  AuditEntryResolver,
  PublisherResolver,
  InnovationMutationResolver,
  CompetitionEditionMutationResolver,
  ReplicationMutationResolver,
  ImportMutationResolver,
  SearchResolver,
] as const;

/**
 * The Federation 2 features the catalogue uses. `@key` marks the entities other subgraphs may extend
 * (see the `@Directive` on Innovation, Institution, Region, Competition and CompetitionEdition).
 */
const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])`;

/**
 * Builds the public GraphQL schema of the catalogue: an Apollo Federation 2 subgraph. It answers
 * queries on its own, and also `_service { sdl }` and `_entities(representations:)` for a gateway or
 * router; reference resolvers are in resolvers/entity-references.ts.
 */
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
  const mutation = schema.getMutationType();
  if (mutation) {
    mutation.description =
      "Writes by publishers, each with an API key (`Authorization: Bearer <key>`), within the publisher's scope, citing a source. " +
      "Every write is audited (see `auditEntries`). Invalid input comes back as `userErrors`; a missing, unknown or revoked key is " +
      "UNAUTHENTICATED; a write outside the publisher's scope is FORBIDDEN.";
  }
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  for (const [typeName, reference] of Object.entries(REFERENCE_RESOLVERS)) {
    resolvers[typeName] = { ...resolvers[typeName], ...reference };
  }
  const typeDefs: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [...parse(FEDERATION_LINK).definitions, ...sdlWithDirectives(schema).definitions],
  };
  const subgraph = buildSubgraphSchema([{ typeDefs, resolvers: resolvers as never }]);
  describeFederationElements(subgraph);
  return subgraph;
}

/**
 * The schema as an SDL document that keeps the directives type-graphql's `@Directive` attached to
 * object types, interfaces and their fields. graphql-js's printSchema drops them; `@key` must survive.
 */
function sdlWithDirectives(schema: GraphQLSchema): DocumentNode {
  const directivesOf = (typeName: string, fieldName?: string): readonly ConstDirectiveNode[] => {
    const type = schema.getType(typeName);
    if (!type || !(isObjectType(type) || isInterfaceType(type))) return [];
    const node = fieldName === undefined ? type.astNode : type.getFields()[fieldName]?.astNode;
    return node?.directives ?? [];
  };
  const withDirectives = <N extends { directives?: readonly ConstDirectiveNode[] }>(node: N, extra: readonly ConstDirectiveNode[]) =>
    extra.length > 0 ? { ...node, directives: [...(node.directives ?? []), ...extra] } : undefined;
  let typeName = "";
  const enterType = (node: ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode) => {
    typeName = node.name.value;
    return withDirectives(node, directivesOf(typeName));
  };
  return visit(parse(printSchema(schema)), {
    ObjectTypeDefinition: enterType,
    InterfaceTypeDefinition: enterType,
    FieldDefinition: (node) => withDirectives(node, directivesOf(typeName, node.name.value)),
  });
}

// What buildSubgraphSchema adds carries no descriptions; every element of the public schema needs one.
const FEDERATION_TYPE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  _Any: "Federation: an entity representation, `__typename` plus the fields of one of the type's keys.",
  _Entity: "Federation: every type that other subgraphs can reference by key.",
  _Service: "Federation: this subgraph's schema, for gateways and routers.",
  federation__FieldSet: "Federation: a selection of fields, as `@key` names them.",
  federation__Scope: "Federation: an authorisation scope (in the federation spec; unused by the catalogue).",
  federation__Policy: "Federation: an authorisation policy (in the federation spec; unused by the catalogue).",
  link__Import: "Federation: what a `@link` imports from a specification.",
  link__Purpose: "Federation: what a linked specification is for.",
};

/** Describes the types, fields and arguments buildSubgraphSchema adds. */
function describeFederationElements(schema: GraphQLSchema): void {
  for (const [name, description] of Object.entries(FEDERATION_TYPE_DESCRIPTIONS)) {
    const type = schema.getType(name);
    if (type) type.description ??= description;
  }
  const service = schema.getType("_Service");
  if (isObjectType(service)) {
    const sdl = service.getFields().sdl;
    if (sdl) sdl.description ??= "The subgraph schema in SDL, with its federation directives.";
  }
  const fields = schema.getQueryType()?.getFields() ?? {};
  if (fields._service) fields._service.description ??= "Federation: this subgraph's schema, for gateways and routers.";
  if (fields._entities) {
    fields._entities.description ??=
      "Federation: entities by their representations, for gateways and routers; null for a key that matches nothing.";
    for (const arg of fields._entities.args) {
      arg.description ??= "Entity representations: `__typename` plus the fields of one of the type's keys.";
    }
  }
}
