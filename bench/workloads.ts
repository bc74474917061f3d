/**
 * The benchmark's workloads and, for each, the equivalent request to every target: our graph,
 * PostGraphile 5 and the raw-SQL floor. Requests rotate through many keys (innovations, years) so that
 * a run is not one cached row answered again and again.
 */
import { encodeGlobalId } from "../src/schema/global-id";

/** The targets a workload is run against. */
export type TargetName = "ours" | "postgraphile" | "raw";
export const TARGETS: readonly TargetName[] = ["ours", "postgraphile", "raw"];

export type WorkloadId = "a" | "b" | "c" | "d" | "e";

/** One HTTP request: a GraphQL POST to /graphql, or a GET to the raw-SQL server. */
export interface BenchRequest {
  method: "GET" | "POST";
  path: string;
  body?: string;
}

/** How a target answers a workload: the i-th request of a run, and a digest to compare answers by. */
export interface TargetPlan {
  request(i: number): BenchRequest;
  /** A small, target-independent summary of a response (what must be equal across targets). */
  digest(json: unknown): unknown;
  /** What differs from our query, said plainly; empty when the request is equivalent. */
  note?: string;
}

export interface Workload {
  id: WorkloadId;
  title: string;
  /** Per target; a target that cannot answer the workload is absent, with the reason in `missing`. */
  plans: Partial<Record<TargetName, TargetPlan>>;
  missing?: Partial<Record<TargetName, string>>;
  /** Our request at a small and a large page size, to check that statements per request do not grow. */
  pageSizeCheck?: { label: string; small: BenchRequest; large: BenchRequest };
}

/** What the workloads are built from: keys that exist in the generated catalogue. */
export interface WorkloadContext {
  /** Innovation ids to rotate through (innovations with at least one award and a source). */
  innovationIds: number[];
  /** What our schema offers today: `search` and `_entities` arrive with other work. */
  hasSearch: boolean;
  hasEntities: boolean;
  /** The key field of Innovation in federation (`id` unless the schema says otherwise). */
  entityKey: "id" | "slug";
  innovationSlugs: Map<number, string>;
}

const gql = (query: string, variables: Record<string, unknown> = {}): BenchRequest => ({
  method: "POST",
  path: "/graphql",
  body: JSON.stringify({ query, variables }),
});

const dataOf = (json: unknown): Record<string, unknown> => ((json as { data?: Record<string, unknown> })?.data ?? {}) as Record<string, unknown>;
const sorted = (list: unknown[]): unknown[] => [...list].map((x) => JSON.stringify(x)).sort();

// (a) ------------------------------------------------------------------------------------------

const OURS_DETAIL = `query Detail($id: ID!) {
  innovation(id: $id) {
    id name acronym summary sector launchYear
    institution { name kind }
    region { code name }
    awards { label tier edition { year competition { name level } } }
    sources { url title }
  }
}`;

const PGL_DETAIL = `query Detail($id: Int!) {
  innovationByRowId(rowId: $id) {
    rowId name acronym summary sector launchYear
    institutionByInstitutionId { name kind }
    regionByRegionCode { code name }
    awardResultsByInnovationId { nodes { rawLabel tier competitionEditionByEditionId { year competitionByCompetitionId { name level } } } }
    sourceLinks(condition: { subjectType: "innovation" }) { nodes { sourceBySourceId { url title } } }
  }
}`;

interface DetailDigest {
  name: unknown;
  institution: unknown;
  region: unknown;
  awards: unknown[];
  sources: unknown[];
}

function detailDigest(i: Record<string, unknown> | null | undefined, pick: {
  institution: (i: Record<string, unknown>) => unknown;
  region: (i: Record<string, unknown>) => unknown;
  awards: (i: Record<string, unknown>) => { label: unknown; year: unknown; competition: unknown }[];
  sources: (i: Record<string, unknown>) => unknown[];
}): DetailDigest | null {
  if (!i) return null;
  return {
    name: i.name,
    institution: pick.institution(i),
    region: pick.region(i),
    awards: sorted(pick.awards(i)),
    sources: sorted(pick.sources(i)),
  };
}

// (b) ------------------------------------------------------------------------------------------

const ourWinners = (first: number) =>
  gql(
    `query Winners($first: Int!) {
  winners(first: $first) {
    nodes { label tier edition { year competition { name } } innovation { name institution { name } region { name } } }
  }
}`,
    { first },
  );

