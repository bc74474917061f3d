/**
 * Writes a catalogue plan (catalogue-plan.ts) with idempotent, batched upserts: per table one INSERT
 * of the rows whose natural key is missing, one UPDATE of the rows that differ, one SELECT of the ids
 * and one upsert of the seed snapshot. Each statement carries the whole batch as one jsonb parameter,
 * so a table costs four round trips whatever its size. Rows that are already equal are not touched,
 * which is why a second load reports zero changes.
 *
 * Only the columns the seeds own are written; columns they do not hold (narratives, SDGs, decree
 * numbers) are left to whoever fills them.
 *
 * Precedence: the seed rewrites a column of an existing row only while that column is empty or still
 * holds what the seed last wrote there (recorded in `seed_snapshot`). A value someone else wrote since
 * (an import, a mutation, a hand edit) is theirs: a restart re-applying the seed leaves it alone.
 * Regions are the exception: their codes and names are the idn-area-data package's, and the seed
 * always applies them.
 */
import type { EntityManager } from "typeorm";
import type { CataloguePlan, PlannedInstitution } from "./catalogue-plan";

/** Postgres types a batch column is read as (in jsonb_to_recordset). */
export type SqlType = "text" | "int" | "jsonb" | "text[]" | "date" | "real";

/** One column of a batched write. */
export interface ColumnSpec {
  name: string;
  type: SqlType;
}

/** How a table is written in batches: its natural key, the columns written, and its id column. */
export interface TableSpec {
  table: string;
  /** The natural key: unique in the table, never updated. */
  key: ColumnSpec[];
  /** Columns written on insert and compared (then updated) afterwards. */
  columns: ColumnSpec[];
  /** A column set to now() whenever a row is updated. */
  touch?: string;
  /** The generated id column to read back, or null when the key is the id. */
  id: string | null;
  /**
   * Whether the seed's precedence rule applies (see the file comment): updates touch only columns the
   * seed still owns, and what the seed wrote is kept in `seed_snapshot`. Needs an id column.
   */
  guarded?: boolean;
}

/** One row of a batch: column name → value. */
export type Row = Record<string, unknown>;

/** Tables in write order, as the report names them. */
export const SEED_TABLES = [
  "region",
  "source",
  "competition",
  "competition_edition",
  "institution",
  "innovation",
  "award_result",
  "knowledge_event",
  "source_link",
] as const;
export type SeedTable = (typeof SEED_TABLES)[number];

const c = (name: string, type: SqlType): ColumnSpec => ({ name, type });
/** Quotes an SQL identifier. */
export const q = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

