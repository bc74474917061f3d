import { buildSubgraphSchema } from "@apollo/subgraph";
import { parse, type DocumentNode, type GraphQLSchema } from "graphql";

/** One budget line as a regional finance office might publish it. */
export interface BudgetLine {
  /** The catalogue's innovation slug: the key this subgraph knows innovations by. */
  innovationSlug: string;
  year: number;
  amountIdr: number;
  fundedBy: string;
}

/**
 * A second, independent subgraph for the federation tests: another organisation's graph that knows
 * innovations only by the catalogue's `slug` key and adds `budgets` to them. It holds no catalogue
 * data, so any innovation field beyond `slug` in an answer must come from the catalogue subgraph.
 */
export const BUDGET_TYPE_DEFS: DocumentNode = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  "An innovation of the catalogue subgraph, extended with its budget."
  type Innovation @key(fields: "slug") {
    "The catalogue's slug of the innovation."
    slug: String!
    "Budget lines of the innovation, newest year first."
    budgets: [Budget!]!
  }

  "A budget line."
  type Budget {
    "Fiscal year."
    year: Int!
    "Amount in rupiah."
    amountIdr: Float!
    "Where the money comes from, e.g. APBD."
    fundedBy: String!
    "The innovation it funds."
    innovation: Innovation!
  }

  type Query {
    "The largest budget lines, largest first."
    largestBudgets(first: Int!): [Budget!]!
  }
`);

/** Builds the budget subgraph's schema over a fixed list of budget lines. */
export function createBudgetSubgraph(lines: readonly BudgetLine[]): GraphQLSchema {
  const byAmount = [...lines].sort((a, b) => b.amountIdr - a.amountIdr);
  return buildSubgraphSchema([
    {
      typeDefs: BUDGET_TYPE_DEFS,
      resolvers: {
        Query: {
          largestBudgets: (_: unknown, args: { first: number }) => byAmount.slice(0, args.first),
        },
        Innovation: {
          __resolveReference: (reference: { slug: string }) => ({ slug: reference.slug }),
          budgets: (innovation: { slug: string }) =>
            lines.filter((l) => l.innovationSlug === innovation.slug).sort((a, b) => b.year - a.year),
        },
        Budget: {
          innovation: (line: BudgetLine) => ({ slug: line.innovationSlug }),
        },
      } as never,
    },
  ]);
}
