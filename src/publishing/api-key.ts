import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * API keys: `inovasi_<prefix>_<secret>`.
 * - `prefix`: 12 hex digits (6 random bytes), stored as is. It finds the key's row and names the key
 *   in listings; it is not secret.
 * - `secret`: 32 random bytes, base64url (43 characters). Only its SHA-256 is stored.
 *
 * A fast hash is enough here: the secret is 256 random bits, not a password, so there is nothing to
 * guess; the hash only keeps a copy of the database from being a copy of the keys. Verification
 * compares digests in constant time.
 */
const KEY_PATTERN = /^inovasi_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/** A new key: the text to hand over once, and what is stored. */
export interface GeneratedApiKey {
  /** The full key. Show it once; it cannot be recovered. */
  readonly key: string;
  readonly prefix: string;
  /** SHA-256 of the secret, hex. */
  readonly secretHash: string;
}

/** The two parts of a well-formed key. */
export interface ParsedApiKey {
  readonly prefix: string;
  readonly secret: string;
}

/** Makes a new random key. */
export function generateApiKey(): GeneratedApiKey {
  const prefix = randomBytes(6).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  return { key: `inovasi_${prefix}_${secret}`, prefix, secretHash: hashSecret(secret) };
}

/** Splits a key into prefix and secret; null when it is not shaped like a key of this API. */
export function parseApiKey(text: string): ParsedApiKey | null {
  const match = KEY_PATTERN.exec(text);
  return match ? { prefix: match[1], secret: match[2] } : null;
}

/** SHA-256 of a key's secret, hex: what `api_key.secret_hash` holds. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** Whether `secret` hashes to `storedHash`, compared in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const expected = Buffer.from(storedHash, "hex");
  const actual = createHash("sha256").update(secret, "utf8").digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