/** How each catalogue table is written in batches (the importer writes through the same specs). */
export const TABLE_SPECS: Record<SeedTable, TableSpec> = {
  region: {
    table: "region",
    key: [c("code", "text")],
    columns: [c("name", "text"), c("kind", "text"), c("parent_code", "text")],
    id: null,
  },
  source: {
    table: "source",
    key: [c("url", "text")],
    columns: [c("title", "text"), c("publisher", "text"), c("retrieved_at", "date")],
    id: "id",
    guarded: true,
  },
  competition: {
    table: "competition",
    key: [c("slug", "text")],
    columns: [
      c("name", "text"),
      c("short_name", "text"),
      c("aliases", "text[]"),
      c("organizer", "text"),
      c("level", "text"),
      c("scope_region_code", "text"),
      c("description", "text"),
    ],
    id: "id",
    guarded: true,
  },
  competition_edition: {
    table: "competition_edition",
    key: [c("competition_id", "int"), c("year", "int")],
    columns: [
      c("edition_number", "int"),
      c("name", "text"),
      c("theme", "text"),
      c("legal_basis", "text"),
      c("stages_text", "text"),
      c("stages", "jsonb"),
      c("groups", "jsonb"),
      c("categories", "jsonb"),
      c("criteria", "jsonb"),
      c("tiers", "jsonb"),
      c("entry_count", "int"),
    ],
    id: "id",
    guarded: true,
  },
  institution: {
    table: "institution",
    key: [c("slug", "text")],
    columns: [c("name", "text"), c("name_key", "text"), c("kind", "text"), c("region_code", "text"), c("parent_id", "int")],
    touch: "updated_at",
    id: "id",
    guarded: true,
  },
  innovation: {
    table: "innovation",
    key: [c("slug", "text")],
    columns: [
      c("name", "text"),
      c("name_key", "text"),
      c("acronym", "text"),
      c("acronym_expansion", "text"),
      c("aliases", "text[]"),
      c("summary", "text"),
      c("sector", "text"),
      c("launch_year", "int"),
      c("status", "text"),
      c("status_as_of", "date"),
      c("status_note", "text"),
      c("institution_id", "int"),
      c("service_unit", "text"),
      c("region_code", "text"),
    ],
    touch: "updated_at",
    id: "id",
    guarded: true,
  },
  award_result: {
    table: "award_result",
    key: [c("innovation_id", "int"), c("edition_id", "int"), c("raw_label", "text")],
    columns: [
      c("tier", "text"),
      c("tier_rank", "int"),
      c("place", "int"),
      c("tier_size", "int"),
      c("group_name", "text"),
      c("category", "text"),
    ],
    id: "id",
    guarded: true,
  },
  knowledge_event: {
    table: "knowledge_event",
    key: [c("slug", "text")],
    columns: [
      c("kind", "text"),
      c("title", "text"),
      c("starts_on", "date"),
      c("ends_on", "date"),
      c("year", "int"),
      c("organizer", "text"),
      c("facilitators", "jsonb"),
      c("participants", "text"),
      c("venue", "text"),
      c("description", "text"),
      c("region_code", "text"),
      c("competition_id", "int"),
      c("edition_id", "int"),
    ],
    id: "id",
    guarded: true,
  },
  source_link: {
    table: "source_link",
    key: [c("subject_type", "text"), c("subject_id", "int"), c("source_id", "int")],
    columns: [c("asserted_by", "text")],
    id: null,
  },
};

/** What one batched upsert did. */
export interface UpsertResult {
  /** Id of each input row, in input order (empty when the spec has no id column). */
  ids: number[];
  changed: number;
}

/**
 * How `upsertRows` treats rows whose natural key exists: "update" rewrites differing columns (only
 * those the seed owns, for a guarded spec, and then records the seed snapshot); "insert-only" leaves
 * them as they are.
 */
export type UpsertMode = "update" | "insert-only";

/** The batch as a typed recordset `v`, with `ord` its position in `rows`. */
function recordsetOf(spec: TableSpec): string {
  const all = [...spec.key, ...spec.columns];
  return `jsonb_to_recordset($1::jsonb) AS v(ord int, ${all.map((col) => `${q(col.name)} ${col.type}`).join(", ")})`;
}

/**
 * Upserts `rows` into one table by natural key, in a few statements whatever the batch size. Inserts
 * follow the input order, so ids are deterministic on a fresh database; existing rows are updated only
 * where a column differs (and, for a guarded spec, only in columns the seed still owns).
 */
export async function upsertRows(manager: EntityManager, spec: TableSpec, rows: Row[], mode: UpsertMode = "update"): Promise<UpsertResult> {
  if (rows.length === 0) return { ids: [], changed: 0 };
  const all = [...spec.key, ...spec.columns];
  const payload = JSON.stringify(rows.map((row, ord) => ({ ...row, ord })));
  const recordset = recordsetOf(spec);
  const keyMatch = (alias: string) => spec.key.map((col) => `${alias}.${q(col.name)} = v.${q(col.name)}`).join(" AND ");
  const columnList = all.map((col) => q(col.name)).join(", ");
  const table = q(spec.table);

  const inserted = await manager.query(
    `WITH ins AS (
       INSERT INTO ${table} (${columnList})
       SELECT ${all.map((col) => `v.${q(col.name)}`).join(", ")} FROM ${recordset}
       WHERE NOT EXISTS (SELECT 1 FROM ${table} x WHERE ${keyMatch("x")})
       ORDER BY v.ord
       ON CONFLICT DO NOTHING
       RETURNING 1)
     SELECT count(*)::int AS n FROM ins`,
    [payload],
  );
  let changed = Number(inserted[0].n);
  if (mode === "update" && spec.columns.length > 0) {
    changed += spec.guarded ? await updateSeedOwned(manager, spec, payload) : await updateAll(manager, spec, payload);
  }
  if (!spec.id) return { ids: [], changed };

  const found: { ord: number; id: number }[] = await manager.query(
    `SELECT v.ord AS ord, t.${q(spec.id)} AS id FROM ${recordset} JOIN ${table} t ON ${keyMatch("t")}`,
    [payload],
  );
  const ids = new Array<number>(rows.length);
  for (const f of found) ids[Number(f.ord)] = Number(f.id);
  if (found.length !== rows.length) throw new Error(`${spec.table}: wrote ${rows.length} rows but found ${found.length}`);
  if (mode === "update" && spec.guarded) await recordSeedSnapshot(manager, spec, payload);
  return { ids, changed };
}

