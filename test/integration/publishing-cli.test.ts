import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataSource } from "typeorm";
import { hashSecret, parseApiKey } from "../../src/publishing/api-key";
import { encodeGlobalId } from "../../src/schema/global-id";
import { openTestDataSource, testDatabaseUrl } from "../helpers/db";
import { Factory } from "../helpers/factories";
import { catalogueSchema } from "../helpers/graphql";
import { runInovasi } from "../helpers/inovasi-process";
import { PublisherFixture } from "../helpers/publishers";
import { startTestServer, type TestServer } from "../helpers/server";

/** Runs `inovasi publisher …` on the run's test database, as a user would. */
function publisherCli(args: string[]) {
  return runInovasi(["publisher", ...args], { DATABASE_URL: testDatabaseUrl() });
}

const KEY = /inovasi_[0-9a-f]{12}_[A-Za-z0-9_-]{43}/g;

/** The one API key `text` prints; fails unless there is exactly one. */
function onlyKey(text: string): string {
  const keys: string[] = text.match(KEY) ?? [];
  expect(keys).toHaveLength(1);
  return keys[0] ?? "";
}

describe("inovasi publisher", () => {
  let ds: DataSource;
  let server: TestServer;
  let f: Factory;
  let fixture: PublisherFixture;
  let name: string;
  let institutionId: string;

  beforeAll(async () => {
    ds = await openTestDataSource();
    server = await startTestServer({ schema: await catalogueSchema() });
    f = new Factory(ds);
    fixture = new PublisherFixture(ds, f.tag);
    name = `Publisher ${f.tag} Biro Organisasi Setda Provinsi Jawa Tengah`;
    institutionId = encodeGlobalId("Institution", await f.institution({ regionCode: "33.74" }));
  });

  afterAll(async () => {
    await fixture?.cleanup();
    await f?.cleanup();
    await server?.stop();
    await ds?.destroy();
  });

  /** A saveInnovation over HTTP with the key in the Authorization header. */
  async function save(key: string, label: string) {
    const response = await server.graphql(
      `mutation($input: SaveInnovationInput!) { saveInnovation(input: $input) { innovation { name } userErrors { message } } }`,
      { input: { name: `${label} ${f.tag}`, sector: "HEALTH", institution: { id: institutionId }, source: { url: `https://example.org/cli-${f.tag}-${label}` } } },
      { authorization: `Bearer ${key}` },
    );
    return response.body;
  }

  it("creates a publisher and prints its key once; only the key's hash is stored; the key writes over HTTP; revoking it stops it", async () => {
    const created = await publisherCli(["create", "--name", name, "--region", "33", "--competition", "kipp-jateng"]);
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`Created publisher "${name}" (regional_government), scope: region 33 Jawa Tengah; competitions kipp-jawa-tengah.`);
    const key = onlyKey(created.stdout);
    const { prefix, secret } = parseApiKey(key)!;

    const stored: Record<string, unknown>[] = await ds.query(`SELECT k.* FROM api_key k JOIN publisher p ON p.id = k.publisher_id WHERE p.name = $1`, [name]);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ prefix, secret_hash: hashSecret(secret), revoked_at: null, last_used_at: null });
    expect(JSON.stringify(stored)).not.toContain(secret);

    const written = await save(key, "Sehat");
    expect(written.errors).toBeUndefined();
    expect(written.data?.saveInnovation).toEqual({ innovation: { name: `Sehat ${f.tag}` }, userErrors: [] });

    const listed = await publisherCli(["list"]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`^${name} \\(regional_government\\), scope: region 33 Jawa Tengah; competitions kipp-jawa-tengah\\n  key ${prefix}  created \\d{4}-\\d{2}-\\d{2}  last used \\d{4}-\\d{2}-\\d{2}  active$`, "m"));
    expect(listed.stdout).not.toMatch(KEY);

    const revoked = await publisherCli(["revoke", prefix]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toBe(`Revoked key ${prefix} of "${name}". Requests with it now fail with UNAUTHENTICATED.\n`);
    const refused = await save(key, "Ditolak");
    expect(refused.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect(refused.errors?.[0].message).toMatch(/^This API key was revoked on /);
    expect((await publisherCli(["revoke", key])).stdout).toMatch(/was already revoked on \d{4}-\d{2}-\d{2}\.\n$/);
    expect((await publisherCli(["list"])).stdout).toMatch(new RegExp(`key ${prefix} .* revoked \\d{4}-\\d{2}-\\d{2}$`, "m"));

    const renewed = await publisherCli(["key", "--name", name]);
    expect(renewed.code).toBe(0);
    const newKey = onlyKey(renewed.stdout);
    expect(newKey).not.toBe(key);
    expect((await save(newKey, "Baru")).errors).toBeUndefined();
  });

  it("says what is wrong with a bad command, and creates nothing", async () => {
    const count = async () => (await ds.query(`SELECT count(*)::int AS n FROM publisher`))[0].n as number;
    const before = await count();
    const duplicate = await publisherCli(["create", "--name", name.toUpperCase(), "--region", "33"]);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toBe(`inovasi publisher: A publisher named "${name}" already exists; give it a new key with "inovasi publisher key".\n`);
    const scopeless = await publisherCli(["create", "--name", `Publisher ${f.tag} X`]);
    expect(scopeless.code).toBe(1);
    expect(scopeless.stderr).toMatch(/needs a scope: a region \(--region\), one or more competitions it organises \(--competition\), or both/);
    const region = await publisherCli(["create", "--name", `Publisher ${f.tag} Y`, "--region", "Atlantis"]);
    expect(region.code).toBe(1);
    expect(region.stderr).toMatch(/Region "Atlantis": not a Kemendagri code nor a known province, regency or city/);
    const competition = await publisherCli(["create", "--name", `Publisher ${f.tag} Z`, "--competition", "kipp-atlantis"]);
    expect(competition.code).toBe(1);
    expect(competition.stderr).toMatch(/No competition has the slug "kipp-atlantis"\. Did you mean "kipp"/);
    const unknownKey = await publisherCli(["revoke", "abcdefabcdef"]);
    expect(unknownKey.code).toBe(1);
    const usage = await publisherCli([]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/Name an action/);
    expect(await count()).toBe(before);
  });
});
