/**
 * The projection both engines index: an innovation, with its institution, region, province and
 * awards, flattened into one {@link SearchDocument} by the pure function {@link toSearchDocument}.
 * {@link loadSearchSources} fetches the inputs for many innovations in two set-based statements.
 */
import type { EntityManager } from "typeorm";
import { AWARD_TIER_RANK, type AwardTier, type CompetitionLevel, type InnovationStatus, type Sector } from "../domain/enums";
import { AWARD_LEVEL_LABELS, SECTOR_LABELS, type SearchDocument } from "./search-fields";

/** Everything the projection reads about one innovation. */
export interface SearchSource {
  readonly innovation: {
    readonly id: number;
    readonly slug: string;
    readonly name: string;
    readonly acronym: string | null;
    readonly acronymExpansion: string | null;
    readonly aliases: readonly string[];
    readonly summary: string | null;
    /** The narrative sections in their canonical order (problem, objectives, novelty, …); nulls allowed. */
    readonly narrative: readonly (string | null)[];
    readonly sector: Sector;
    readonly sdgs: readonly number[];
    readonly status: InnovationStatus | null;
    readonly regionCode: string | null;
  };
  readonly institutionName: string;
  /** The innovation's region; null for national bodies. */
  readonly region: { readonly code: string; readonly name: string } | null;
  /** The province of the region (the region itself when it is a province); null without a region. */
  readonly province: { readonly code: string; readonly name: string } | null;
  readonly awards: readonly {
    readonly label: string;
    readonly tier: AwardTier;
    readonly year: number;
    readonly level: CompetitionLevel;
    readonly competitionName: string;
    readonly competitionShortName: string | null;
  }[];
}

/** Distinct values in a locale-independent order (numbers numerically, strings by code unit). */
const sortedUnique = <T extends string | number>(values: readonly T[]): T[] =>
  [...new Set(values)].sort((a, b) => (typeof a === "number" && typeof b === "number" ? a - b : a < b ? -1 : a > b ? 1 : 0));

function blankToNull(text: string | null): string | null {
  const trimmed = text?.trim();
  return trimmed ? trimmed : null;
}

/**
 * Projects an innovation onto its search document. Pure and deterministic: the same source always
 * gives an equal document (arrays sorted and de-duplicated), so re-indexing an unchanged innovation
 * changes nothing.
 *
 * - `regionNames`: the region and its province ("Kota Semarang", "Jawa Tengah"), so a region's name
 *   finds the innovations of its institutions;
 * - `awardLabels`: each award's label with the competition's short name and year ("Top 45 KIPP 2019"),
 *   each competition's full name, and the words for its level ("nasional national");
 * - `bestTierRank`/`latestYear`: from the awards (see AWARD_TIER_RANK), null without awards.
 */
export function toSearchDocument(source: SearchSource): SearchDocument {
  const { innovation, awards } = source;
  const narrative = innovation.narrative.map(blankToNull).filter((s): s is string => s !== null);
  const regionNames = [source.region?.name, source.province?.name].filter((n): n is string => !!n);
  const ranks = awards.map((a) => AWARD_TIER_RANK[a.tier]);
  const years = awards.map((a) => a.year);
  return {
    id: String(innovation.id),
    innovationId: innovation.id,
    slug: innovation.slug,
    name: innovation.name,
    acronym: blankToNull(innovation.acronym),
    acronymExpansion: blankToNull(innovation.acronymExpansion),
    aliases: sortedUnique(innovation.aliases.map((a) => a.trim()).filter((a) => a.length > 0)),
    summary: blankToNull(innovation.summary),
    narrative: narrative.length > 0 ? narrative.join("\n\n") : null,
    institutionName: source.institutionName,
    regionNames: [...new Set(regionNames)],
    awardLabels: sortedUnique([
      ...awards.map((a) => [a.label, a.competitionShortName, String(a.year)].filter((x) => x).join(" ")),
      ...awards.map((a) => a.competitionName),
      ...awards.flatMap((a) => AWARD_LEVEL_LABELS[a.level] ?? []),
    ]),
    sectorLabels: SECTOR_LABELS[innovation.sector] ?? [],
    sector: innovation.sector,
    provinceCode: source.province?.code ?? null,
    regionCode: innovation.regionCode,
    levels: sortedUnique(awards.map((a) => a.level)),
    tiers: sortedUnique(awards.map((a) => a.tier)),
    years: sortedUnique(years),
    sdgs: sortedUnique(innovation.sdgs),
    status: innovation.status,
    bestTierRank: ranks.length > 0 ? Math.min(...ranks) : null,
    latestYear: years.length > 0 ? Math.max(...years) : null,
  };
}

