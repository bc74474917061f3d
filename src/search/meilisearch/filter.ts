/**
 * Meilisearch filter expressions built from a typed {@link SearchFilter}, never from user text.
 *
 * Every string value is double-quoted with `\` and `"` escaped, so no value — whatever quotes,
 * backslashes, keywords (AND, OR, NOT, TO, IN), brackets or emoji it holds — can end its quotes or
 * change the expression's structure. Numbers are written bare after checking they are integers.
 * test/unit/meilisearch-filter.test.ts parses the output with a reference parser of Meilisearch's
 * filter grammar and checks, property-based, that the meaning is the one intended.
 *
 * Meilisearch unquotes a value in two passes (filter-parser's `quoted_by`, then `unescaper`): `\"`
 * becomes `"`, then `\\` becomes `\`. Escaping every backslash and every double quote is therefore
 * exact; any other backslash sequence would be read as an escape (`\n`, `\u{…}`), which is why a
 * lone backslash is never left in.
 */
import type { SearchFilter } from "../search-backend";
import { SEARCH_FILTER_FIELDS, type SearchDocumentAttribute } from "../search-fields";

type FilterFieldSpec = (typeof SEARCH_FILTER_FIELDS)[keyof typeof SEARCH_FILTER_FIELDS];

/** A value as Meilisearch's filter grammar reads it: a double-quoted string, or a bare integer. */
export function quoteFilterValue(value: string | number): string {
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new RangeError(`A filter number must be a safe integer, got ${value}`);
    return String(value);
  }
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** `attribute IN ["a", "b"]`: the attribute (or any element of an array attribute) equals one of the values. */
function inClause(attribute: SearchDocumentAttribute, values: readonly (string | number)[], field: string): string {
  if (values.length === 0) {
    // The API refuses empty lists (they match nothing); reaching here is a programming error.
    throw new RangeError(`filter.${field} is an empty list; omit it instead`);
  }
  return `${attribute} IN [${values.map(quoteFilterValue).join(", ")}]`;
}

/**
 * The filter string for `filter`, or undefined when it narrows nothing. Fields are ANDed, in the order of
 * `SEARCH_FILTER_FIELDS`; the values of one field are ORed:
 * - `in` fields become `attribute IN [...]`;
 * - region codes become `provinceCode IN [...]` for province codes (no dot) and `regionCode IN [...]`
 *   for regency and city codes, ORed together;
 * - the year range becomes `years A TO B` (inclusive; one condition, so on an array attribute a single
 *   award year must fall inside it), or `years >= A` / `years <= B` when open on one side.
 *
 * @throws RangeError for an empty list or a non-integer number (the API validates both before this).
 */
export function buildMeilisearchFilter(filter: SearchFilter): string | undefined {
  const given = filter as Readonly<Record<string, unknown>>;
  const clauses: string[] = [];
  for (const [field, spec] of Object.entries(SEARCH_FILTER_FIELDS) as [string, FilterFieldSpec][]) {
    if (spec.kind === "in") {
      const values = given[field] as readonly (string | number)[] | undefined;
      if (values !== undefined) clauses.push(inClause(spec.attribute, values, field));
    } else if (spec.kind === "region") {
      const codes = given[field] as readonly string[] | undefined;
      if (codes === undefined) continue;
      if (codes.length === 0) throw new RangeError(`filter.${field} is an empty list; omit it instead`);
      const [provinceAttribute, regionAttribute] = spec.attributes;
      const provinces = codes.filter((code) => !code.includes("."));
      const others = codes.filter((code) => code.includes("."));
      const alternatives = [
        ...(provinces.length > 0 ? [inClause(provinceAttribute, provinces, field)] : []),
        ...(others.length > 0 ? [inClause(regionAttribute, others, field)] : []),
      ];
      clauses.push(alternatives.length > 1 ? `(${alternatives.join(" OR ")})` : alternatives[0]);
    } else {
      const from = given[spec.from] as number | undefined;
      const to = given[spec.to] as number | undefined;
      if (from !== undefined && to !== undefined) {
        clauses.push(`${spec.attribute} ${quoteFilterValue(from)} TO ${quoteFilterValue(to)}`);
      } else if (from !== undefined) {
        clauses.push(`${spec.attribute} >= ${quoteFilterValue(from)}`);
      } else if (to !== undefined) {
        clauses.push(`${spec.attribute} <= ${quoteFilterValue(to)}`);
      }
    }
  }
  return clauses.length > 0 ? clauses.join(" AND ") : undefined;
}
