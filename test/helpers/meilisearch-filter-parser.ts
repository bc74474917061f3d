/**
 * A reference parser for the part of Meilisearch's filter grammar that the engine's filter builder
 * emits, written from Meilisearch's filter-parser (crates/filter-parser: lib.rs, value.rs):
 *
 *   expression = or
 *   or         = and ("OR" and)*
 *   and        = not ("AND" not)*
 *   not        = "NOT" not | primary
 *   primary    = "(" expression ")" | value "IN" "[" value ("," value)* "]"
 *              | value ("=" | "!=" | ">" | ">=" | "<" | "<=") value | value value "TO" value
 *   value      = word | "'" … "'" | '"' … '"'
 *   word       = (alphanumeric | "_" | "-" | ".")+, except the reserved keywords
 *
 * Quoted values are read the way Meilisearch reads them: a backslash protects the next character while
 * the closing quote is looked for; then `\<quote>` becomes `<quote>`; then the standard escapes are
 * decoded (`\\` → `\`, `\n`, `\t`, `\u{…}` …). Escapes the tests never need are rejected, so the parser
 * is strict where Meilisearch would be lenient, never the other way round.
 *
 * It is test code: its job is to turn a filter string back into a tree to compare with the tree the
 * builder meant. It throws on anything it does not understand.
 */

/** A value in a condition: bare words that are integers are numbers; everything else is a string. */
export type FilterValue = { readonly kind: "string"; readonly value: string } | { readonly kind: "number"; readonly value: number };

export type FilterNode =
  | { readonly type: "or"; readonly items: readonly FilterNode[] }
  | { readonly type: "and"; readonly items: readonly FilterNode[] }
  | { readonly type: "not"; readonly item: FilterNode }
  | { readonly type: "in"; readonly attribute: string; readonly values: readonly FilterValue[] }
  | { readonly type: "compare"; readonly attribute: string; readonly op: string; readonly value: FilterValue }
  | { readonly type: "range"; readonly attribute: string; readonly from: FilterValue; readonly to: FilterValue };

const KEYWORDS = new Set(["AND", "OR", "IN", "NOT", "TO", "EXISTS", "IS", "NULL", "EMPTY", "CONTAINS", "STARTS", "WITH", "_geoRadius", "_geoBoundingBox"]);
const OPERATORS = ["!=", ">=", "<=", "=", ">", "<"];

type Token =
  | { kind: "word"; text: string }
  | { kind: "keyword"; text: string }
  | { kind: "quoted"; text: string }
  | { kind: "punct"; text: string };

const isWordChar = (c: string): boolean => /[\p{L}\p{N}_.-]/u.test(c);

/** The standard escapes `unescaper` decodes, limited to what a value can need. */
function decodeEscapes(raw: string): string {
  let out = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c !== "\\") {
      out += c;
      continue;
    }
    const next = raw[++i];
    if (next === undefined) throw new Error("incomplete escape at end of value");
    const simple: Record<string, string> = { "\\": "\\", '"': '"', "'": "'", n: "\n", t: "\t", r: "\r", "0": "\0", b: "\b", f: "\f" };
    if (next in simple) out += simple[next];
    else throw new Error(`unsupported escape \\${next}`);
  }
  return out;
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  const chars = Array.from(input);
  let i = 0;
  while (i < chars.length) {
    const c = chars[i];
    if (/\s/u.test(c)) {
      i++;
    } else if (c === '"' || c === "'") {
      // quoted_by: find the closing quote; a backslash protects the character after it.
      let j = i + 1;
      let raw = "";
      let escapedQuote = false;
      for (;;) {
        if (j >= chars.length) throw new Error(`unclosed ${c}`);
        const d = chars[j];
        if (d === c) break;
        if (d === "\\") {
          const protectedChar = chars[j + 1];
          if (protectedChar === undefined) throw new Error("backslash at end of input");
          if (protectedChar === c) escapedQuote = true;
          raw += d + protectedChar;
          j += 2;
        } else {
          raw += d;
          j++;
        }
      }
      const unquoted = escapedQuote ? raw.split(`\\${c}`).join(c) : raw;
      tokens.push({ kind: "quoted", text: decodeEscapes(unquoted) });
      i = j + 1;
    } else if ("()[],".includes(c)) {
      tokens.push({ kind: "punct", text: c });
      i++;
    } else if ("=!<>".includes(c)) {
      const two = c + (chars[i + 1] ?? "");
      const op = OPERATORS.find((o) => o === two) ?? OPERATORS.find((o) => o === c);
      if (!op) throw new Error(`bad operator at ${i}`);
      tokens.push({ kind: "punct", text: op });
      i += op.length;
    } else if (isWordChar(c)) {
      let j = i;
      while (j < chars.length && isWordChar(chars[j])) j++;
      const text = chars.slice(i, j).join("");
      tokens.push({ kind: KEYWORDS.has(text) ? "keyword" : "word", text });
      i = j;
    } else {
      throw new Error(`unexpected character ${JSON.stringify(c)} at ${i}`);
    }
  }
  return tokens;
}

/** Parses a filter expression into a tree; single-item AND/OR groups are collapsed. */
export function parseMeilisearchFilter(input: string): FilterNode {
  const tokens = tokenize(input);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isKeyword = (text: string): boolean => peek()?.kind === "keyword" && peek()?.text === text;
  const isPunct = (text: string): boolean => peek()?.kind === "punct" && peek()?.text === text;
  const expectPunct = (text: string): void => {
    if (!isPunct(text)) throw new Error(`expected ${text} at token ${pos}`);
    pos++;
  };

  function value(): FilterValue {
    const token = peek();
    if (!token || (token.kind !== "word" && token.kind !== "quoted")) throw new Error(`expected a value at token ${pos}`);
    pos++;
    if (token.kind === "word" && /^-?\d+$/.test(token.text)) return { kind: "number", value: Number(token.text) };
    return { kind: "string", value: token.text };
  }

  function attribute(): string {
    const token = peek();
    if (!token || token.kind !== "word") throw new Error(`expected an attribute at token ${pos}`);
    pos++;
    return token.text;
  }

  function primary(): FilterNode {
    if (isPunct("(")) {
      pos++;
      const inner = or();
      expectPunct(")");
      return inner;
    }
    const name = attribute();
    if (isKeyword("IN")) {
      pos++;
      expectPunct("[");
      const values = [value()];
      while (isPunct(",")) {
        pos++;
        values.push(value());
      }
      expectPunct("]");
      return { type: "in", attribute: name, values };
    }
    const token = peek();
    if (token?.kind === "punct" && OPERATORS.includes(token.text)) {
      pos++;
      return { type: "compare", attribute: name, op: token.text, value: value() };
    }
    const from = value();
    if (!isKeyword("TO")) throw new Error(`expected IN, an operator or TO at token ${pos}`);
    pos++;
    return { type: "range", attribute: name, from, to: value() };
  }

  function not(): FilterNode {
    if (isKeyword("NOT")) {
      pos++;
      return { type: "not", item: not() };
    }
    return primary();
  }

  function and(): FilterNode {
    const items = [not()];
    while (isKeyword("AND")) {
      pos++;
      items.push(not());
    }
    return items.length === 1 ? items[0] : { type: "and", items };
  }

  function or(): FilterNode {
    const items = [and()];
    while (isKeyword("OR")) {
      pos++;
      items.push(and());
    }
    return items.length === 1 ? items[0] : { type: "or", items };
  }

  const tree = or();
  if (pos !== tokens.length) throw new Error(`unexpected token ${JSON.stringify(tokens[pos])} at ${pos}`);
  return tree;
}