/** Rewrites every differing column of the existing rows. Returns the rows updated. */
async function updateAll(manager: EntityManager, spec: TableSpec, payload: string): Promise<number> {
  const sets = spec.columns.map((col) => `${q(col.name)} = v.${q(col.name)}`);
  if (spec.touch) sets.push(`${q(spec.touch)} = now()`);
  const [row] = await manager.query(
    `WITH upd AS (
       UPDATE ${q(spec.table)} AS t SET ${sets.join(", ")}
       FROM ${recordsetOf(spec)}
       WHERE ${spec.key.map((col) => `t.${q(col.name)} = v.${q(col.name)}`).join(" AND ")}
         AND ROW(${spec.columns.map((col) => `t.${q(col.name)}`).join(", ")})
             IS DISTINCT FROM ROW(${spec.columns.map((col) => `v.${q(col.name)}`).join(", ")})
       RETURNING 1)
     SELECT count(*)::int AS n FROM upd`,
    [payload],
  );
  return Number(row.n);
}

/**
 * Rewrites the differing columns the seed still owns: a column is the seed's while it is empty or
 * holds the value of the row's seed snapshot. A row without a snapshot was not written by the seed,
 * so only its empty columns are filled. Returns the rows updated.
 */
async function updateSeedOwned(manager: EntityManager, spec: TableSpec, payload: string): Promise<number> {
  const id = q(spec.id!);
  const owned = (col: ColumnSpec) =>
    `(t.${q(col.name)} IS NULL OR COALESCE(to_jsonb(t.${q(col.name)}), 'null'::jsonb) = cur.snapshot -> '${col.name}')`;
  const sets = spec.columns.map((col) => `${q(col.name)} = CASE WHEN ${owned(col)} THEN cur.${q(col.name)} ELSE t.${q(col.name)} END`);
  if (spec.touch) sets.push(`${q(spec.touch)} = now()`);
  const [row] = await manager.query(
    `WITH cur AS (
       SELECT x.${id} AS row_id, s.snapshot, ${spec.columns.map((col) => `v.${q(col.name)}`).join(", ")}
         FROM ${recordsetOf(spec)}
         JOIN ${q(spec.table)} x ON ${spec.key.map((col) => `x.${q(col.name)} = v.${q(col.name)}`).join(" AND ")}
         LEFT JOIN seed_snapshot s ON s.table_name = '${spec.table}' AND s.row_id = x.${id}),
     upd AS (
       UPDATE ${q(spec.table)} AS t SET ${sets.join(", ")}
         FROM cur
        WHERE t.${id} = cur.row_id
          AND (${spec.columns.map((col) => `(${owned(col)} AND t.${q(col.name)} IS DISTINCT FROM cur.${q(col.name)})`).join("\n            OR ")})
       RETURNING 1)
     SELECT count(*)::int AS n FROM upd`,
    [payload],
  );
  return Number(row.n);
}

