import { composeServices } from "@apollo/composition";
import { ApolloGateway, LocalGraphQLDataSource, RemoteGraphQLDataSource } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogueSchema } from "../helpers/graphql";
import { startTestServer, type TestServer } from "../helpers/server";
import { BUDGET_TYPE_DEFS, createBudgetSubgraph, type BudgetLine } from "./budget-subgraph";

/**
 * The catalogue composed with another organisation's subgraph, end to end: the catalogue runs as its
 * real HTTP server on an ephemeral port (limits, error masking and all), the budget subgraph runs
 * in-process, @apollo/composition composes their SDLs the way `rover supergraph compose` does, and
 * @apollo/gateway plans and executes queries that cross both.
 */
describe("the catalogue behind an Apollo Gateway, composed with a budget subgraph", () => {
  let catalogue: TestServer;
  let gateway: ApolloServer;
  /** SQL statements of each request the gateway sent the catalogue, as reported by x-inovasi-debug. */
  const catalogueStatements: number[] = [];
  let lines: BudgetLine[];

  beforeAll(async () => {
    catalogue = await startTestServer({ schema: await catalogueSchema() });
    // Twenty innovations of the seed catalogue get budgets: Lapor Hendi the largest.
    const slugs: { slug: string }[] = await catalogue.database.dataSource.query(
      `SELECT slug FROM innovation WHERE slug <> 'lapor-hendi' ORDER BY id LIMIT 19`,
    );
    lines = [
      { innovationSlug: "lapor-hendi", year: 2024, amountIdr: 2_500_000_000, fundedBy: "APBD Kota Semarang" },
      { innovationSlug: "lapor-hendi", year: 2023, amountIdr: 1_750_000_000, fundedBy: "APBD Kota Semarang" },
      ...slugs.map((s, i) => ({ innovationSlug: s.slug, year: 2024, amountIdr: 100_000_000 * (i + 1), fundedBy: "APBD" })),
    ];

    // The catalogue's SDL comes from the running server, as `rover subgraph introspect` fetches it.
    const service = await catalogue.graphql(`{ _service { sdl } }`);
    const catalogueSdl = (service.body.data?._service as { sdl: string }).sdl;
    const composition = composeServices([
      { name: "catalogue", url: catalogue.http.graphqlUrl, typeDefs: parse(catalogueSdl) },
      { name: "budget", url: "in-process://budget", typeDefs: BUDGET_TYPE_DEFS },
    ]);
    if (composition.errors) throw new Error(`Composition failed:\n${composition.errors.map((e) => e.message).join("\n")}`);

    const budgetSchema = createBudgetSubgraph(lines);
    gateway = new ApolloServer({
      gateway: new ApolloGateway({
        supergraphSdl: composition.supergraphSdl,
        buildService: ({ name, url }) =>
          name === "budget"
            ? new LocalGraphQLDataSource(budgetSchema)
            : new RemoteGraphQLDataSource({
                url,
                willSendRequest({ request }) {
                  request.http?.headers.set("x-inovasi-debug", "1");
                },
                didReceiveResponse({ response }) {
                  catalogueStatements.push(Number(response.extensions?.sqlStatements));
                  return response;
                },
              }),
      }),
    });
    await gateway.start();
  });

  afterAll(async () => {
    await gateway?.stop();
    await catalogue?.stop();
  });

  async function query<T>(text: string): Promise<T> {
    catalogueStatements.length = 0;
    const response = await gateway.executeOperation({ query: text });
    if (response.body.kind !== "single") throw new Error("Unexpected incremental response");
    const { data, errors } = response.body.singleResult;
    if (errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(errors, null, 2)}`);
    return data as T;
  }

  it("adds the budget subgraph's field to a catalogue innovation", async () => {
    const data = await query<{
      innovation: { name: string; region: { name: string }; awards: { label: string }[]; budgets: { year: number; amountIdr: number; fundedBy: string }[] };
    }>(`{ innovation(slug: "lapor-hendi") { name region { name } awards { label } budgets { year amountIdr fundedBy } } }`);
    expect(data.innovation.name).toBe("Lapor Hendi");
    expect(data.innovation.region.name).toBe("Kota Semarang");
    expect(data.innovation.awards.map((a) => a.label)).toContain("Outstanding Achievement");
    expect(data.innovation.budgets).toEqual([
      { year: 2024, amountIdr: 2_500_000_000, fundedBy: "APBD Kota Semarang" },
      { year: 2023, amountIdr: 1_750_000_000, fundedBy: "APBD Kota Semarang" },
    ]);
  });

  it("resolves the budget subgraph's innovation references through the catalogue's reference resolvers", async () => {
    const data = await query<{
      largestBudgets: { amountIdr: number; innovation: { slug: string; name: string; institution: { name: string } } }[];
    }>(`{ largestBudgets(first: 20) { amountIdr innovation { slug name institution { name } } } }`);
    expect(data.largestBudgets).toHaveLength(20);
    const [first] = data.largestBudgets;
    expect(first.amountIdr).toBe(2_500_000_000);
    expect(first.innovation).toEqual({ slug: "lapor-hendi", name: "Lapor Hendi", institution: { name: "Pemerintah Kota Semarang" } });
    // Every reference was resolved by the catalogue, to the innovation the budget line names.
    const names: { slug: string; name: string }[] = await catalogue.database.dataSource.query(
      `SELECT slug, name FROM innovation WHERE slug = ANY($1::text[])`,
      [data.largestBudgets.map((b) => b.innovation.slug)],
    );
    const nameOf = new Map(names.map((n) => [n.slug, n.name]));
    for (const budget of data.largestBudgets) expect(budget.innovation.name).toBe(nameOf.get(budget.innovation.slug));
    // One request to the catalogue for all twenty references: innovations by slug, then their institutions.
    expect(catalogueStatements).toEqual([2]);
  });

  it("crosses the subgraphs twice in one query: budget → catalogue → budget", async () => {
    const data = await query<{
      largestBudgets: { innovation: { institution: { innovations: { nodes: { slug: string; budgets: { amountIdr: number }[] }[] } } } }[];
    }>(`{ largestBudgets(first: 1) { innovation { institution { innovations(first: 50) { nodes { slug budgets { amountIdr } } } } } } }`);
    const nodes = data.largestBudgets[0].innovation.institution.innovations.nodes;
    // Lapor Hendi's institution runs Lapor Hendi, whose budgets come back from the budget subgraph.
    expect(nodes.find((n) => n.slug === "lapor-hendi")?.budgets).toEqual([{ amountIdr: 2_500_000_000 }, { amountIdr: 1_750_000_000 }]);
    const budgeted = new Set(lines.map((l) => l.innovationSlug));
    for (const n of nodes) expect(n.budgets.length > 0, n.slug).toBe(budgeted.has(n.slug));
  });
});
