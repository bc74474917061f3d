import type { DataSource, EntityManager } from "typeorm";
import { foldKey } from "../domain/normalise";
import { PROVINCE_ALIASES, RegionResolver, type RegionRecord } from "../domain/region-resolver";
import { slugify } from "../domain/slug";
import { generateApiKey, parseApiKey } from "./api-key";
import { PUBLISHER_KINDS, type PublisherKind } from "./publisher-kind";

/**
 * Managing publishers and their keys (what `inovasi publisher …` does). Failures the operator can fix
 * are {@link PublisherAdminError}s with a message that says what is wrong.
 */

/** A mistake in a publisher command: unknown region or competition, duplicate name, unknown key… */
export class PublisherAdminError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PublisherAdminError";
  }
}

/** A new publisher. Its scope needs a region, or at least one competition, or both. */
export interface CreatePublisherInput {
  readonly name: string;
  /** Defaults to regional_government with a region, organiser without. */
  readonly kind?: PublisherKind | null;
  /** A Kemendagri code ("33") or a region name ("Jawa Tengah", "Kota Semarang"). */
  readonly region?: string | null;
  /** Slugs of the competition series it organises, e.g. "kipp-jawa-tengah". */
  readonly competitions?: readonly string[];
}

/** One API key as listings show it: never the secret, which is not stored. */
export interface ApiKeySummary {
  readonly prefix: string;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
}

/** A publisher with its scope and keys. */
export interface PublisherSummary {
  readonly name: string;
  readonly kind: PublisherKind;
  readonly region: { readonly code: string; readonly name: string } | null;
  readonly competitions: readonly string[];
  readonly keys: readonly ApiKeySummary[];
}

/** A key just made: `key` is the only copy of the secret; show it once. */
export interface IssuedKey {
  readonly publisher: string;
  readonly key: string;
  readonly prefix: string;
}

async function resolveRegionArgument(manager: EntityManager, text: string): Promise<RegionRecord> {
  const regions: RegionRecord[] = await manager.query(`SELECT code, name, kind, parent_code AS "parentCode" FROM region`);
  const trimmed = text.trim();
  const byCode = regions.find((r) => r.code === trimmed);
  if (byCode) return byCode;
  if (/^\d{2}(\.\d{2})?$/.test(trimmed)) throw new PublisherAdminError(`No region has the Kemendagri code "${trimmed}".`);
  const resolver = new RegionResolver(regions);
  const province = resolver.province(trimmed);
  if (province.ok) return province.region;
  const regency = resolver.regency(trimmed);
  if (regency.ok) return regency.region;
  throw new PublisherAdminError(`Region "${trimmed}": ${regency.reason === "unknown" ? "not a Kemendagri code nor a known province, regency or city" : regency.message}.`);
}

/**
 * Competitions by slug. A provincial series also answers to its slug with the province's short name
 * ("kipp-jateng" for "kipp-jawa-tengah"), as people write it.
 */
async function resolveCompetitions(manager: EntityManager, slugs: readonly string[]): Promise<{ id: number; slug: string }[]> {
  if (slugs.length === 0) return [];
  const all: { id: number; slug: string; name: string; shortName: string | null; regionCode: string | null; regionName: string | null }[] =
    await manager.query(
      `SELECT c.id, c.slug, c.name, c.short_name AS "shortName", c.scope_region_code AS "regionCode", r.name AS "regionName"
         FROM competition c LEFT JOIN region r ON r.code = c.scope_region_code ORDER BY c.slug`,
    );
  const bySlug = new Map(all.map((c) => [c.slug, c]));
  for (const c of all) {
    const regionSlug = c.regionName ? slugify(c.regionName) : "";
    if (regionSlug.length === 0 || !c.slug.includes(regionSlug)) continue;
    for (const alias of PROVINCE_ALIASES[c.regionCode ?? ""] ?? []) {
      const alternative = c.slug.replace(regionSlug, slugify(alias));
      if (!bySlug.has(alternative)) bySlug.set(alternative, c);
    }
  }
  return slugs.map((wanted) => {
    const found = bySlug.get(wanted.trim().toLowerCase());
    if (found) return found;
    const words = foldKey(wanted).split(" ").filter((w) => w.length > 2 && !["kompetisi", "inovasi"].includes(w));
    const close = all.filter((c) => words.some((w) => foldKey(`${c.slug} ${c.name} ${c.shortName ?? ""}`).split(" ").includes(w)));
    const hint = close.length > 0 ? ` Did you mean ${close.slice(0, 5).map((c) => `"${c.slug}"`).join(", ")}?` : "";
    throw new PublisherAdminError(`No competition has the slug "${wanted}".${hint} List them with: { competitions(first: 100) { nodes { slug name } } }`);
  });
}

async function insertKey(manager: EntityManager, publisherId: number): Promise<{ key: string; prefix: string }> {
  const generated = generateApiKey();
  await manager.query(`INSERT INTO api_key (publisher_id, prefix, secret_hash) VALUES ($1, $2, $3)`, [publisherId, generated.prefix, generated.secretHash]);
  return { key: generated.key, prefix: generated.prefix };
}

