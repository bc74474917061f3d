import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import {
  GraphQLError,
  Kind,
  validate,
  visit,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type OperationDefinitionNode,
  type ParseOptions,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from "graphql";
import { ErrorCode } from "./errors";

/**
 * Bounds on the shape of a GraphQL document. A document over any bound is rejected before it runs.
 *
 * The cost model is graphql-armor's: a scalar field costs 1, an object field 2 plus 1.5 × the cost of
 * its selections, and a field with a literal `first`/`last` argument multiplies its whole cost by it.
 */
export interface QueryLimits {
  /** Deepest field nesting, not counting fragments as levels. */
  readonly maxDepth: number;
  /** Aliased fields per operation (`__typename` aliases are free). */
  readonly maxAliases: number;
  /** Highest graphql-armor cost per operation. */
  readonly maxCost: number;
  /** Lexical tokens per document. */
  readonly maxTokens: number;
  /** Directives per operation. */
  readonly maxDirectives: number;
}

/**
 * The limits of the public API.
 *
 * - depth 10: the deepest question in DOMAIN.md, replications of an innovation with the adopter's
 *   region and its province (`innovations.nodes.replications.nodes.adopter.region.parent.name`),
 *   is 7–8 levels; 10 leaves room for a connection wrapper but stops recursive walks.
 * - aliases 15: enough to ask for a few filtered lists side by side, too few to fan one query out
 *   into a batch of hundreds of lookups.
 * - cost 50 000: a page of 100 innovations, each with a dozen fields, its institution, region and
 *   awards → edition → competition, costs about 14 000 (22 000 with a nested page of 10
 *   replications each); a page of 100 with a nested page of 100 underneath costs over 200 000, and
 *   five full pages side by side about 70 000: both are refused.
 * - tokens 2 000: a generous hand-written query is a few hundred tokens; this caps parser work.
 * - directives 50: graphql-armor's default; `@include`/`@skip` are all a client needs.
 */
export const DEFAULT_QUERY_LIMITS: QueryLimits = Object.freeze({
  maxDepth: 10,
  maxAliases: 15,
  maxCost: 50_000,
  maxTokens: 2_000,
  maxDirectives: 50,
});

/** Apollo server options that enforce a set of {@link QueryLimits}. */
export interface QueryLimitOptions {
  plugins: ApolloServerPlugin<BaseContext>[];
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
}

// graphql-armor prefixes every rejection with "Syntax Error: ", which is misleading for a depth or
// cost limit. Reporting through the validation context keeps the rejection a validation error
// (GRAPHQL_VALIDATION_FAILED, HTTP 400) with an honest message.
function reportRejection(context: ValidationContext | null, error: GraphQLError): void {
  context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, "")));
}

const reject = { propagateOnRejection: false, onReject: [reportRejection] };

function costLimitOptions(limits: QueryLimits) {
  // Flattened fragments: a client's choice of fragments must not change the price of the data.
  return { maxCost: limits.maxCost, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5, flattenFragments: true, ...reject };
}

/**
 * Builds the plugins, validation rules and parse options that enforce `limits`, on graphql-armor.
 * Armor's own token limit is replaced by graphql-js's `maxTokens` parse option, which stops the
 * parser itself (armor's re-parses the document in a plugin hook whose error Apollo turns into a
 * 500). Armor's field-suggestion blocking is off: the schema is public and introspectable, so
 * "Did you mean …" hides nothing and helps clients.
 */
export function queryLimitOptions(limits: QueryLimits = DEFAULT_QUERY_LIMITS): QueryLimitOptions {
  const armor = new ApolloArmor({
    blockFieldSuggestion: { enabled: false },
    maxTokens: { enabled: false },
    maxDepth: { n: limits.maxDepth, flattenFragments: true, ...reject },
    maxAliases: { n: limits.maxAliases, ...reject },
    maxDirectives: { n: limits.maxDirectives, ...reject },
    costLimit: costLimitOptions(limits),
  }).protect();
  return {
    plugins: [...armor.plugins, variableAwareCostPlugin(limits)],
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
  };
}

const PAGE_ARGUMENTS = new Set(["first", "last"]);

// Federation's `_entities(representations:)` answers one entity per representation, so it is priced
// like a page of that many: as if it had `first: <number of representations>`.
const ENTITIES_FIELD = "_entities";
const REPRESENTATIONS_ARGUMENT = "representations";

/**
 * Validation runs once per document, before variables are known, so armor prices
 * `first: $n` as a single item. This plugin prices the resolved operation again with the request's
 * page-size variables written in as literals, so that a page size cannot be smuggled past the cost
 * limit through a variable. A gateway's `_entities(representations: $r)` is priced the same way,
 * by the number of representations in `$r`.
 */
function variableAwareCostPlugin(limits: QueryLimits): ApolloServerPlugin<BaseContext> {
  const [costRule] = new ApolloArmor({
    blockFieldSuggestion: { enabled: false },
    maxTokens: { enabled: false },
    maxDepth: { enabled: false },
    maxAliases: { enabled: false },
    maxDirectives: { enabled: false },
    costLimit: costLimitOptions(limits),
  }).protect().validationRules;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema }) {
          if (!operation) return;
          const inlined = inlinePageSizeVariables(document, operation, request.variables ?? {});
          if (!inlined) return;
          const [error] = validate(schema, inlined, [costRule]);
          if (error) {
            throw new GraphQLError(error.message, {
              extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

/**
 * The operation (with every fragment) where each `first`/`last` argument given by a variable is
 * replaced by the variable's integer value or default, and each `_entities` field gets a `first`
 * argument that counts its representations; null when nothing was replaced. The result is only for
 * pricing: `first` is not an argument of `_entities`.
 */
function inlinePageSizeVariables(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): DocumentNode | null {
  const defaults = new Map<string, ValueNode>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) defaults.set(definition.variable.name.value, definition.defaultValue);
  }
  const valueOf = (name: string): string | null => {
    const given = variables[name];
    if (typeof given === "number" && Number.isInteger(given)) return String(given);
    const fallback = defaults.get(name);
    return given === undefined && fallback?.kind === Kind.INT ? fallback.value : null;
  };
  let replaced = false;
  const selected: DocumentNode = {
    ...document,
    definitions: document.definitions.filter((d) => d === operation || d.kind === Kind.FRAGMENT_DEFINITION),
  };
  const representationCount = (field: FieldNode): number | null => {
    const argument = field.arguments?.find((a) => a.name.value === REPRESENTATIONS_ARGUMENT);
    if (argument?.value.kind === Kind.LIST) return argument.value.values.length;
    const given = argument?.value.kind === Kind.VARIABLE ? variables[argument.value.name.value] : undefined;
    return Array.isArray(given) ? given.length : null;
  };
  const inlined = visit(selected, {
    Field(node) {
      if (node.name.value !== ENTITIES_FIELD) return undefined;
      const count = representationCount(node);
      if (count === null) return undefined;
      replaced = true;
      const first: ArgumentNode = { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: "first" }, value: { kind: Kind.INT, value: String(count) } };
      return { ...node, arguments: [...(node.arguments ?? []), first] };
    },
    Argument(node) {
      if (!PAGE_ARGUMENTS.has(node.name.value) || node.value.kind !== Kind.VARIABLE) return undefined;
      const value = valueOf(node.value.name.value);
      if (value === null) return undefined;
      replaced = true;
      return { ...node, value: { kind: Kind.INT, value } };
    },
  });
  return replaced ? inlined : null;
}
