import { prepared } from "../db/prepared-statements";
import DataLoader from "dataloader";
import type { DataSource, EntityTarget, ObjectLiteral } from "typeorm";
import {
  AwardResultEntity,
  CompetitionEditionEntity,
  CompetitionEntity,
  InnovationEntity,
  InstitutionEntity,
  KnowledgeEventEntity,
  PublisherEntity,
  RegionEntity,
  ReplicationEntity,
  SourceEntity,
} from "../entities";
import type { SourceSubjectType } from "../entities/source-link.entity";
import type { SourceClaimRow } from "../schema/source.type";
import { INNOVATION_LAZY_PROPERTIES, innovationColumns, joinedColumns, NARRATIVE_PROPERTIES, selectColumns } from "./sql";


/**
 * One set of loaders per request: every relation in the graph is fetched through these, so a page of
 * n items costs the same number of statements as a page of 1. Results line up with the keys;
 * a missing row is null (or an empty list).
 */
export function createLoaders(dataSource: DataSource) {
  // The loaders' SQL is fixed by the code: sent as prepared statements on a server (prepared-statements.ts).
  const ds: DataSource = Object.create(dataSource, {
    query: { value: (sql: string, parameters?: unknown[]) => dataSource.query(prepared(sql), parameters) },
  });
  const byKey = <K extends string | number, E extends ObjectLiteral>(
    entity: EntityTarget<E>,
    table: string,
    column: string,
    keyOf: (row: E) => K,
    cast: string,
    omit: readonly string[] = [],
  ) =>
    new DataLoader<K, E | null>(async (keys) => {
      const rows: E[] = await ds.query(
        `SELECT ${selectColumns(ds, entity, "t", omit)} FROM "${table}" t WHERE t."${column}" = ANY($1::${cast}[])`,
        [keys],
      );
      const map = new Map(rows.map((r) => [keyOf(r), r]));
      return keys.map((k) => map.get(k) ?? null);
    });

  const grouped = <K extends string | number, R>(fetch: (keys: readonly K[]) => Promise<R[]>, keyOf: (row: R) => K) =>
    new DataLoader<K, R[]>(async (keys) => {
      const rows = await fetch(keys);
      const map = new Map<K, R[]>();
      for (const row of rows) {
        const key = keyOf(row);
        const list = map.get(key);
        if (list) list.push(row);
        else map.set(key, [row]);
      }
      return keys.map((k) => map.get(k) ?? []);
    });

  /** Rows of one table grouped by a foreign-key column, each group in `orderBy` order. */
  const byColumn = <K extends string | number, E extends ObjectLiteral>(
    entity: EntityTarget<E>,
    table: string,
    column: string,
    keyOf: (row: E) => K,
    cast: string,
    orderBy: string,
  ) =>
    grouped<K, E>(
      (keys) =>
        ds.query(
          `SELECT ${selectColumns(ds, entity, "t")} FROM "${table}" t WHERE t."${column}" = ANY($1::${cast}[]) ORDER BY t."${column}", ${orderBy}`,
          [keys],
        ),
      keyOf,
    );

  /** Innovation and award counts per key; a key with no rows counts zero. */
  const counts = <K extends string | number>(sql: string, cast: string) =>
    new DataLoader<K, Counts>(async (keys) => {
      const rows: (Counts & { key: K })[] = await ds.query(sql.replace("$KEYS", `$1::${cast}[]`), [keys]);
      const map = new Map(rows.map((r) => [String(r.key), { innovations: r.innovations, awards: r.awards }]));
      return keys.map((k) => map.get(String(k)) ?? { innovations: 0, awards: 0 });
    });

  // Declared ahead because other loaders fill them from their own rows.
  const competitionById = byKey(CompetitionEntity, "competition", "id", (r: CompetitionEntity) => r.id, "int");
  const editionById = byKey(CompetitionEditionEntity, "competition_edition", "id", (r: CompetitionEditionEntity) => r.id, "int");
  const regionByCode = byKey(RegionEntity, "region", "code", (r: RegionEntity) => r.code, "text");
  const institutionById = byKey(InstitutionEntity, "institution", "id", (r: InstitutionEntity) => r.id, "int");
  const relations = innovationRelations(ds, { institutionId: "i.institution_id", regionCode: "i.region_code" });
  const awards = awardsOfInnovations(ds);

  /**
   * An innovation's awards in trajectory order: regency/city → province → nation → world, then by year.
   * The statement joins each award's edition and competition for the order anyway, so it returns them
   * too and primes editionById and competitionById: awards → edition → competition costs one statement.
   */
  const awardsByInnovationId = grouped<number, AwardResultEntity>(
    async (keys) => {
      const rows: Record<string, unknown>[] = await ds.query(
        `SELECT ${awards.select} ${awards.from} WHERE a.innovation_id = ANY($1::int[]) ORDER BY a.innovation_id, ${awards.order}`,
        [keys],
      );
      return rows.map((row) => awards.prime(row, { editionById, competitionById }));
    },
    (row) => row.innovationId,
  );

  const innovationById = byKey(InnovationEntity, "innovation", "id", (r: InnovationEntity) => r.id, "int", INNOVATION_LAZY_PROPERTIES);

  /**
   * Innovations by a unique column, each statement bringing their institutions and regions along and
   * priming innovationById too: for lookups of a single innovation to show (its page), where who runs
   * it and where are nearly always shown.
   */
  const innovationsWithRelationsBy = <K extends string | number>(
    column: "id" | "slug",
    keyOf: (row: InnovationEntity) => K,
    cast: string,
    withAwards: boolean,
  ) =>
    new DataLoader<K, InnovationEntity | null>(async (keys) => {
      // With awards, each innovation's awards (with editions and competitions) come as one JSON array
      // whose objects have the loader's row shape: the page of an innovation in one statement.
      const folded = withAwards
        ? `, aw.awards AS "_awards" FROM innovation i ${relations.join}
           LEFT JOIN LATERAL (SELECT COALESCE(json_agg(x ORDER BY x."_ord"), '[]') AS awards
                                FROM (SELECT ${awards.select}, row_number() OVER (ORDER BY ${awards.order}) AS "_ord"
                                        ${awards.from} WHERE a.innovation_id = i.id) x) aw ON true`
        : ` FROM innovation i ${relations.join}`;
      const rows: (InnovationEntity & { _awards?: Record<string, unknown>[] })[] = await ds.query(
        `SELECT ${innovationColumns(ds, "i")}, ${relations.select}${folded} WHERE i."${column}" = ANY($1::${cast}[])`,
        [keys],
      );
      for (const row of rows) {
        relations.prime(row, { institutionById, regionByCode });
        innovationById.prime(row.id, row);
        if (row._awards) {
          awardsByInnovationId.prime(row.id, row._awards.map((award) => awards.prime(award, { editionById, competitionById })));
          delete row._awards;
        }
      }
      const map = new Map(rows.map((r) => [keyOf(r), r]));
      return keys.map((k) => map.get(k) ?? null);
    });

  return {
    regionByCode,
    institutionById,
    institutionBySlug: byKey(InstitutionEntity, "institution", "slug", (r: InstitutionEntity) => r.slug, "text"),
    innovationById,
    innovationBySlug: byKey(InnovationEntity, "innovation", "slug", (r: InnovationEntity) => r.slug, "text", INNOVATION_LAZY_PROPERTIES),
    innovationWithRelationsById: innovationsWithRelationsBy("id", (r) => r.id, "int", false),
    innovationWithRelationsBySlug: innovationsWithRelationsBy("slug", (r) => r.slug, "text", false),
    /** As innovationWithRelationsById, with the innovations' awards (and their editions and competitions) too. */
    innovationWithAwardsById: innovationsWithRelationsBy("id", (r) => r.id, "int", true),
    innovationWithAwardsBySlug: innovationsWithRelationsBy("slug", (r) => r.slug, "text", true),
    competitionById,
    competitionBySlug: byKey(CompetitionEntity, "competition", "slug", (r: CompetitionEntity) => r.slug, "text"),
    editionById,
    awardById: byKey(AwardResultEntity, "award_result", "id", (r: AwardResultEntity) => r.id, "int"),
    replicationById: byKey(ReplicationEntity, "replication", "id", (r: ReplicationEntity) => r.id, "int"),
    knowledgeEventById: byKey(KnowledgeEventEntity, "knowledge_event", "id", (r: KnowledgeEventEntity) => r.id, "int"),
    publisherById: byKey(PublisherEntity, "publisher", "id", (r: PublisherEntity) => r.id, "int"),

    /** The competitions a publisher organises (its competition scope), by slug. */
    competitionsByPublisherId: grouped<number, CompetitionEntity & { publisherId: number }>(
      (keys) =>
        ds.query(
          `SELECT ${selectColumns(ds, CompetitionEntity, "c")}, pc.publisher_id AS "publisherId"
             FROM publisher_competition pc JOIN competition c ON c.id = pc.competition_id
            WHERE pc.publisher_id = ANY($1::int[])
            ORDER BY pc.publisher_id, c.slug`,
          [keys],
        ),
      (row) => row.publisherId,
    ),

    /**
     * An innovation's awards in trajectory order: regency/city → province → nation → world, then by year.
     * The statement joins each award's edition and competition for the order anyway, so it returns them
     * too and primes editionById and competitionById: awards → edition → competition costs one statement.
     */
    awardsByInnovationId,

    /** The narrative sections of innovations, which API reads of innovations leave out (INNOVATION_LAZY_PROPERTIES). */
    narrativeByInnovationId: byKey(
      InnovationEntity,
      "innovation",
      "id",
      (r: InnovationEntity) => r.id,
      "int",
      ds.getMetadata(InnovationEntity).columns.map((c) => c.propertyName).filter((p) => p !== "id" && !NARRATIVE_PROPERTIES.includes(p)),
    ),

    /**
     * Sources of any record, keyed "type:id" (see SourceLinkEntity), each with who first cited it for
     * the record and the claims imports made citing it (see SourceClaimEntity), in the same statement.
     */
    sourcesBySubject: grouped<string, SourceEntity & { subjectKey: string; assertedBy: string | null; claims: SourceClaimRow[] }>(
      (keys) => {
        const types = keys.map((k) => k.slice(0, k.indexOf(":")));
        const ids = keys.map((k) => Number(k.slice(k.indexOf(":") + 1)));
        return ds.query(
          `SELECT ${selectColumns(ds, SourceEntity, "s")}, l.subject_type || ':' || l.subject_id AS "subjectKey", l.asserted_by AS "assertedBy",
                  COALESCE((SELECT jsonb_agg(jsonb_build_object('publisher', c.publisher, 'file', c.file, 'row', c."row",
                                                                'statements', c.statements, 'assertedOn', to_char(c.updated_at, 'YYYY-MM-DD'))
                                             ORDER BY c.created_at, c.id)
                              FROM source_claim c
                             WHERE c.subject_type = l.subject_type AND c.subject_id = l.subject_id AND c.source_id = l.source_id), '[]'::jsonb) AS claims
             FROM source_link l
             JOIN source s ON s.id = l.source_id
             JOIN unnest($1::text[], $2::int[]) AS k(subject_type, subject_id)
               ON k.subject_type = l.subject_type AND k.subject_id = l.subject_id
            ORDER BY l.subject_type, l.subject_id, s.url`,
          [types, ids],
        );
      },
      (row) => row.subjectKey,
    ),

    replicationsByOriginId: byColumn(ReplicationEntity, "replication", "origin_innovation_id", (r: ReplicationEntity) => r.originInnovationId, "int", "t.id"),

    replicationsByDerivedId: byColumn(ReplicationEntity, "replication", "derived_innovation_id", (r: ReplicationEntity) => r.derivedInnovationId as number, "int", "t.id"),

    editionsByCompetitionId: byColumn(CompetitionEditionEntity, "competition_edition", "competition_id", (r: CompetitionEditionEntity) => r.competitionId, "int", "t.year"),

    regionChildrenByCode: byColumn(RegionEntity, "region", "parent_code", (r: RegionEntity) => r.parentCode as string, "text", "t.code"),

    institutionChildrenById: byColumn(InstitutionEntity, "institution", "parent_id", (r: InstitutionEntity) => r.parentId as number, "int", "t.name, t.id"),

    knowledgeEventsByEditionId: byColumn(KnowledgeEventEntity, "knowledge_event", "edition_id", (r: KnowledgeEventEntity) => r.editionId as number, "int", "t.starts_on NULLS LAST, t.id"),

    knowledgeEventsByCompetitionId: byColumn(KnowledgeEventEntity, "knowledge_event", "competition_id", (r: KnowledgeEventEntity) => r.competitionId as number, "int", "t.year, t.starts_on NULLS LAST, t.id"),

    /**
     * Other innovations in the same sector, keyed "id:count": best awarded first, other regions before
     * the innovation's own. One LATERAL query serves a whole page.
     */
    similarInnovations: grouped<string, InnovationEntity & { similarKey: string }>(
      (keys) => {
        const ids = keys.map((k) => Number(k.split(":")[0]));
        const limits = keys.map((k) => Number(k.split(":")[1]));
        return ds.query(
          `SELECT k.id || ':' || k.n AS "similarKey", x.*
             FROM unnest($1::int[], $2::int[]) AS k(id, n)
             JOIN innovation src ON src.id = k.id
             CROSS JOIN LATERAL (
               SELECT ${innovationColumns(ds, "i")}
                 FROM innovation i
                WHERE i.sector = src.sector AND i.id <> src.id
                ORDER BY (i.region_code IS NOT DISTINCT FROM src.region_code),
                         COALESCE((SELECT min(a.tier_rank) FROM award_result a WHERE a.innovation_id = i.id), 99),
                         i.id
                LIMIT k.n) x`,
          [ids, limits],
        );
      },
      (row) => row.similarKey,
    ),

    /** How many results an edition has per label, best tier first. */
    resultCountsByEditionId: grouped<number, { editionId: number; tier: string; tierRank: number; label: string; count: number }>(
      (keys) =>
        ds.query(
          `SELECT a.edition_id AS "editionId", a.tier, min(a.tier_rank)::int AS "tierRank", a.raw_label AS label, count(*)::int AS count
             FROM award_result a
            WHERE a.edition_id = ANY($1::int[])
            GROUP BY a.edition_id, a.tier, a.raw_label
            ORDER BY a.edition_id, min(a.tier_rank), count(*), a.raw_label`,
          [keys],
        ),
      (row) => row.editionId,
    ),

    /** Innovations run by an institution or its units, and the awards they won: both counts in one statement. */
    countsByInstitutionId: counts<number>(
      `SELECT k.id AS key, count(DISTINCT i.id)::int AS innovations, count(a.id)::int AS awards
         FROM unnest($KEYS) AS k(id)
         JOIN institution t ON t.id = k.id OR t.parent_id = k.id
         JOIN innovation i ON i.institution_id = t.id
         LEFT JOIN award_result a ON a.innovation_id = i.id
        GROUP BY k.id`,
      "int",
    ),
    /** Innovations in a region (a province counts its regencies and cities too), and their awards. */
    countsByRegionCode: counts<string>(
      `SELECT k.code AS key, count(DISTINCT i.id)::int AS innovations, count(a.id)::int AS awards
         FROM unnest($KEYS) AS k(code)
         JOIN innovation i ON i.region_code = k.code OR (length(k.code) = 2 AND left(i.region_code, 2) = k.code)
         LEFT JOIN award_result a ON a.innovation_id = i.id
        GROUP BY k.code`,
      "text",
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/**
 * Award results with their editions and competitions (aliases `a`, `e`, `c`), in trajectory order
 * within an innovation: the shape awardsByInnovationId loads, shared with lookups that fold an
 * innovation's awards into their own statement. `prime` takes the edition and competition out of a
 * row into their loaders and returns the row as an award.
 */
function awardsOfInnovations(ds: DataSource) {
  const editions = joinedColumns<CompetitionEditionEntity>(ds, CompetitionEditionEntity, "e", "e");
  const competitions = joinedColumns<CompetitionEntity>(ds, CompetitionEntity, "c", "c");
  return {
    select: `${selectColumns(ds, AwardResultEntity, "a")}, ${editions.sql}, ${competitions.sql}`,
    from: `FROM award_result a JOIN competition_edition e ON e.id = a.edition_id JOIN competition c ON c.id = e.competition_id`,
    order: `CASE c.level WHEN 'city' THEN 1 WHEN 'regency' THEN 1 WHEN 'provincial' THEN 2 WHEN 'national' THEN 3 ELSE 4 END,
            e.year, a.tier_rank, a.place NULLS LAST, a.id`,
    prime(
      row: Record<string, unknown>,
      loaders: { editionById: DataLoader<number, CompetitionEditionEntity | null>; competitionById: DataLoader<number, CompetitionEntity | null> },
    ): AwardResultEntity {
      const edition = editions.take(row);
      const competition = competitions.take(row);
      loaders.editionById.prime(edition.id, edition);
      loaders.competitionById.prime(competition.id, competition);
      return row as unknown as AwardResultEntity;
    },
  };
}

/**
 * An innovation's institution and region, joined onto a statement that reads innovations and primed
 * into their loaders: nearly every query that shows an innovation shows who runs it and where, and two
 * primary-key joins cost less than two more statements. `on` names the statement's expressions for
 * the innovation's institution id and region code.
 */
export function innovationRelations(ds: DataSource, on: { institutionId: string; regionCode: string }) {
  const institutions = joinedColumns<InstitutionEntity>(ds, InstitutionEntity, "ji", "institution", ["createdAt", "updatedAt"]);
  const regions = joinedColumns<RegionEntity>(ds, RegionEntity, "jr", "region");
  return {
    select: `${institutions.sql}, ${regions.sql}`,
    join: `JOIN institution ji ON ji.id = ${on.institutionId} LEFT JOIN region jr ON jr.code = ${on.regionCode}`,
    prime(row: object, loaders: Pick<Loaders, "institutionById" | "regionByCode">): void {
      const raw = row as Record<string, unknown>;
      const institution = institutions.take(raw);
      loaders.institutionById.prime(institution.id, institution);
      const region = regions.take(raw);
      if (region.code !== null) loaders.regionByCode.prime(region.code, region);
    },
  };
}

/** How many innovations a parent (institution or region) has, and how many awards they won. */
export interface Counts {
  innovations: number;
  awards: number;
}

/** Key for sourcesBySubject. */
export function subjectKey(type: SourceSubjectType, id: number): string {
  return `${type}:${id}`;
}
