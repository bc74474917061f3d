import type { EntityManager } from "typeorm";
import type { InstitutionKind } from "../domain/enums";
import { nameKey } from "../domain/normalise";
import { RegionResolver, type RegionRecord } from "../domain/region-resolver";
import { SlugAllocator, slugify } from "../domain/slug";
import { InstitutionEntity } from "../entities";
import { selectColumns } from "../resolvers/sql";
import { summariseChange } from "./audit";
import { idOf, requiredText, type FieldPath, type ProblemList } from "./user-errors";
import { rowsOf, type SubjectChange } from "./write";

/**
 * Lookups the writes share: regions by code or name, institutions by ID or by name (creating them
 * when named but unknown), and unique slugs. Every function uses the write's transaction manager.
 */

const REGION_CODE = /^\d{2}(\.\d{2})?$/;

/**
 * The region a write names: a Kemendagri code ("33.74") or any spelling the region resolver knows
 * ("Kota Semarang", "Kab. Pekalongan", "Jawa Tengah", "DIY"). null stays null (a national body).
 * undefined when it does not resolve (a problem is added).
 */
export async function resolveRegion(manager: EntityManager, problems: ProblemList, value: string | null, field: FieldPath): Promise<RegionRecord | null | undefined> {
  if (value === null) return null;
  const text = value.trim();
  const rows: RegionRecord[] = await manager.query(
    REGION_CODE.test(text)
      ? `SELECT code, name, kind, parent_code AS "parentCode" FROM region WHERE code = $1`
      : `SELECT code, name, kind, parent_code AS "parentCode" FROM region`,
    REGION_CODE.test(text) ? [text] : [],
  );
  if (REGION_CODE.test(text)) {
    if (rows.length === 0) problems.add(field, "UNKNOWN_REGION", `No region has the Kemendagri code "${text}".`);
    return rows[0];
  }
  const resolver = new RegionResolver(rows);
  const province = resolver.province(text);
  if (province.ok) return province.region;
  const regency = resolver.regency(text);
  if (regency.ok) return regency.region;
  const message = regency.reason === "unknown" ? `"${text}" is neither a Kemendagri code nor a known province, regency or city.` : `${regency.message}.`;
  problems.add(field, "UNKNOWN_REGION", message);
  return undefined;
}

/** An institution named in a write: by `id`, or by `name` (with `kind` when it must be created). */
export interface InstitutionRefInput {
  readonly id?: string | null;
  readonly name?: string | null;
  readonly kind?: InstitutionKind | null;
  /** Where a named institution is (code or name); defaults to the record it is named for. */
  readonly region?: string | null;
}

/** What an institution reference resolved to. */
export type InstitutionChoice =
  | { readonly existing: InstitutionEntity }
  | { readonly create: { readonly name: string; readonly kind: InstitutionKind; readonly region: RegionRecord | null } };

/** The region of an institution choice. */
export function institutionRegionCode(choice: InstitutionChoice): string | null {
  return "existing" in choice ? choice.existing.regionCode : (choice.create.region?.code ?? null);
}

/**
 * Resolves an institution reference. By `id`: it must exist. By `name`: the institution with that
 * name (matched on its normalised key, see domain/normalise.ts) in its region (`region`, else
 * `defaultRegion`); when there is none it is to be created, which needs `kind`.
 */
export async function resolveInstitutionRef(
  manager: EntityManager,
  problems: ProblemList,
  ref: InstitutionRefInput,
  field: FieldPath,
  defaultRegion: RegionRecord | null,
): Promise<InstitutionChoice | undefined> {
  if ((ref.id == null) === (ref.name == null)) {
    problems.add(field, "INVALID", `Name the institution by exactly one of "id" or "name".`);
    return undefined;
  }
  if (ref.id != null) {
    const key = idOf(problems, ref.id, "Institution", [...field, "id"]);
    if (key === undefined) return undefined;
    const rows: InstitutionEntity[] = await manager.query(
      `SELECT ${selectColumns(manager.dataSource, InstitutionEntity, "t")} FROM institution t WHERE t.id = $1`,
      [Number(key)],
    );
    if (rows.length === 0) problems.add([...field, "id"], "NOT_FOUND", `No institution has the id "${ref.id}".`);
    return rows[0] && { existing: rows[0] };
  }
  const name = requiredText(problems, ref.name, [...field, "name"], 300);
  const region = ref.region != null ? await resolveRegion(manager, problems, ref.region, [...field, "region"]) : defaultRegion;
  if (name === undefined || region === undefined) return undefined;
  const rows: InstitutionEntity[] = await manager.query(
    `SELECT ${selectColumns(manager.dataSource, InstitutionEntity, "t")} FROM institution t
      WHERE t.name_key = $1 AND t.region_code IS NOT DISTINCT FROM $2 ORDER BY t.id LIMIT 1`,
    [nameKey(name), region?.code ?? null],
  );
  if (rows.length > 0) return { existing: rows[0] };
  if (ref.kind == null) {
    problems.add([...field, "kind"], "REQUIRED", `There is no institution "${name}" in ${region ? region.name : "the national bodies"}; give its "kind" to create it.`);
    return undefined;
  }
  return { create: { name, kind: ref.kind, region } };
}

/** Makes (when needed) the institution a choice names, and returns it with the change to audit, if any. */
export async function materialiseInstitution(
  manager: EntityManager,
  choice: InstitutionChoice,
): Promise<{ institution: InstitutionEntity; change: SubjectChange | null }> {
  if ("existing" in choice) return { institution: choice.existing, change: null };
  const { name, kind, region } = choice.create;
  const key = nameKey(name);
  const slug = await allocateSlug(manager, "institution", slugify(key), region ? [region.name] : []);
  const [institution]: InstitutionEntity[] = await rowsOf(
    manager,
    `INSERT INTO institution (slug, name, name_key, kind, region_code) VALUES ($1, $2, $3, $4, $5)
     RETURNING ${selectColumns(manager.dataSource, InstitutionEntity, "institution")}`,
    [slug, name, key, kind, region?.code ?? null],
  );
  const summary = summariseChange(null, { slug, name, kind, regionCode: region?.code ?? null });
  return { institution, change: { subjectType: "institution", subjectId: institution.id, summary } };
}

/**
 * A slug not yet used in `table` ("innovation" or "institution"), chosen the way the seed chooses
 * them: the base, else qualified by a region name, else numbered.
 */
export async function allocateSlug(manager: EntityManager, table: "innovation" | "institution", base: string, qualifiers: readonly string[]): Promise<string> {
  const root = base.length > 0 ? base : "item";
  const taken: { slug: string }[] = await manager.query(`SELECT slug FROM ${table} WHERE slug = $1 OR slug LIKE $2`, [
    root,
    `${root.replace(/[\\%_]/g, "\\$&")}-%`,
  ]);
  const allocator = new SlugAllocator();
  for (const { slug } of taken) allocator.claim(slug);
  return allocator.claim(root, qualifiers);
}