interface InnovationRow {
  id: number;
  slug: string;
  name: string;
  acronym: string | null;
  acronymExpansion: string | null;
  aliases: string[];
  summary: string | null;
  narrative: (string | null)[];
  sector: Sector;
  sdgs: number[];
  status: InnovationStatus | null;
  regionCode: string | null;
  institutionName: string;
  regionName: string | null;
  provinceCode: string | null;
  provinceName: string | null;
}

interface AwardRow {
  innovationId: number;
  label: string;
  tier: AwardTier;
  year: number;
  level: CompetitionLevel;
  competitionName: string;
  competitionShortName: string | null;
}

/**
 * Loads the projection's inputs for the given innovations (or all of them), in two statements: the
 * innovations with institution, region and province; then their awards with edition and
 * competition. Ids with no innovation are left out of the result. Ordered by innovation id.
 */
export async function loadSearchSources(manager: EntityManager, innovationIds: readonly number[] | "all"): Promise<SearchSource[]> {
  if (innovationIds !== "all" && innovationIds.length === 0) return [];
  const all = innovationIds === "all";
  const params = all ? [] : [innovationIds];
  const rows: InnovationRow[] = await manager.query(
    `SELECT i.id, i.slug, i.name, i.acronym, i.acronym_expansion AS "acronymExpansion", i.aliases, i.summary,
            ARRAY[i.problem, i.objectives, i.novelty, i.implementation, i.results, i.replication_requirements,
                  i.resources_and_cost, i.sustainability] AS narrative,
            i.sector, i.sdgs, i.status, i.region_code AS "regionCode", t.name AS "institutionName",
            r.name AS "regionName", p.code AS "provinceCode", p.name AS "provinceName"
       FROM innovation i
       JOIN institution t ON t.id = i.institution_id
       LEFT JOIN region r ON r.code = i.region_code
       LEFT JOIN region p ON p.code = COALESCE(r.parent_code, r.code)
      ${all ? "" : "WHERE i.id = ANY($1::int[])"}
      ORDER BY i.id`,
    params,
  );
  if (rows.length === 0) return [];
  const awards: AwardRow[] = await manager.query(
    `SELECT a.innovation_id AS "innovationId", a.raw_label AS label, a.tier, e.year, c.level,
            c.name AS "competitionName", c.short_name AS "competitionShortName"
       FROM award_result a
       JOIN competition_edition e ON e.id = a.edition_id
       JOIN competition c ON c.id = e.competition_id
      ${all ? "" : "WHERE a.innovation_id = ANY($1::int[])"}
      ORDER BY a.innovation_id, e.year, a.id`,
    params,
  );
  const awardsById = new Map<number, AwardRow[]>();
  for (const a of awards) {
    const list = awardsById.get(a.innovationId);
    if (list) list.push(a);
    else awardsById.set(a.innovationId, [a]);
  }
  return rows.map((r) => ({
    innovation: {
      id: r.id,
      slug: r.slug,
      name: r.name,
      acronym: r.acronym,
      acronymExpansion: r.acronymExpansion,
      aliases: r.aliases,
      summary: r.summary,
      narrative: r.narrative,
      sector: r.sector,
      sdgs: r.sdgs,
      status: r.status,
      regionCode: r.regionCode,
    },
    institutionName: r.institutionName,
    region: r.regionCode && r.regionName ? { code: r.regionCode, name: r.regionName } : null,
    province: r.provinceCode && r.provinceName ? { code: r.provinceCode, name: r.provinceName } : null,
    awards: (awardsById.get(r.id) ?? []).map(({ innovationId: _, ...award }) => award),
  }));
}