/** Creates a publisher with its scope and a first API key, in one transaction. */
export async function createPublisher(dataSource: DataSource, input: CreatePublisherInput): Promise<{ publisher: PublisherSummary; issued: IssuedKey }> {
  const name = input.name.trim().replace(/\s+/g, " ");
  if (name.length === 0 || name.length > 200) throw new PublisherAdminError("A publisher's name must be 1 to 200 characters.");
  if (input.kind != null && !PUBLISHER_KINDS.includes(input.kind)) {
    throw new PublisherAdminError(`Unknown kind "${input.kind}"; use one of ${PUBLISHER_KINDS.join(", ")}.`);
  }
  const competitionSlugs = [...new Set(input.competitions ?? [])];
  if (input.region == null && competitionSlugs.length === 0) {
    throw new PublisherAdminError("A publisher needs a scope: a region (--region), one or more competitions it organises (--competition), or both.");
  }
  return dataSource.transaction(async (manager) => {
    const [taken]: { name: string }[] = await manager.query(`SELECT name FROM publisher WHERE lower(name) = lower($1)`, [name]);
    if (taken) throw new PublisherAdminError(`A publisher named "${taken.name}" already exists; give it a new key with "inovasi publisher key".`);
    const region = input.region != null ? await resolveRegionArgument(manager, input.region) : null;
    const competitions = await resolveCompetitions(manager, competitionSlugs);
    const kind = input.kind ?? (region ? "regional_government" : "organiser");
    const [row]: { id: number }[] = await manager.query(`INSERT INTO publisher (name, kind, region_code) VALUES ($1, $2, $3) RETURNING id`, [
      name,
      kind,
      region?.code ?? null,
    ]);
    if (competitions.length > 0) {
      await manager.query(`INSERT INTO publisher_competition (publisher_id, competition_id) SELECT $1, unnest($2::int[])`, [
        row.id,
        competitions.map((c) => c.id),
      ]);
    }
    const issued = await insertKey(manager, row.id);
    const [publisher] = await summaries(manager, row.id);
    return { publisher, issued: { publisher: name, ...issued } };
  });
}

async function summaries(manager: EntityManager | DataSource, publisherId: number | null): Promise<PublisherSummary[]> {
  const rows: {
    id: number;
    name: string;
    kind: PublisherKind;
    regionCode: string | null;
    regionName: string | null;
    competitions: string[];
    keys: { prefix: string; createdAt: string; revokedAt: string | null; lastUsedAt: string | null }[];
  }[] = await manager.query(
    `SELECT p.id, p.name, p.kind, p.region_code AS "regionCode", r.name AS "regionName",
            ARRAY(SELECT c.slug FROM publisher_competition pc JOIN competition c ON c.id = pc.competition_id
                   WHERE pc.publisher_id = p.id ORDER BY c.slug) AS competitions,
            COALESCE((SELECT json_agg(json_build_object('prefix', k.prefix, 'createdAt', k.created_at,
                                                        'revokedAt', k.revoked_at, 'lastUsedAt', k.last_used_at) ORDER BY k.id)
                        FROM api_key k WHERE k.publisher_id = p.id), '[]') AS keys
       FROM publisher p LEFT JOIN region r ON r.code = p.region_code
      WHERE $1::int IS NULL OR p.id = $1
      ORDER BY lower(p.name)`,
    [publisherId],
  );
  const date = (value: string | null) => (value === null ? null : new Date(value));
  return rows.map((r) => ({
    name: r.name,
    kind: r.kind,
    region: r.regionCode ? { code: r.regionCode, name: r.regionName ?? r.regionCode } : null,
    competitions: r.competitions,
    keys: r.keys.map((k) => ({ prefix: k.prefix, createdAt: new Date(k.createdAt), revokedAt: date(k.revokedAt), lastUsedAt: date(k.lastUsedAt) })),
  }));
}

/** Every publisher, by name, with its scope and keys. */
export function listPublishers(dataSource: DataSource): Promise<PublisherSummary[]> {
  return summaries(dataSource, null);
}

/** Gives an existing publisher (by exact name, case-insensitive) a new API key; its other keys stay valid. */
export async function issueApiKey(dataSource: DataSource, publisherName: string): Promise<IssuedKey> {
  return dataSource.transaction(async (manager) => {
    const [publisher]: { id: number; name: string }[] = await manager.query(`SELECT id, name FROM publisher WHERE lower(name) = lower($1)`, [
      publisherName.trim(),
    ]);
    if (!publisher) throw new PublisherAdminError(`No publisher is named "${publisherName}". See "inovasi publisher list".`);
    return { publisher: publisher.name, ...(await insertKey(manager, publisher.id)) };
  });
}

/**
 * Revokes a key, named by its prefix (as listings show it) or given whole. Revoking is final; a
 * revoked key stays on record for the audit trail. Revoking a revoked key changes nothing.
 */
export async function revokeApiKey(dataSource: DataSource, keyOrPrefix: string): Promise<{ publisher: string; prefix: string; revokedAt: Date; alreadyRevoked: boolean }> {
  const text = keyOrPrefix.trim();
  const prefix = parseApiKey(text)?.prefix ?? text.toLowerCase();
  if (!/^[0-9a-f]{12}$/.test(prefix)) {
    throw new PublisherAdminError(`"${text}" is neither an API key nor a key prefix (12 hex digits, as "inovasi publisher list" shows).`);
  }
  const rows: { publisher: string; revokedAt: Date; alreadyRevoked: boolean }[] = await dataSource.query(
    `WITH target AS (SELECT id, revoked_at FROM api_key WHERE prefix = $1),
          updated AS (UPDATE api_key k SET revoked_at = now() FROM target t WHERE k.id = t.id AND t.revoked_at IS NULL RETURNING k.id, k.revoked_at)
     SELECT p.name AS publisher, COALESCE(u.revoked_at, t.revoked_at) AS "revokedAt", u.id IS NULL AS "alreadyRevoked"
       FROM target t JOIN api_key k ON k.id = t.id JOIN publisher p ON p.id = k.publisher_id LEFT JOIN updated u ON u.id = t.id`,
    [prefix],
  );
  if (rows.length === 0) throw new PublisherAdminError(`No API key has the prefix "${prefix}". See "inovasi publisher list".`);
  return { prefix, ...rows[0] };
}
