import type { AwardFilter } from "../schema/award-filter.input";
import type { AwardTier, CompetitionLevel, InnovationStatus, InstitutionKind, Sector } from "../schema/enums";
import { decodeIntId } from "../schema/global-id";
import type { InnovationFilter } from "../schema/innovation-filter.input";
import type { RequestContext } from "./context";
import { badUserInput } from "./errors";
import type { SqlParams } from "./sql";

const MAX_LIST = 100;
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

/** Conditions on the innovation itself. */
export interface InnovationConditions {
  sectors?: Sector[];
  /** Exact region codes (regencies, cities, or provinces themselves). */
  regionCodes?: string[];
  /** Province codes whose regencies and cities are included. */
  provinceCodes?: string[];
  institutionIds?: number[];
  institutionKinds?: InstitutionKind[];
  sdgs?: number[];
  statuses?: InnovationStatus[];
  progression?: { from: CompetitionLevel[]; to: CompetitionLevel[]; toTiers?: AwardTier[] };
}

/** Conditions that one and the same award must meet. */
export interface AwardConditions {
  competitionIds?: number[];
  levels?: CompetitionLevel[];
  yearFrom?: number;
  yearTo?: number;
  tiers?: AwardTier[];
  labels?: string[];
}

export interface ResolvedFilter {
  innovation: InnovationConditions;
  award: AwardConditions;
}

/** True when the award conditions narrow anything (so innovations must have a matching award). */
export function hasAwardConditions(award: AwardConditions): boolean {
  return Object.values(award).some((v) => v !== undefined);
}

/** A list argument: absent is "no filter"; empty or too long is refused; duplicates are dropped. */
export function checkedList<T>(value: T[] | null | undefined, path: string): T[] | undefined {
  if (value === null || value === undefined) return undefined;
  if (value.length === 0) throw badUserInput(`"${path}" is an empty list, which matches nothing; omit it to not filter on it.`, path);
  if (value.length > MAX_LIST) throw badUserInput(`"${path}" has ${value.length} values; at most ${MAX_LIST} are allowed.`, path);
  return [...new Set(value)];
}

function year(value: number | null | undefined, path: string): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (!Number.isInteger(value) || value < MIN_YEAR || value > MAX_YEAR) {
    throw badUserInput(`"${path}" must be a year from ${MIN_YEAR} to ${MAX_YEAR}, got ${value}.`, path);
  }
  return value;
}

async function resolveRegions(codes: string[] | undefined, path: string, ctx: RequestContext) {
  if (!codes) return {};
  for (const code of codes) {
    if (!/^\d{2}(\.\d{2})?$/.test(code)) {
      throw badUserInput(`"${path}" has "${code}", which is not a Kemendagri code like "33" (province) or "33.74" (regency or city).`, path);
    }
  }
  const found = await ctx.loaders.regionByCode.loadMany(codes);
  const unknown = codes.filter((_, i) => !found[i] || found[i] instanceof Error);
  if (unknown.length) throw badUserInput(`"${path}" has unknown region codes: ${unknown.join(", ")}.`, path);
  return {
    regionCodes: codes.filter((c) => c.includes(".")),
    provinceCodes: codes.filter((c) => !c.includes(".")),
  };
}

async function resolveCompetitions(
  ids: string[] | undefined,
  slugs: string[] | undefined,
  levels: CompetitionLevel[] | undefined,
  prefix: string,
  ctx: RequestContext,
): Promise<number[] | undefined> {
  if (!ids && !slugs) return undefined;
  const fromIds = (ids ?? []).map((id) => decodeIntId(id, "Competition", `${prefix}.competitionIds`));
  const byId = await ctx.loaders.competitionById.loadMany(fromIds);
  const missingIds = (ids ?? []).filter((_, i) => !byId[i] || byId[i] instanceof Error);
  if (missingIds.length) throw badUserInput(`"${prefix}.competitionIds" has unknown competitions: ${missingIds.join(", ")}.`, `${prefix}.competitionIds`);
  const bySlug = await ctx.loaders.competitionBySlug.loadMany(slugs ?? []);
  const missingSlugs = (slugs ?? []).filter((_, i) => !bySlug[i] || bySlug[i] instanceof Error);
  if (missingSlugs.length) {
    throw badUserInput(`"${prefix}.competitionSlugs" has unknown competitions: ${missingSlugs.join(", ")}.`, `${prefix}.competitionSlugs`);
  }
  const competitions = [...byId, ...bySlug] as { id: number; slug: string; level: CompetitionLevel }[];
  if (levels) {
    const clash = competitions.filter((c) => !levels.includes(c.level));
    if (clash.length) {
      const names = clash.map((c) => `${c.slug} (${c.level.toUpperCase()})`).join(", ");
      throw badUserInput(
        `Contradictory filter: "${prefix}.levels" asks for ${levels.map((l) => l.toUpperCase()).join(", ")}, but the competitions ${names} are held at another level.`,
        `${prefix}.levels`,
      );
    }
  }
  return [...new Set(competitions.map((c) => c.id))];
}

