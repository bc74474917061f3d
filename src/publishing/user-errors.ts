import { GraphQLError } from "graphql";
import { decodeGlobalId, type NodeTypeName } from "../schema/global-id";

/**
 * Invalid input to a write, reported back in the mutation payload's `userErrors` rather than as a
 * GraphQL error: the request was understood and authorised, but the data cannot be written as sent.
 */
export const USER_ERROR_CODES = [
  "REQUIRED",
  "INVALID",
  "TOO_LONG",
  "OUT_OF_RANGE",
  "NOT_FOUND",
  "UNKNOWN_REGION",
  "DUPLICATE",
  "STALE",
] as const;

/** One of {@link USER_ERROR_CODES}. */
export type UserErrorCode = (typeof USER_ERROR_CODES)[number];

/** A path into the mutation's arguments, e.g. `["input", "results", "2", "label"]`. */
export type FieldPath = readonly string[];

/** One problem with the input. */
export interface UserProblem {
  readonly field: FieldPath;
  readonly code: UserErrorCode;
  readonly message: string;
}

/** Thrown by a write (before or inside its transaction, which it rolls back) when the input has problems. */
export class UserProblems extends Error {
  constructor(readonly problems: readonly UserProblem[]) {
    super(problems.map((p) => `${p.field.join(".")}: ${p.message}`).join("; "));
    this.name = "UserProblems";
  }
}

/** Collects every problem of an input, so that one answer lists them all. */
export class ProblemList {
  private readonly list: UserProblem[] = [];

  add(field: FieldPath, code: UserErrorCode, message: string): void {
    this.list.push({ field, code, message });
  }

  get isEmpty(): boolean {
    return this.list.length === 0;
  }

  /** Throws {@link UserProblems} when any problem was added. */
  throwIfAny(): void {
    if (this.list.length > 0) throw new UserProblems([...this.list]);
  }
}

/** Throws one problem now. */
export function failWith(field: FieldPath, code: UserErrorCode, message: string): never {
  throw new UserProblems([{ field, code, message }]);
}

function label(field: FieldPath): string {
  return `"${field.join(".")}"`;
}

/**
 * Trimmed text, or null: undefined stays undefined (not given), null and blank become null (cleared).
 * Longer than `max` characters, or missing when `required`, is a problem.
 */
export function optionalText(problems: ProblemList, value: string | null | undefined, field: FieldPath, max: number): string | null | undefined {
  if (value === undefined) return undefined;
  const text = value?.trim() ?? "";
  if (text.length > max) {
    problems.add(field, "TOO_LONG", `${label(field)} is ${text.length} characters long; at most ${max} are allowed.`);
    return undefined;
  }
  return text.length > 0 ? text : null;
}

/** Trimmed, non-blank text of at most `max` characters; undefined when missing (a problem is added). */
export function requiredText(problems: ProblemList, value: string | null | undefined, field: FieldPath, max: number): string | undefined {
  const text = optionalText(problems, value ?? null, field, max);
  if (text === null) problems.add(field, "REQUIRED", `${label(field)} is required and cannot be blank.`);
  return text ?? undefined;
}

/** A list of distinct non-blank texts (null reads as empty); problems name the item at fault. */
export function textList(problems: ProblemList, values: readonly string[] | null | undefined, field: FieldPath, maxItems: number, maxLength: number): string[] | undefined {
  if (values === undefined) return undefined;
  const list = values ?? [];
  if (list.length > maxItems) {
    problems.add(field, "OUT_OF_RANGE", `${label(field)} has ${list.length} items; at most ${maxItems} are allowed.`);
    return undefined;
  }
  const out: string[] = [];
  list.forEach((value, i) => {
    const text = requiredText(problems, value, [...field, String(i)], maxLength);
    if (text !== undefined && !out.includes(text)) out.push(text);
  });
  return out;
}

/** An integer in [min, max], or null; undefined when not given or invalid (a problem is added). */
export function intInRange(problems: ProblemList, value: number | null | undefined, field: FieldPath, min: number, max: number): number | null | undefined {
  if (value === undefined || value === null) return value;
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.add(field, "OUT_OF_RANGE", `${label(field)} must be a whole number from ${min} to ${max}, got ${value}.`);
    return undefined;
  }
  return value;
}

const HTTP_URL_MAX = 2_000;

/** Whether `text` is an absolute http(s) URL with a host. */
export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** A trimmed http(s) URL; undefined when missing or invalid (a problem is added). */
export function httpUrl(problems: ProblemList, value: string | null | undefined, field: FieldPath): string | undefined {
  const text = requiredText(problems, value, field, HTTP_URL_MAX);
  if (text === undefined) return undefined;
  if (!isHttpUrl(text)) {
    problems.add(field, "INVALID", `${label(field)} must be an http(s) URL, got "${text.length > 60 ? `${text.slice(0, 60)}…` : text}".`);
    return undefined;
  }
  return text;
}

/** A `YYYY-MM-DD` date that exists and is not after today; undefined when invalid (a problem is added). */
export function pastDate(problems: ProblemList, value: string | null | undefined, field: FieldPath, today: string): string | null | undefined {
  if (value === undefined || value === null) return value;
  if (value > today) {
    problems.add(field, "OUT_OF_RANGE", `${label(field)} is ${value}, in the future.`);
    return undefined;
  }
  return value;
}

/** Today's date in Indonesia's western time zone (WIB), `YYYY-MM-DD`: the day publishers live in. */
export function todayInIndonesia(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * The row key of a global ID of `type`; undefined when malformed or of another type (a problem is
 * added, with the decoder's explanation).
 */
export function idOf(problems: ProblemList, value: string | null | undefined, type: NodeTypeName, field: FieldPath): string | undefined {
  if (value === undefined || value === null) {
    problems.add(field, "REQUIRED", `${label(field)} is required.`);
    return undefined;
  }
  try {
    return decodeGlobalId(value, { expected: type, argument: field.join(".") }).key;
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    problems.add(field, "INVALID", error.message);
    return undefined;
  }
}
