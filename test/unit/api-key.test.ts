import { describe, expect, it } from "vitest";
import { generateApiKey, hashSecret, parseApiKey, secretMatches } from "../../src/publishing/api-key";

describe("API keys", () => {
  it("are inovasi_<12 hex>_<43 base64url>, and parse back into prefix and secret", () => {
    const generated = generateApiKey();
    expect(generated.key).toMatch(/^inovasi_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const parsed = parseApiKey(generated.key)!;
    expect(parsed.prefix).toBe(generated.prefix);
    expect(generated.key.endsWith(parsed.secret)).toBe(true);
    expect(generated.secretHash).toBe(hashSecret(parsed.secret));
    expect(generated.secretHash).toMatch(/^[0-9a-f]{64}$/);
    // The stored hash does not contain the secret.
    expect(generated.secretHash.includes(parsed.secret)).toBe(false);
  });

  it("are different every time", () => {
    const keys = new Set(Array.from({ length: 50 }, () => generateApiKey().key));
    expect(keys.size).toBe(50);
  });

  it("verify only the exact secret", () => {
    const { key, secretHash } = generateApiKey();
    const { secret } = parseApiKey(key)!;
    expect(secretMatches(secret, secretHash)).toBe(true);
    const flipped = `${secret.slice(0, -1)}${secret.endsWith("A") ? "B" : "A"}`;
    expect(secretMatches(flipped, secretHash)).toBe(false);
    expect(secretMatches(secret, generateApiKey().secretHash)).toBe(false);
    expect(secretMatches(secret, "not-hex")).toBe(false);
  });

  it("reject text that is not shaped like a key", () => {
    const { key } = generateApiKey();
    for (const text of ["", "inovasi_", key.slice(0, -1), `${key}x`, key.replace("inovasi_", "inovasi-"), key.toUpperCase(), `Bearer ${key}`]) {
      expect(parseApiKey(text), text).toBeNull();
    }
  });
});