function checkYearRange(from: number | undefined, to: number | undefined, prefix: string) {
  if (from !== undefined && to !== undefined && from > to) {
    throw badUserInput(`Contradictory filter: "${prefix}.yearFrom" (${from}) is after "${prefix}.yearTo" (${to}).`, `${prefix}.yearFrom`);
  }
}

function checkSdgs(sdgs: number[] | undefined, path: string) {
  const bad = sdgs?.filter((s) => !Number.isInteger(s) || s < 1 || s > 17);
  if (bad?.length) throw badUserInput(`"${path}" must hold SDG numbers from 1 to 17, got ${bad.join(", ")}.`, path);
}

/** Validates an InnovationFilter (naming the field at fault) and resolves IDs, slugs and codes. */
export async function resolveInnovationFilter(filter: InnovationFilter | null | undefined, ctx: RequestContext, prefix = "filter"): Promise<ResolvedFilter> {
  const f = filter ?? {};
  const levels = checkedList(f.levels, `${prefix}.levels`);
  const yearFrom = year(f.yearFrom, `${prefix}.yearFrom`);
  const yearTo = year(f.yearTo, `${prefix}.yearTo`);
  checkYearRange(yearFrom, yearTo, prefix);
  const sdgs = checkedList(f.sdgs, `${prefix}.sdgs`);
  checkSdgs(sdgs, `${prefix}.sdgs`);
  const institutionIds = checkedList(f.institutionIds, `${prefix}.institutionIds`)?.map((id) => decodeIntId(id, "Institution", `${prefix}.institutionIds`));
  const regions = await resolveRegions(checkedList(f.regionCodes, `${prefix}.regionCodes`), `${prefix}.regionCodes`, ctx);
  const progression = f.progression
    ? {
        from: checkedList(f.progression.from, `${prefix}.progression.from`)!,
        to: checkedList(f.progression.to, `${prefix}.progression.to`)!,
        toTiers: checkedList(f.progression.toTiers, `${prefix}.progression.toTiers`),
      }
    : undefined;
  const competitionIds = await resolveCompetitions(
    checkedList(f.competitionIds, `${prefix}.competitionIds`),
    checkedList(f.competitionSlugs, `${prefix}.competitionSlugs`),
    levels,
    prefix,
    ctx,
  );
  return {
    innovation: {
      sectors: checkedList(f.sectors, `${prefix}.sectors`),
      ...regions,
      institutionIds,
      institutionKinds: checkedList(f.institutionKinds, `${prefix}.institutionKinds`),
      sdgs,
      statuses: checkedList(f.statuses, `${prefix}.statuses`),
      progression,
    },
    award: { competitionIds, levels, yearFrom, yearTo, tiers: checkedList(f.tiers, `${prefix}.tiers`) },
  };
}

/** Validates an AwardFilter. `defaultTiers` applies when the filter names no tiers. */
export async function resolveAwardFilter(
  filter: AwardFilter | null | undefined,
  ctx: RequestContext,
  defaultTiers: AwardTier[] | undefined,
  prefix = "filter",
): Promise<ResolvedFilter> {
  const f = filter ?? {};
  const base = await resolveInnovationFilter(
    {
      sectors: f.sectors,
      regionCodes: f.regionCodes,
      institutionIds: f.institutionIds,
      competitionIds: f.competitionIds,
      competitionSlugs: f.competitionSlugs,
      levels: f.levels,
      yearFrom: f.yearFrom,
      yearTo: f.yearTo,
      tiers: f.tiers,
    },
    ctx,
    prefix,
  );
  const labels = checkedList(f.labels, `${prefix}.labels`)?.map((l) => l.trim().toLowerCase());
  return { innovation: base.innovation, award: { ...base.award, tiers: base.award.tiers ?? defaultTiers, labels } };
}