const PGL_WINNERS = `query Winners($first: Int!) {
  allAwardResults(first: $first, condition: { tiers: ["outstanding", "winner", "top"] },
                  orderBy: [EDITION_YEAR_DESC, TIER_RANK_ASC, PRIMARY_KEY_ASC]) {
    nodes {
      rawLabel tier
      competitionEditionByEditionId { year competitionByCompetitionId { name } }
      innovationByInnovationId { name institutionByInstitutionId { name } regionByRegionCode { name } }
    }
  }
}`;

// (c) ------------------------------------------------------------------------------------------

const OURS_STATS = `{
  stats(groupBy: [YEAR, PROVINCE], orderBy: AWARD_COUNT_DESC, filter: { levels: [NATIONAL], tiers: [OUTSTANDING, WINNER, TOP] }) {
    innovationCount awardCount
    groups { year province { code name } innovationCount awardCount }
  }
}`;

const PGL_STATS = `{
  statsByProvinceYear(levels: ["national"], tiers: ["outstanding", "winner", "top"]) {
    provinceCode provinceName year innovationCount awardCount
  }
}`;

const statsDigest = (groups: { year: unknown; province: unknown; innovations: unknown; awards: unknown }[]) => ({
  groups: groups.length,
  awards: groups.reduce((n, g) => n + Number(g.awards), 0),
  sample: sorted(groups.map((g) => [g.year, g.province, g.innovations, g.awards])).slice(0, 5),
});

// (d) ------------------------------------------------------------------------------------------

/** Search words with a sector and a province that fit them: what a region looking to replicate types. */
const SEARCHES: readonly [string, string, string][] = [
  ["pengaduan", "COMPLAINTS", "33"],
  ["stunting posyandu", "HEALTH", "35"],
  ["perizinan online", "LICENSING", "32"],
  ["akta kelahiran", "POPULATION_ADMINISTRATION", "33"],
  ["bank sampah", "ENVIRONMENT", "35"],
  ["sekolah anak", "EDUCATION", "32"],
  ["jemput bola", "POPULATION_ADMINISTRATION", "35"],
  ["imunisasi balita", "HEALTH", "33"],
  ["petani padi", "AGRICULTURE", "33"],
  ["umkm pemasaran", "ECONOMY", "34"],
  ["desa digital", "GOVERNANCE", "35"],
  ["bencana banjir", "PUBLIC_ORDER", "32"],
  ["ibu hamil", "HEALTH", "32"],
  ["lapor warga", "COMPLAINTS", "35"],
  ["izin usaha", "LICENSING", "33"],
  ["bantuan sosial", "SOCIAL_PROTECTION", "33"],
];

const OURS_SEARCH = `query Search($query: String!, $first: Int!, $sectors: [Sector!], $regionCodes: [String!]) {
  search(query: $query, first: $first, filter: { sectors: $sectors, regionCodes: $regionCodes }) {
    totalCount
    nodes { score innovation { name institution { name } region { name } } }
    facets { sector { sector count } province { code count } level { level count } tier { tier count } year { year count } }
  }
}`;

// (e) ------------------------------------------------------------------------------------------

const ENTITY_FIELDS = "name institution { name } region { name }";

