/**
 * The PostGraphile 5 peer of the benchmark: the amber preset over the same database, in its own
 * process, with the few additions it needs to answer the same questions as our graph:
 * - a `rowIds` condition on innovations, the closest thing to federation's `_entities`;
 * - a `tiers` condition and orderings by tier rank and edition year on award results (graphile-utils
 *   addPgTableCondition / addPgTableOrderBy), for the winners page;
 * - a virtual foreign key (smart tag) from source_link.subject_id to innovation, for an
 *   innovation's sources (source_link is polymorphic, so Postgres has no constraint to introspect);
 * - `statsByProvinceYear`, one hand-written SQL statement behind extendSchema, because PostGraphile
 *   has no grouped aggregates without a plugin that is not installed (@graphile/pg-aggregates).
 *
 * PostGraphile 5 wants Node ≥ 22; on Node 20 it runs with a Promise.withResolvers polyfill (see
 * promise-with-resolvers.ts).
 *
 * Environment: DATABASE_URL, PORT (0: any free port). Prints one JSON line `{"ready":true,"port":N}`
 * once it listens. GET /__bench/statements answers the number of SQL statements sent so far.
 */
import "./promise-with-resolvers";
import { createServer } from "node:http";
import pg from "pg";
import { postgraphile } from "postgraphile";
import { withPgClient } from "postgraphile/@dataplan/pg";
import { makePgService } from "postgraphile/adaptors/pg";
import { constant } from "postgraphile/grafast";
import { grafserv } from "postgraphile/grafserv/node";
import { printSchema } from "postgraphile/graphql";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { addPgTableCondition, addPgTableOrderBy, extendSchema, gql, jsonPgSmartTags, orderByAscDesc } from "postgraphile/utils";
import { countStatements } from "./statement-counter";

const statements = countStatements(pg);

const awardTable = { schemaName: "public", tableName: "award_result" };

const TiersCondition = addPgTableCondition(
  awardTable,
  "tiers",
  (build) => ({ type: new build.graphql.GraphQLList(new build.graphql.GraphQLNonNull(build.graphql.GraphQLString)) }),
  (value, { sql, sqlTableAlias, sqlValueWithCodec, build }) =>
    value == null ? null : sql`${sqlTableAlias}.tier = ANY(${sqlValueWithCodec(value, build.dataplanPg.listOfCodec(build.dataplanPg.TYPES.text))})`,
);

const RowIdsCondition = addPgTableCondition(
  { schemaName: "public", tableName: "innovation" },
  "rowIds",
  (build) => ({ type: new build.graphql.GraphQLList(new build.graphql.GraphQLNonNull(build.graphql.GraphQLInt)) }),
  (value, { sql, sqlTableAlias, sqlValueWithCodec, build }) =>
    value == null ? null : sql`${sqlTableAlias}.id = ANY(${sqlValueWithCodec(value, build.dataplanPg.listOfCodec(build.dataplanPg.TYPES.int))})`,
);

const AwardOrders = addPgTableOrderBy(awardTable, (build) => ({
  ...orderByAscDesc("TIER_RANK", "tier_rank"),
  ...orderByAscDesc("EDITION_YEAR", (queryBuilder) => ({
    fragment: build.sql`(SELECT e.year FROM competition_edition e WHERE e.id = ${queryBuilder.alias}.edition_id)`,
    codec: build.dataplanPg.TYPES.int,
  })),
}));

const SourcesOfInnovation = jsonPgSmartTags({
  version: 1,
  config: {
    class: {
      source_link: {
        tags: { foreignKey: "(subject_id) references innovation (id)|@fieldName subjectInnovation|@foreignFieldName sourceLinks" },
      },
    },
  },
});

const STATS_SQL = `
  SELECT left(i.region_code, 2) AS "provinceCode", r.name AS "provinceName", e.year,
         count(DISTINCT i.id)::int AS "innovationCount", count(a.id)::int AS "awardCount"
    FROM award_result a
    JOIN competition_edition e ON e.id = a.edition_id
    JOIN competition c ON c.id = e.competition_id
    JOIN innovation i ON i.id = a.innovation_id
    LEFT JOIN region r ON r.code = left(i.region_code, 2)
   WHERE c.level = ANY($1::text[]) AND a.tier = ANY($2::text[])
   GROUP BY 1, 2, 3
   ORDER BY 3, 5 DESC, 1`;

const Stats = extendSchema((build) => {
  const executor = build.input.pgRegistry.pgExecutors.main;
  return {
    typeDefs: gql`
      type ProvinceYearStat {
        provinceCode: String
        provinceName: String
        year: Int!
        innovationCount: Int!
        awardCount: Int!
      }
      extend type Query {
        statsByProvinceYear(levels: [String!]!, tiers: [String!]!): [ProvinceYearStat!]!
      }
    `,
    objects: {
      Query: {
        plans: {
          statsByProvinceYear(_, fieldArgs) {
            const $levels = fieldArgs.getRaw("levels");
            const $tiers = fieldArgs.getRaw("tiers");
            return withPgClient(executor, [$levels, $tiers, constant(STATS_SQL)], async (client, [levels, tiers, text]) => {
              const { rows } = await client.query({ text, values: [levels, tiers] });
              return rows;
            });
          },
        },
      },
    },
  };
});

const preset: GraphileConfig.Preset = {
  extends: [PostGraphileAmberPreset],
  plugins: [TiersCondition, RowIdsCondition, AwardOrders, SourcesOfInnovation, Stats],
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL!, schemas: ["public"], poolConfig: { max: 10 } })],
  grafserv: { graphqlPath: "/graphql", watch: false },
};
const pgl = postgraphile(preset);
if (process.argv.includes("--print-schema")) {
  process.stdout.write(printSchema(await pgl.getSchema()));
  await pgl.release();
} else {
  const serv = pgl.createServ(grafserv);
  await serv.ready();
  const handle = serv.createHandler();
  const server = createServer((req, res) => {
    handle(req, res, () => {
      if (req.url === "/__bench/statements") res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ statements: statements.count }));
      else res.writeHead(404).end();
    });
  });
  server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
    const address = server.address();
    process.stdout.write(`${JSON.stringify({ ready: true, port: typeof address === "object" && address ? address.port : 0 })}\n`);
  });
}
