import type { DataSource } from "typeorm";
import { parseApiKey, secretMatches } from "./api-key";
import type { PublisherKind } from "./publisher-kind";
import type { PublisherScope, ScopedCompetition } from "./scope";

/** The publisher a request authenticated as, with the key it used. */
export interface AuthenticatedPublisher {
  readonly id: number;
  readonly name: string;
  readonly kind: PublisherKind;
  readonly scope: PublisherScope;
  /** The API key's row id, recorded in audit entries. */
  readonly apiKeyId: number;
}

/**
 * Who a request is from:
 * - `anonymous`: no Authorization header. Enough for every query: the catalogue is public.
 * - `authenticated`: a valid, unrevoked key.
 * - `rejected`: a header was sent but does not authenticate; `reason` says why, without revealing
 *   whether an unknown key's prefix exists.
 */
export type Authentication =
  | { readonly status: "anonymous" }
  | { readonly status: "authenticated"; readonly publisher: AuthenticatedPublisher }
  | { readonly status: "rejected"; readonly reason: string };

const ANONYMOUS: Authentication = Object.freeze({ status: "anonymous" });

const UNKNOWN_KEY = "The API key is not valid. Check that it was copied whole; a lost key cannot be recovered, ask for a new one.";

/**
 * Authenticates an `Authorization: Bearer <key>` header value against the api_key table: one
 * statement to find the key (by its public prefix) with its publisher and scope, a constant-time
 * comparison of the secret's hash, and one statement to note when the key was last used.
 */
export async function authenticate(dataSource: DataSource, authorizationHeader: string | null | undefined): Promise<Authentication> {
  const header = authorizationHeader?.trim() ?? "";
  if (header.length === 0) return ANONYMOUS;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) return { status: "rejected", reason: 'The Authorization header must be "Bearer <API key>".' };
  const parsed = parseApiKey(match[1]);
  if (!parsed) {
    return { status: "rejected", reason: 'The bearer token is not an inovasi API key (keys look like "inovasi_<12 hex digits>_<43 characters>").' };
  }
  const rows: {
    keyId: number;
    secretHash: string;
    revokedAt: Date | null;
    publisherId: number;
    name: string;
    kind: PublisherKind;
    regionCode: string | null;
    competitions: ScopedCompetition[];
  }[] = await dataSource.query(
    `SELECT k.id AS "keyId", k.secret_hash AS "secretHash", k.revoked_at AS "revokedAt",
            p.id AS "publisherId", p.name, p.kind, p.region_code AS "regionCode",
            COALESCE(json_agg(json_build_object('id', c.id, 'scopeRegionCode', c.scope_region_code) ORDER BY c.id)
                     FILTER (WHERE c.id IS NOT NULL), '[]') AS competitions
       FROM api_key k
       JOIN publisher p ON p.id = k.publisher_id
       LEFT JOIN publisher_competition pc ON pc.publisher_id = p.id
       LEFT JOIN competition c ON c.id = pc.competition_id
      WHERE k.prefix = $1
      GROUP BY k.id, p.id`,
    [parsed.prefix],
  );
  const row = rows[0];
  if (!row || !secretMatches(parsed.secret, row.secretHash)) return { status: "rejected", reason: UNKNOWN_KEY };
  if (row.revokedAt) {
    return {
      status: "rejected",
      reason: `This API key was revoked on ${new Date(row.revokedAt).toISOString().slice(0, 10)}. Ask the catalogue's operator for a new one.`,
    };
  }
  await dataSource.query(`UPDATE api_key SET last_used_at = now() WHERE id = $1`, [row.keyId]);
  return {
    status: "authenticated",
    publisher: {
      id: row.publisherId,
      name: row.name,
      kind: row.kind,
      scope: { regionCode: row.regionCode, competitions: row.competitions },
      apiKeyId: row.keyId,
    },
  };
}

/**
 * A request's authentication, worked out on first use and then remembered: queries never need it,
 * so they pay no statement for it; every mutation calls it.
 */
export function lazyAuthentication(dataSource: DataSource, authorizationHeader: string | null | undefined): () => Promise<Authentication> {
  let result: Promise<Authentication> | null = null;
  return () => {
    result ??= authenticate(dataSource, authorizationHeader);
    return result;
  };
}
