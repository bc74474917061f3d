import { badUserInput } from "../resolvers/errors";

/** The types that have global IDs, and what their key is. */
export type NodeTypeName =
  | "Innovation"
  | "Institution"
  | "Region"
  | "Competition"
  | "CompetitionEdition"
  | "AwardResult"
  | "Replication"
  | "KnowledgeEvent";

const NODE_TYPES: ReadonlySet<string> = new Set<NodeTypeName>([
  "Innovation",
  "Institution",
  "Region",
  "Competition",
  "CompetitionEdition",
  "AwardResult",
  "Replication",
  "KnowledgeEvent",
]);

/**
 * Opaque, stable global IDs: base64url of `Type:key`. Clients must treat them as opaque; the key is
 * the row's primary key (a Kemendagri code for regions), which never changes once assigned.
 */
export function encodeGlobalId(type: NodeTypeName, key: string | number): string {
  return Buffer.from(`${type}:${key}`, "utf8").toString("base64url");
}

export interface DecodedId {
  type: NodeTypeName;
  key: string;
}

/** Decodes a global ID, or throws BAD_USER_INPUT naming the argument when it is malformed or of the wrong type. */
export function decodeGlobalId(id: string, options: { expected?: NodeTypeName; argument?: string } = {}): DecodedId {
  const argument = options.argument ?? "id";
  const malformed = () =>
    badUserInput(`Argument "${argument}" is not a valid ID: "${truncate(id)}". Use an id returned by this API.`, argument);
  if (typeof id !== "string" || id.length === 0 || id.length > 200 || !/^[A-Za-z0-9_-]+$/.test(id)) throw malformed();
  const text = Buffer.from(id, "base64url").toString("utf8");
  const colon = text.indexOf(":");
  if (colon <= 0) throw malformed();
  const type = text.slice(0, colon);
  const key = text.slice(colon + 1);
  if (!NODE_TYPES.has(type) || key.length === 0) throw malformed();
  if (type === "Region" ? !/^\d{2}(\.\d{2})?$/.test(key) : !/^[1-9]\d{0,9}$/.test(key)) throw malformed();
  if (options.expected && type !== options.expected) {
    throw badUserInput(`Argument "${argument}" is the ID of ${article(type)} ${type}, but ${article(options.expected)} ${options.expected} ID is needed here.`, argument);
  }
  return { type: type as NodeTypeName, key };
}

/** Decodes an ID that must name a row with an integer key, and returns that key. */
export function decodeIntId(id: string, expected: NodeTypeName, argument: string): number {
  return Number(decodeGlobalId(id, { expected, argument }).key);
}

function article(word: string): string {
  return /^[AEIOU]/.test(word) ? "an" : "a";
}

function truncate(value: unknown): string {
  const text = String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
