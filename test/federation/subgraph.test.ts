import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Kind, parse } from "graphql";
import type { DataSource } from "typeorm";
import { renderSchema } from "../../scripts/print-schema";
import { encodeGlobalId } from "../../src/schema/global-id";
import { DEFAULT_QUERY_LIMITS } from "../../src/server/limits";
import { openTestDataSource } from "../helpers/db";
import { catalogueSchema, TestClient } from "../helpers/graphql";
import { startTestServer, type TestServer } from "../helpers/server";

const ENTITIES = `query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Innovation { id slug name }
    ... on Institution { id slug name }
    ... on Region { id code name }
    ... on Competition { id slug name }
    ... on CompetitionEdition { id year name }
  }
}`;

type Entity = { __typename: string; id: string; slug?: string; code?: string; name: string; year?: number } | null;

describe("the catalogue as a Federation 2 subgraph", () => {
  let ds: DataSource;
  let client: TestClient;
  // 100 of each entity type from the seed catalogue, as [global ID, other key].
  const sample: Record<string, { id: string; key: string | null }[]> = {};

  beforeAll(async () => {
    ds = await openTestDataSource();
    client = await TestClient.create(ds);
    const take = async (type: "Innovation" | "Institution" | "Competition" | "CompetitionEdition", sql: string) => {
      const rows: { id: number; key: string | null }[] = await ds.query(sql);
      sample[type] = rows.map((r) => ({ id: encodeGlobalId(type, r.id), key: r.key }));
    };
    await take("Innovation", `SELECT id, slug AS key FROM innovation ORDER BY id LIMIT 100`);
    await take("Institution", `SELECT id, slug AS key FROM institution ORDER BY id LIMIT 100`);
    await take("Competition", `SELECT id, slug AS key FROM competition ORDER BY id LIMIT 100`);
    await take("CompetitionEdition", `SELECT id, NULL AS key FROM competition_edition ORDER BY id LIMIT 100`);
    const regions: { code: string }[] = await ds.query(`SELECT code FROM region ORDER BY code LIMIT 100`);
    sample.Region = regions.map((r) => ({ id: encodeGlobalId("Region", r.code), key: r.code }));
  });

  afterAll(async () => {
    await client?.stop();
    await ds?.destroy();
  });

  it("answers _service { sdl } with every type of schema.graphql, @link and @key directives included", async () => {
    const data = await client.data<{ _service: { sdl: string } }>(`{ _service { sdl } }`);
    const sdl = data._service.sdl;
    const typeNames = (text: string) =>
      parse(text).definitions.flatMap((d) => ("name" in d && d.name && d.kind !== Kind.DIRECTIVE_DEFINITION ? [d.name.value] : []));
    const committed = typeNames(await renderSchema());
    expect(committed.length).toBeGreaterThan(50);
    expect(new Set(typeNames(sdl))).toEqual(new Set([...committed, "_Any", "_Entity", "_Service", "federation__FieldSet", "federation__Policy", "federation__Scope", "link__Import", "link__Purpose"]));
    expect(sdl).toContain(`@link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])`);
    for (const [type, keys] of Object.entries({
      Innovation: ["id", "slug"],
      Institution: ["id", "slug"],
      Region: ["id", "code"],
      Competition: ["id", "slug"],
      CompetitionEdition: ["id"],
    })) {
      const declaration = sdl.slice(sdl.indexOf(`type ${type} implements Node`), sdl.indexOf("{", sdl.indexOf(`type ${type} implements Node`)));
      expect(declaration.match(/@key\(fields: "(\w+)"\)/g), type).toEqual(keys.map((k) => `@key(fields: "${k}")`));
    }
  });

  it("lists the five entity types in the _Entity union", async () => {
    const union = (await catalogueSchema()).getType("_Entity") as unknown as { getTypes(): { name: string }[] };
    expect(union.getTypes().map((t) => t.name).sort()).toEqual(["Competition", "CompetitionEdition", "Innovation", "Institution", "Region"]);
  });

  for (const [type, keyField] of [
    ["Innovation", "id"],
    ["Innovation", "slug"],
    ["Institution", "id"],
    ["Institution", "slug"],
    ["Region", "id"],
    ["Region", "code"],
    ["Competition", "id"],
    ["Competition", "slug"],
    ["CompetitionEdition", "id"],
  ] as const) {
    it(`resolves ${type} representations by ${keyField}, all of them in one SQL statement`, async () => {
      const wanted = sample[type];
      const representations = wanted.map((w) => ({ __typename: type, [keyField]: keyField === "id" ? w.id : w.key }));
      const result = await client.run<{ _entities: Entity[] }>(ENTITIES, { representations });
      expect(result.errors).toBeUndefined();
      const entities = result.data!._entities;
      expect(entities).toHaveLength(wanted.length);
      // Results line up with the representations, in order.
      expect(entities.map((e) => e?.id)).toEqual(wanted.map((w) => w.id));
      expect(entities.every((e) => e?.__typename === type && e.name.length > 0)).toBe(true);
      expect(result.statements).toBe(1);
    });
  }

  it("has at least 100 representations to batch for every type but Competition", () => {
    // The statement-count cases above are only meaningful with full batches.
    for (const type of ["Innovation", "Institution", "Region"]) expect(sample[type], type).toHaveLength(100);
    expect(sample.CompetitionEdition.length).toBeGreaterThanOrEqual(40);
    expect(sample.Competition.length).toBeGreaterThanOrEqual(15);
  });

  it("costs one statement per type for a mixed batch, and one more per relation", async () => {
    const representations = [
      ...sample.Innovation.slice(0, 50).map((w) => ({ __typename: "Innovation", id: w.id })),
      ...sample.Region.slice(0, 50).map((w) => ({ __typename: "Region", code: w.key })),
    ];
    const query = `query($representations: [_Any!]!) { _entities(representations: $representations) {
      ... on Innovation { name institution { name } } ... on Region { name } } }`;
    const result = await client.run<{ _entities: ({ name: string; institution?: { name: string } } | null)[] }>(query, { representations });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities.slice(0, 50).every((e) => e?.institution?.name)).toBe(true);
    // innovations by id, regions by code, the innovations' institutions
    expect(result.statements).toBe(3);
  });

  it("answers Lapor Hendi by slug with its relations, as a gateway would ask for them", async () => {
    const query = `query($representations: [_Any!]!) { _entities(representations: $representations) {
      ... on Innovation { name region { code } institution { slug } awards { label edition { year } } } } }`;
    const data = await client.data<{ _entities: { name: string; region: { code: string }; institution: { slug: string }; awards: { label: string; edition: { year: number } }[] }[] }>(
      query,
      { representations: [{ __typename: "Innovation", slug: "lapor-hendi" }] },
    );
    const [laporHendi] = data._entities;
    expect(laporHendi.name).toBe("Lapor Hendi");
    expect(laporHendi.region.code).toBe("33.74");
    expect(laporHendi.institution.slug).toBe("pemerintah-kota-semarang");
    expect(laporHendi.awards.map((a) => `${a.label}@${a.edition.year}`)).toContain("Outstanding Achievement@2020");
  });

  it("resolves a key that matches nothing to null, without failing the others", async () => {
    const representations = [
      { __typename: "Innovation", slug: "no-such-innovation" },
      { __typename: "Innovation", id: encodeGlobalId("Innovation", 999_999_999) },
      { __typename: "Region", code: "99.99" },
      { __typename: "Innovation", slug: "lapor-hendi" },
    ];
    const result = await client.run<{ _entities: Entity[] }>(ENTITIES, { representations });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities.map((e) => e?.name ?? null)).toEqual([null, null, null, "Lapor Hendi"]);
  });

  it("rejects malformed representations with BAD_USER_INPUT that names the problem", async () => {
    const representations = [
      { __typename: "Innovation", id: encodeGlobalId("Region", "33") },
      { __typename: "Innovation", name: "Lapor Hendi" },
      { __typename: "Competition", slug: 7 },
      { __typename: "Innovation", slug: "lapor-hendi" },
    ];
    const result = await client.run<{ _entities: Entity[] }>(ENTITIES, { representations });
    expect(result.data!._entities.map((e) => e?.name ?? null)).toEqual([null, null, null, "Lapor Hendi"]);
    const errors = [...(result.errors ?? [])].sort((a, b) => String(a.path).localeCompare(String(b.path)));
    expect(errors.map((e) => [e.path?.join("."), e.extensions?.code])).toEqual([
      ["_entities.0", "BAD_USER_INPUT"],
      ["_entities.1", "BAD_USER_INPUT"],
      ["_entities.2", "BAD_USER_INPUT"],
    ]);
    expect(errors[0].message).toMatch(/ID of a Region, but an Innovation ID is needed/);
    expect(errors[1].message).toBe('A representation of Innovation needs one of its key fields: "id" or "slug".');
    expect(errors[2].message).toBe('A representation of Competition has a non-string "slug": 7.');
  });
});