/** Builds the workloads for a catalogue. */
export function buildWorkloads(ctx: WorkloadContext): Workload[] {
  const ids = ctx.innovationIds;
  const idAt = (i: number) => ids[i % ids.length];
  const workloads: Workload[] = [];

  workloads.push({
    id: "a",
    title: "innovation detail: institution, region, awards → edition → competition, sources",
    plans: {
      ours: {
        request: (i) => gql(OURS_DETAIL, { id: encodeGlobalId("Innovation", idAt(i)) }),
        digest: (json) =>
          detailDigest(dataOf(json).innovation as Record<string, unknown>, {
            institution: (i) => (i.institution as { name: string }).name,
            region: (i) => (i.region as { code: string } | null)?.code ?? null,
            awards: (i) =>
              (i.awards as { label: string; edition: { year: number; competition: { name: string } } }[]).map((a) => ({
                label: a.label,
                year: a.edition.year,
                competition: a.edition.competition.name,
              })),
            sources: (i) => (i.sources as { url: string }[]).map((s) => s.url),
          }),
      },
      postgraphile: {
        request: (i) => gql(PGL_DETAIL, { id: idAt(i) }),
        digest: (json) =>
          detailDigest(dataOf(json).innovationByRowId as Record<string, unknown>, {
            institution: (i) => (i.institutionByInstitutionId as { name: string }).name,
            region: (i) => (i.regionByRegionCode as { code: string } | null)?.code ?? null,
            awards: (i) =>
              (i.awardResultsByInnovationId as { nodes: { rawLabel: string; competitionEditionByEditionId: { year: number; competitionByCompetitionId: { name: string } } }[] }).nodes.map((a) => ({
                label: a.rawLabel,
                year: a.competitionEditionByEditionId.year,
                competition: a.competitionEditionByEditionId.competitionByCompetitionId.name,
              })),
            sources: (i) => (i.sourceLinks as { nodes: { sourceBySourceId: { url: string } }[] }).nodes.map((l) => l.sourceBySourceId.url),
          }),
        note: "awards in primary-key order (ours: trajectory order); sources through a virtual foreign key (smart tag) on the polymorphic source_link",
      },
      raw: {
        request: (i) => ({ method: "GET", path: `/a?id=${idAt(i)}` }),
        digest: (json) =>
          detailDigest(dataOf(json).innovation as Record<string, unknown>, {
            institution: (i) => (i.institution as { name: string }).name,
            region: (i) => (i.region as { code: string } | null)?.code ?? null,
            awards: (i) => (i.awards as { label: string; year: number; competition: string }[]).map((a) => ({ label: a.label, year: a.year, competition: a.competition })),
            sources: (i) => (i.sources as { url: string }[]).map((s) => s.url),
          }),
      },
    },
  });

  const winnersDigest = (rows: { label: unknown; year: unknown; innovation: unknown }[]) => rows.map((r) => [r.label, r.year, r.innovation]);
  workloads.push({
    id: "b",
    title: "winners list page: first 50, with edition → competition and innovation → institution, region",
    plans: {
      ours: {
        request: () => ourWinners(50),
        digest: (json) =>
          winnersDigest(
            ((dataOf(json).winners as { nodes: { label: string; edition: { year: number }; innovation: { name: string } }[] })?.nodes ?? []).map((n) => ({
              label: n.label,
              year: n.edition.year,
              innovation: n.innovation.name,
            })),
          ),
      },
      postgraphile: {
        request: () => gql(PGL_WINNERS, { first: 50 }),
        digest: (json) =>
          winnersDigest(
            ((dataOf(json).allAwardResults as { nodes: { rawLabel: string; competitionEditionByEditionId: { year: number }; innovationByInnovationId: { name: string } }[] })?.nodes ?? []).map((n) => ({
              label: n.rawLabel,
              year: n.competitionEditionByEditionId.year,
              innovation: n.innovationByInnovationId.name,
            })),
          ),
        note: "the `tiers` condition and the EDITION_YEAR / TIER_RANK orderings are added with graphile-utils (addPgTableCondition, addPgTableOrderBy)",
      },
      raw: {
        request: () => ({ method: "GET", path: "/b?first=50" }),
        digest: (json) => winnersDigest((dataOf(json).winners as { label: string; year: number; innovation: { name: string } }[]).map((n) => ({ label: n.label, year: n.year, innovation: n.innovation.name }))),
      },
    },
    pageSizeCheck: { label: "first: 10 vs first: 50", small: ourWinners(10), large: ourWinners(50) },
  });

  workloads.push({
    id: "c",
    title: "stats: national winning awards grouped by year and province",
    plans: {
      ours: {
        request: () => gql(OURS_STATS),
        digest: (json) =>
          statsDigest(
            ((dataOf(json).stats as { groups: { year: number; province: { code: string } | null; innovationCount: number; awardCount: number }[] })?.groups ?? []).map((g) => ({
              year: g.year,
              province: g.province?.code ?? null,
              innovations: g.innovationCount,
              awards: g.awardCount,
            })),
          ),
      },
      postgraphile: {
        request: () => gql(PGL_STATS),
        digest: (json) =>
          statsDigest(
            ((dataOf(json).statsByProvinceYear as { year: number; provinceCode: string | null; innovationCount: number; awardCount: number }[]) ?? []).map((g) => ({
              year: g.year,
              province: g.provinceCode,
              innovations: g.innovationCount,
              awards: g.awardCount,
            })),
          ),
        note: "no grouped aggregates in PostGraphile without @graphile/pg-aggregates (not installed): a field added with extendSchema runs one hand-written SQL statement, without the totals row",
      },
      raw: {
        request: () => ({ method: "GET", path: "/c" }),
        digest: (json) =>
          statsDigest(
            ((dataOf(json).stats as { groups: { year: number; provinceCode: string | null; innovationCount: number; awardCount: number }[] })?.groups ?? []).map((g) => ({
              year: g.year,
              province: g.provinceCode,
              innovations: g.innovationCount,
              awards: g.awardCount,
            })),
          ),
      },
    },
  });

  if (ctx.hasSearch) {
    const at = (i: number) => SEARCHES[i % SEARCHES.length];
    const ourSearch = (i: number, first: number) => {
      const [query, sector, province] = at(i);
      return gql(OURS_SEARCH, { query, first, sectors: [sector], regionCodes: [province] });
    };
    workloads.push({
      id: "d",
      title: "search: Indonesian words with two filters (sector, province), 20 hits and five facets",
      plans: {
        ours: {
          request: (i) => ourSearch(i, 20),
          digest: (json) => ({ hits: ((dataOf(json).search as { totalCount: number })?.totalCount ?? 0) > 0 }),
        },
        raw: {
          request: (i) => {
            const [query, sector, province] = at(i);
            return { method: "GET", path: `/d?q=${encodeURIComponent(query)}&sector=${sector.toLowerCase()}&province=${province}` };
          },
          digest: (json) => ({ hits: ((dataOf(json).search as { totalCount: number })?.totalCount ?? 0) > 0 }),
          note: "the floor runs a plain websearch_to_tsquery on the same search_document text index, ranked by ts_rank_cd, without typo correction, prefixes or relaxation, filters and facets from the catalogue tables; answers are comparable (same filters, page size and facets), not identical, so only 'has hits' is compared",
        },
      },
      missing: { postgraphile: "PostGraphile has no full-text search without a plugin (postgraphile-plugin-fulltext-filter is not installed)" },
      pageSizeCheck: { label: "first: 5 vs first: 50", small: ourSearch(0, 5), large: ourSearch(0, 50) },
    });
  }

  if (ctx.hasEntities) {
    const representations = (i: number, n: number) =>
      Array.from({ length: n }, (_, k) => {
        const id = idAt(i * n + k);
        return ctx.entityKey === "id" ? { __typename: "Innovation", id: encodeGlobalId("Innovation", id) } : { __typename: "Innovation", slug: ctx.innovationSlugs.get(id) };
      });
    const ourEntities = (i: number, n: number) =>
      gql(`query Entities($representations: [_Any!]!) { _entities(representations: $representations) { ... on Innovation { ${ENTITY_FIELDS} } } }`, {
        representations: representations(i, n),
      });
    const window = (i: number, n: number) => Array.from({ length: n }, (_, k) => idAt(i * n + k));
    const namesDigest = (names: unknown[]) => sorted(names);
    workloads.push({
      id: "e",
      title: "federation `_entities`: 100 Innovation representations with institution and region",
      plans: {
        ours: {
          request: (i) => ourEntities(i, 100),
          digest: (json) => namesDigest(((dataOf(json)._entities as { name: string }[]) ?? []).map((e) => e?.name)),
        },
        postgraphile: {
          request: (i) =>
            gql(`query Entities($ids: [Int!]!) { allInnovations(condition: { rowIds: $ids }) { nodes { name institutionByInstitutionId { name } regionByRegionCode { name } } } }`, {
              ids: window(i, 100),
            }),
          digest: (json) => namesDigest(((dataOf(json).allInnovations as { nodes: { name: string }[] })?.nodes ?? []).map((e) => e.name)),
          note: "PostGraphile is not a federation subgraph here: the same 100 innovations by key through a `rowIds` condition (addPgTableCondition)",
        },
        raw: {
          request: (i) => ({ method: "GET", path: `/e?ids=${window(i, 100).join(",")}` }),
          digest: (json) => namesDigest(((dataOf(json)._entities as { name: string }[]) ?? []).map((e) => e.name)),
        },
      },
      pageSizeCheck: { label: "10 vs 100 representations", small: ourEntities(0, 10), large: ourEntities(0, 100) },
    });
  }
  return workloads;
}
