/**
 * What an import needs to know about the catalogue it imports into, read in batches: one statement
 * per chunk of rows, never one per row. Read-only; every function takes the manager of the caller
 * (inside the import's transaction when writing, so that records written earlier in the same import
 * are seen).
 */
import type { EntityManager } from "typeorm";
import type { CompetitionLevel, InstitutionKind } from "../domain/enums";
import type { EditionTierHint } from "../domain/award-tier";
import { nameKey } from "../domain/normalise";
import { nameForms, REVIEW_SIMILARITY, sqlNameKey } from "./match";

/** A competition series the catalogue holds. */
export interface HeldSeries {
  id: number;
  slug: string;
  name: string;
  level: CompetitionLevel;
  /** Every name it goes by: name, short name, aliases, and the names its editions were held under. */
  names: string[];
}

/** An edition the catalogue holds. */
export interface HeldEdition {
  id: number;
  competitionId: number;
  year: number;
  name: string;
  tiers: EditionTierHint[];
}

/** Every series and edition (both are few: tens to hundreds). */
export async function readSeriesAndEditions(manager: EntityManager): Promise<{ series: HeldSeries[]; editions: HeldEdition[] }> {
  const series: HeldSeries[] = await manager.query(
    `SELECT c.id, c.slug, c.name, c.level,
            array_remove(array_cat(ARRAY[c.name, c.short_name], c.aliases)
              || COALESCE((SELECT array_agg(DISTINCT e.name) FROM competition_edition e WHERE e.competition_id = c.id), '{}'), NULL) AS names
       FROM competition c ORDER BY c.id`,
  );
  const editions: HeldEdition[] = await manager.query(
    `SELECT id, competition_id AS "competitionId", year, name, tiers FROM competition_edition ORDER BY id`,
  );
  return { series, editions };
}

/** An institution to look up by its identity: name key and region (null for national bodies). */
export interface InstitutionKey {
  key: string;
  regionCode: string | null;
}

/** A held institution. */
export interface HeldInstitution {
  id: number;
  name: string;
  kind: InstitutionKind;
  regionCode: string | null;
  parentId: number | null;
}

/** The held institution of each identity, where there is one (the oldest, should there be several). */
export async function findInstitutions(manager: EntityManager, keys: readonly InstitutionKey[]): Promise<(HeldInstitution | null)[]> {
  if (keys.length === 0) return [];
  const rows: (HeldInstitution & { ord: number })[] = await manager.query(
    `SELECT DISTINCT ON (v.ord) v.ord, i.id, i.name, i.kind, i.region_code AS "regionCode", i.parent_id AS "parentId"
       FROM jsonb_to_recordset($1::jsonb) AS v(ord int, key text, region text)
       JOIN institution i ON i.name_key = v.key AND i.region_code IS NOT DISTINCT FROM v.region
      ORDER BY v.ord, i.id`,
    [JSON.stringify(keys.map((k, ord) => ({ ord, key: k.key, region: k.regionCode })))],
  );
  const out: (HeldInstitution | null)[] = keys.map(() => null);
  for (const row of rows) out[row.ord] = { id: row.id, name: row.name, kind: row.kind, regionCode: row.regionCode, parentId: row.parentId };
  return out;
}

/**
 * The pemda of each region, where the catalogue holds one: the institution of a government kind in
 * that region, preferring the one under the canonical name ("Pemerintah Kota Semarang").
 */
export async function findGovernments(
  manager: EntityManager,
  regions: readonly { code: string; canonicalKey: string }[],
): Promise<Map<string, HeldInstitution>> {
  if (regions.length === 0) return new Map();
  const rows: HeldInstitution[] = await manager.query(
    `SELECT DISTINCT ON (i.region_code) i.id, i.name, i.kind, i.region_code AS "regionCode", i.parent_id AS "parentId"
       FROM jsonb_to_recordset($1::jsonb) AS v(code text, canonical text)
       JOIN institution i ON i.region_code = v.code
      WHERE i.kind IN ('provincial_government', 'regency_government', 'city_government')
      ORDER BY i.region_code, (i.name_key = v.canonical) DESC, i.id`,
    [JSON.stringify(regions.map((r) => ({ code: r.code, canonical: r.canonicalKey })))],
  );
  return new Map(rows.map((r) => [r.regionCode!, r]));
}

/** An incoming innovation to find candidates for. */
export interface InnovationProbe {
  /** nameKey of the incoming name. */
  key: string;
  /** Its normalised forms (see nameForms). */
  forms: string[];
  regionCode: string | null;
}

/** A held innovation found for a probe, before relating institutions. */
export interface InnovationCandidateRow {
  id: number;
  name: string;
  regionCode: string | null;
  institutionId: number;
  institutionParentId: number | null;
  similarity: number;
  forms: string[];
}

interface CandidateSqlRow {
  ord: number;
  id: number;
  name: string;
  aliases: string[];
  acronym: string | null;
  expansion: string | null;
  regionCode: string | null;
  institutionId: number;
  institutionParentId: number | null;
  similarity: number;
}

/**
 * SQL for the candidates' columns and their similarity to the probe key `v.key`: of the name key, or
 * of the acronym's expansion ("Gerakan Kembali Bersekolah" of "… (GKB) …"). Aliases and acronyms are
 * compared for equality only (CANDIDATE_FILTER): a similarity per alias would cost a trigram
 * comparison per alias per candidate, for names that are the same innovation's anyway.
 */