describe("the query limits on federation fields", () => {
  let server: TestServer;
  let innovationIds: string[];

  beforeAll(async () => {
    server = await startTestServer({ schema: await catalogueSchema() });
    const rows: { id: number }[] = await server.database.dataSource.query(`SELECT id FROM innovation ORDER BY id`);
    innovationIds = rows.map((r) => encodeGlobalId("Innovation", r.id));
  });

  afterAll(async () => {
    await server?.stop();
  });

  // About 63 per entity, as for a page of innovations with these relations: 1 000 cost 63 250.
  const HEAVY = `query($representations: [_Any!]!) { _entities(representations: $representations) {
    ... on Innovation { name summary institution { name kind } region { name parent { name } }
                        awards { label tier edition { year name competition { name level } } } } } }`;

  it("price _entities by its number of representations, like a page of that many", async () => {
    const many = Array.from({ length: 1_000 }, (_, i) => ({ __typename: "Innovation", id: innovationIds[i % innovationIds.length] }));
    const rejected = await server.graphql(HEAVY, { representations: many });
    expect(rejected.status).toBe(400);
    expect(rejected.body.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(rejected.body.errors?.[0].message).toMatch(new RegExp(`^Query Cost limit of ${DEFAULT_QUERY_LIMITS.maxCost} exceeded, found \\d+`));

    const hundred = many.slice(0, 100);
    const accepted = await server.graphql(HEAVY, { representations: hundred });
    expect(accepted.body.errors).toBeUndefined();
    expect((accepted.body.data?._entities as unknown[]).length).toBe(100);
  });

  it("price representations written inline the same way", async () => {
    // Inline lists are bounded by the token limit first, so this uses a lower cost limit: about 63 per
    // representation of this selection, 630 for 10, 6 300 for 100.
    const strict = await startTestServer({ schema: await catalogueSchema(), limits: { maxCost: 5_000 } });
    try {
      const selection = HEAVY.slice(HEAVY.indexOf("... on Innovation"), HEAVY.lastIndexOf("}", HEAVY.lastIndexOf("}") - 1));
      const inline = (n: number) =>
        `{ _entities(representations: [${innovationIds.slice(0, n).map((id) => `{ __typename: "Innovation", id: "${id}" }`).join(" ")}]) { ${selection} } }`;
      const rejected = await strict.graphql(inline(100));
      expect(rejected.body.errors?.[0].message).toMatch(/^Query Cost limit of 5000 exceeded, found \d+/);
      const accepted = await strict.graphql(inline(10));
      expect(accepted.body.errors).toBeUndefined();
      expect((accepted.body.data?._entities as unknown[]).length).toBe(10);
    } finally {
      await strict.stop();
    }
  });

  it("let _service { sdl } through at a trivial cost", async () => {
    const result = await server.graphql(`{ _service { sdl } }`, undefined, { "x-inovasi-debug": "1" });
    expect(result.body.errors).toBeUndefined();
    expect(result.body.extensions?.sqlStatements).toBe(0);
  });
});