/** Records what the seed asked for in each row of the batch (only where that differs from the record). */
async function recordSeedSnapshot(manager: EntityManager, spec: TableSpec, payload: string): Promise<void> {
  await manager.query(
    `INSERT INTO seed_snapshot (table_name, row_id, snapshot)
     SELECT '${spec.table}', x.${q(spec.id!)}, jsonb_build_object(${spec.columns.map((col) => `'${col.name}', v.${q(col.name)}`).join(", ")})
       FROM ${recordsetOf(spec)}
       JOIN ${q(spec.table)} x ON ${spec.key.map((col) => `x.${q(col.name)} = v.${q(col.name)}`).join(" AND ")}
     ON CONFLICT (table_name, row_id) DO UPDATE SET snapshot = EXCLUDED.snapshot
      WHERE seed_snapshot.snapshot IS DISTINCT FROM EXCLUDED.snapshot`,
    [payload],
  );
}

function lookup<K>(map: ReadonlyMap<K, number>, key: K, what: string): number {
  const id = map.get(key);
  if (id === undefined) throw new Error(`seed writer: no id for ${what} ${String(key)}`);
  return id;
}

/** Key of the advisory lock that serialises writers of the catalogue (the seed loader and imports). */
const CATALOGUE_WRITE_LOCK = 0x1a0_5eed;

/**
 * Takes the catalogue's write lock until the end of the current transaction, so that a seed load and
 * an import (or two imports) never interleave their reads and writes.
 */