/** SQL conditions on innovation alias `i`. */
export function innovationConditionsSql(c: InnovationConditions, params: SqlParams, i = "i"): string[] {
  const where: string[] = [];
  if (c.sectors) where.push(`${i}.sector = ANY(${params.add(c.sectors)}::text[])`);
  if (c.regionCodes || c.provinceCodes) {
    const parts: string[] = [];
    if (c.regionCodes?.length) parts.push(`${i}.region_code = ANY(${params.add(c.regionCodes)}::text[])`);
    if (c.provinceCodes?.length) parts.push(`left(${i}.region_code, 2) = ANY(${params.add(c.provinceCodes)}::text[])`);
    where.push(`(${parts.join(" OR ")})`);
  }
  if (c.institutionIds) {
    const ids = params.add(c.institutionIds);
    where.push(`(${i}.institution_id = ANY(${ids}::int[]) OR ${i}.institution_id IN (SELECT t.id FROM institution t WHERE t.parent_id = ANY(${ids}::int[])))`);
  }
  if (c.institutionKinds) {
    const kinds = params.add(c.institutionKinds);
    where.push(`${i}.institution_id IN (SELECT t.id FROM institution t LEFT JOIN institution pt ON pt.id = t.parent_id
      WHERE t.kind = ANY(${kinds}::text[]) OR pt.kind = ANY(${kinds}::text[]))`);
  }
  if (c.progression) {
    const from = params.add(c.progression.from);
    const to = params.add(c.progression.to);
    const tiers = c.progression.toTiers ? ` AND pa2.tier = ANY(${params.add(c.progression.toTiers)}::text[])` : "";
    where.push(`EXISTS (SELECT 1
        FROM award_result pa1 JOIN competition_edition pe1 ON pe1.id = pa1.edition_id JOIN competition pc1 ON pc1.id = pe1.competition_id,
             award_result pa2 JOIN competition_edition pe2 ON pe2.id = pa2.edition_id JOIN competition pc2 ON pc2.id = pe2.competition_id
       WHERE pa1.innovation_id = ${i}.id AND pa2.innovation_id = ${i}.id
         AND pc1.level = ANY(${from}::text[]) AND pc2.level = ANY(${to}::text[])
         AND pe2.year >= pe1.year AND pa1.id <> pa2.id${tiers})`);
  }
  if (c.sdgs) where.push(`${i}.sdgs && ${params.add(c.sdgs)}::int[]`);
  if (c.statuses) where.push(`${i}.status = ANY(${params.add(c.statuses)}::text[])`);
  return where;
}

/** SQL conditions on award alias `a`, edition `e` and competition `c`. */
export function awardConditionsSql(c: AwardConditions, params: SqlParams, a = "a", e = "e", comp = "c"): string[] {
  const where: string[] = [];
  if (c.competitionIds) where.push(`${e}.competition_id = ANY(${params.add(c.competitionIds)}::int[])`);
  if (c.levels) where.push(`${comp}.level = ANY(${params.add(c.levels)}::text[])`);
  if (c.yearFrom !== undefined) where.push(`${e}.year >= ${params.add(c.yearFrom)}::int`);
  if (c.yearTo !== undefined) where.push(`${e}.year <= ${params.add(c.yearTo)}::int`);
  if (c.tiers) where.push(`${a}.tier = ANY(${params.add(c.tiers)}::text[])`);
  if (c.labels) where.push(`lower(${a}.raw_label) = ANY(${params.add(c.labels)}::text[])`);
  return where;
}

/** `EXISTS (…)`: the innovation `i` has one award meeting every award condition. */
export function hasMatchingAwardSql(c: AwardConditions, params: SqlParams, i = "i"): string {
  const conditions = awardConditionsSql(c, params, "xa", "xe", "xc");
  return `EXISTS (SELECT 1 FROM award_result xa
      JOIN competition_edition xe ON xe.id = xa.edition_id
      JOIN competition xc ON xc.id = xe.competition_id
     WHERE xa.innovation_id = ${i}.id AND ${conditions.join(" AND ")})`;
}