const CANDIDATE_COLUMNS = `i.id, i.name, i.aliases, i.acronym, i.acronym_expansion AS expansion, i.region_code AS "regionCode",
            i.institution_id AS "institutionId", inst.parent_id AS "institutionParentId",
            GREATEST(similarity(i.name_key, v.key), similarity(COALESCE(${sqlNameKey("i.acronym_expansion")}, ''), v.key))::float8 AS similarity`;

/** Keeps the rows that could match: similar enough, or equal in some form. */
const CANDIDATE_FILTER = `(s.similarity >= $2 OR s.name_key = ANY(v.forms)
          OR ${sqlNameKey("s.acronym")} = ANY(v.forms)
          OR EXISTS (SELECT 1 FROM unnest(s.aliases) a WHERE ${sqlNameKey("a")} = ANY(v.forms)))`;

function toCandidates(rows: CandidateSqlRow[], count: number): InnovationCandidateRow[][] {
  const out: InnovationCandidateRow[][] = Array.from({ length: count }, () => []);
  for (const r of rows) {
    out[r.ord].push({
      id: r.id,
      name: r.name,
      regionCode: r.regionCode,
      institutionId: r.institutionId,
      institutionParentId: r.institutionParentId,
      similarity: Number(r.similarity),
      forms: nameForms(r.name, [...r.aliases, r.acronym, r.expansion]),
    });
  }
  return out;
}

/**
 * For each probe, the held innovations in the same region whose name could be the probe's: equal in
 * some normalised form, or with pg_trgm similarity at least REVIEW_SIMILARITY. One statement.
 */
export async function findInnovationCandidates(manager: EntityManager, probes: readonly InnovationProbe[]): Promise<InnovationCandidateRow[][]> {
  if (probes.length === 0) return [];
  const rows: CandidateSqlRow[] = await manager.query(
    `SELECT s.ord, s.id, s.name, s.aliases, s.acronym, s.expansion, s."regionCode", s."institutionId", s."institutionParentId", s.similarity
       FROM jsonb_to_recordset($1::jsonb) AS v(ord int, key text, region text, forms text[])
       CROSS JOIN LATERAL (
         SELECT v.ord, i.name_key, ${CANDIDATE_COLUMNS}
           FROM innovation i JOIN institution inst ON inst.id = i.institution_id
          WHERE i.region_code = v.region
         UNION ALL
         SELECT v.ord, i.name_key, ${CANDIDATE_COLUMNS}
           FROM innovation i JOIN institution inst ON inst.id = i.institution_id
          WHERE v.region IS NULL AND i.region_code IS NULL) s
      WHERE ${CANDIDATE_FILTER}
      ORDER BY s.ord, s.similarity DESC, s.id`,
    [JSON.stringify(probes.map((p, ord) => ({ ord, key: p.key, region: p.regionCode, forms: p.forms }))), REVIEW_SIMILARITY],
  );
  return toCandidates(rows, probes.length);
}

/** An innovation named by an awards or replications row: its name and its institution's name. */
export interface NamedInnovationProbe {
  name: string;
  institution: string;
}

/**
 * For each probe, the held innovations run by an institution of that name (in any region), by one of
 * its units, or by its parent, whose name could be the probe's. Institutions are related by
 * construction, so the match decision rests on the names. One statement.
 */
export async function findInnovationsByInstitutionName(
  manager: EntityManager,
  probes: readonly NamedInnovationProbe[],
): Promise<InnovationCandidateRow[][]> {
  if (probes.length === 0) return [];
  const rows: CandidateSqlRow[] = await manager.query(
    `SELECT DISTINCT ON (s.ord, s.id) s.ord, s.id, s.name, s.aliases, s.acronym, s.expansion, s."regionCode", s."institutionId", s."institutionParentId", s.similarity
       FROM jsonb_to_recordset($1::jsonb) AS v(ord int, key text, institution text, forms text[])
       JOIN institution named ON named.name_key = v.institution
       CROSS JOIN LATERAL (
         SELECT v.ord, i.name_key, ${CANDIDATE_COLUMNS}
           FROM innovation i JOIN institution inst ON inst.id = i.institution_id
          WHERE inst.id = named.id OR inst.parent_id = named.id OR inst.id = named.parent_id) s
      WHERE ${CANDIDATE_FILTER}
      ORDER BY s.ord, s.id`,
    [
      JSON.stringify(
        probes.map((p, ord) => ({ ord, key: nameKey(p.name), institution: nameKey(p.institution), forms: nameForms(p.name) })),
      ),
      REVIEW_SIMILARITY,
    ],
  );
  return toCandidates(rows, probes.length);
}

/** Which of `slugs` are taken in `table`. One indexed lookup. */
export async function existingSlugs(manager: EntityManager, table: "innovation" | "institution" | "competition", slugs: readonly string[]): Promise<string[]> {
  if (slugs.length === 0) return [];
  const rows: { slug: string }[] = await manager.query(`SELECT slug FROM "${table}" WHERE slug = ANY($1::text[])`, [[...new Set(slugs)]]);
  return rows.map((r) => r.slug);
}