export async function lockCatalogueWrites(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock($1)`, [CATALOGUE_WRITE_LOCK]);
}

/**
 * Writes the plan through `manager` (call it inside a transaction) and returns the rows inserted or
 * updated per table. Every table appears in the result, with 0 when nothing changed.
 */
export async function writeCatalogue(manager: EntityManager, plan: CataloguePlan): Promise<Record<SeedTable, number>> {
  await lockCatalogueWrites(manager);
  const changes = Object.fromEntries(SEED_TABLES.map((t) => [t, 0])) as Record<SeedTable, number>;
  const run = async (table: SeedTable, rows: Row[]): Promise<number[]> => {
    const result = await upsertRows(manager, TABLE_SPECS[table], rows);
    changes[table] += result.changed;
    return result.ids;
  };
  const index = <T>(items: readonly T[], ids: readonly number[], key: (item: T) => string) =>
    new Map(items.map((item, i) => [key(item), ids[i]]));

  await run(
    "region",
    plan.regions.map((r) => ({ code: r.code, name: r.name, kind: r.kind, parent_code: r.parentCode })),
  );

  const sourceIds = index(
    plan.sources,
    await run(
      "source",
      plan.sources.map((s) => ({ url: s.url, title: s.title, publisher: s.publisher, retrieved_at: s.retrievedAt })),
    ),
    (s) => s.url,
  );

  const competitionIds = index(
    plan.competitions,
    await run(
      "competition",
      plan.competitions.map((x) => ({
        slug: x.slug,
        name: x.name,
        short_name: x.shortName,
        aliases: x.aliases,
        organizer: x.organizer,
        level: x.level,
        scope_region_code: x.scopeRegionCode,
        description: x.description,
      })),
    ),
    (x) => x.slug,
  );

  const editionIds = index(
    plan.editions,
    await run(
      "competition_edition",
      plan.editions.map((e) => ({
        competition_id: lookup(competitionIds, e.competitionSlug, "competition"),
        year: e.year,
        edition_number: e.editionNumber,
        name: e.name,
        theme: e.theme,
        legal_basis: e.legalBasis,
        stages_text: e.stagesText,
        stages: e.stages,
        groups: e.groups,
        categories: e.categories,
        criteria: e.criteria,
        tiers: e.tiers,
        entry_count: e.entryCount,
      })),
    ),
    (e) => `${e.competitionSlug}|${e.year}`,
  );

  // Institutions in waves by depth, so that every parent has an id before its children are written.
  const institutionIds = new Map<string, number>();
  for (const wave of institutionWaves(plan.institutions)) {
    const ids = await run(
      "institution",
      wave.map((i) => ({
        slug: i.slug,
        name: i.name,
        name_key: i.nameKey,
        kind: i.kind,
        region_code: i.regionCode,
        parent_id: i.parentSlug ? lookup(institutionIds, i.parentSlug, "institution") : null,
      })),
    );
    wave.forEach((i, n) => institutionIds.set(i.slug, ids[n]));
  }

  const innovationIds = index(
    plan.innovations,
    await run(
      "innovation",
      plan.innovations.map((i) => ({
        slug: i.slug,
        name: i.name,
        name_key: i.nameKey,
        acronym: i.acronym,
        acronym_expansion: i.acronymExpansion,
        aliases: i.aliases,
        summary: i.summary,
        sector: i.sector,
        launch_year: i.launchYear,
        status: i.status,
        status_as_of: i.statusAsOf,
        status_note: i.statusNote,
        institution_id: lookup(institutionIds, i.institutionSlug, "institution"),
        service_unit: i.serviceUnit,
        region_code: i.regionCode,
      })),
    ),
    (i) => i.slug,
  );

  const awardIds = await run(
    "award_result",
    plan.awards.map((a) => ({
      innovation_id: lookup(innovationIds, a.innovationSlug, "innovation"),
      edition_id: lookup(editionIds, `${a.competitionSlug}|${a.year}`, "edition"),
      raw_label: a.rawLabel,
      tier: a.tier,
      tier_rank: a.tierRank,
      place: a.place,
      tier_size: a.tierSize,
      group_name: a.groupName,
      category: a.category,
    })),
  );

  const eventIds = await run(
    "knowledge_event",
    plan.events.map((e) => ({
      slug: e.slug,
      kind: e.kind,
      title: e.title,
      starts_on: e.startsOn,
      ends_on: e.endsOn,
      year: e.year,
      organizer: e.organizer,
      facilitators: e.facilitators,
      participants: e.participants,
      venue: e.venue,
      description: e.description,
      region_code: e.regionCode,
      competition_id: e.competitionSlug ? lookup(competitionIds, e.competitionSlug, "competition") : null,
      edition_id:
        e.competitionSlug && e.editionYear !== null ? lookup(editionIds, `${e.competitionSlug}|${e.editionYear}`, "edition") : null,
    })),
  );

  const links: Row[] = [];
  const link = (subjectType: string, subjectId: number, sources: readonly { url: string; assertedBy: string }[]) => {
    for (const s of sources) {
      links.push({
        subject_type: subjectType,
        subject_id: subjectId,
        source_id: lookup(sourceIds, s.url, "source"),
        asserted_by: s.assertedBy,
      });
    }
  };
  plan.editions.forEach((e) => link("competition_edition", lookup(editionIds, `${e.competitionSlug}|${e.year}`, "edition"), e.sources));
  plan.innovations.forEach((i) => link("innovation", lookup(innovationIds, i.slug, "innovation"), i.sources));
  plan.awards.forEach((a, n) => link("award_result", awardIds[n], a.sources));
  plan.events.forEach((e, n) => link("knowledge_event", eventIds[n], e.sources));
  await run("source_link", links);

  return changes;
}

/** Institutions grouped by depth in the parent tree (roots first), each group in plan order. */
function institutionWaves(institutions: readonly PlannedInstitution[]): PlannedInstitution[][] {
  const bySlug = new Map(institutions.map((i) => [i.slug, i]));
  const depth = new Map<string, number>();
  const depthOf = (i: PlannedInstitution, seen: Set<string>): number => {
    const known = depth.get(i.slug);
    if (known !== undefined) return known;
    if (seen.has(i.slug)) throw new Error(`institution parent cycle at ${i.slug}`);
    seen.add(i.slug);
    const parent = i.parentSlug ? bySlug.get(i.parentSlug) : undefined;
    const d = parent ? depthOf(parent, seen) + 1 : 0;
    depth.set(i.slug, d);
    return d;
  };
  const waves: PlannedInstitution[][] = [];
  for (const i of institutions) {
    const d = depthOf(i, new Set());
    (waves[d] ??= []).push(i);
  }
  return waves.filter((w) => w !== undefined);
}
