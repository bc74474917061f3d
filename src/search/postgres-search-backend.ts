/**
 * The default search engine: Postgres full-text search over `search_document` (see
 * postgres-search-index.ts), with pg_trgm for typos and tsquery prefixes for search-as-you-type.
 * It needs nothing but the catalogue's own database, and behaves the same on PGlite and the server.
 *
 * A search takes at most three statements: one vocabulary lookup for typo correction (only when the
 * query has words the lexicon does not know), one search, and one relaxed search when fewer than
 * {@link RELAX_BELOW} innovations have every required word: then any required word will do, and hits
 * that have more of them rank first (like Meilisearch's matching strategy, which drops words to fill
 * the page). The search statement returns the page, the total count and every requested facet at once.
 *
 * Ranking (higher is better; the tiers are far enough apart that a lower one never outweighs a
 * higher one):
 *   8 × words   the share of the query matched: each group weighs 1, optional ones ½, and each
 *                 later word 10% less (down to ½); 1 for every hit unless the search had to be
 *                 relaxed or optional words are missing
 * + 4 × exact   every required group matched without typo corrections or prefixes
 * + 2 × name    every required group matched in the name, acronym, expansion or aliases (weight A)
 * + relevance   ts_rank_cd over all groups with weights A 1.0, B 0.5, C 0.2, D 0.05, scaled to [0, 1)
 * + award       (10 − best tier rank) / 100: 0.09 for Outstanding Achievement down to 0.01, 0 without
 *                 awards; it decides between otherwise equal matches and never beats a better match
 */
import type { DataSource } from "typeorm";
import { MAX_SEARCH_WINDOW, compareFacetBuckets, type SearchBackend, type SearchFacetBucket, type SearchHit, type SearchRequest, type SearchResult } from "./search-backend";
import type { SearchFacetName } from "./search-fields";
import { ALL, EXACT, NAME, allOf, anyOf, groupTsquery, requiredGroups } from "./postgres-tsquery";
import { buildQueryPlan, planTerms, queryWords, selectCorrections, wordsToCorrect, type PlanTerms, type QueryPlan } from "./text/analyzer";
import { highlightText, SNIPPET_WORDS } from "./text/highlight";
import { loadSearchLexicon, type SearchLexicon } from "./text/lexicon";

/** Lowest and highest years a year filter is expanded over (the edition year constraint). */
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

/**
 * When fewer innovations than this have every required word, the search is relaxed to innovations
 * with any of them, those with more of the words first: a page is filled with the next best matches,
 * as Meilisearch's matching strategy fills it by dropping words.
 */
export const RELAX_BELOW = 5;

/** Trigram neighbours fetched per unknown word before the edit-distance check. */
const CORRECTION_CANDIDATES = 12;

/**
 * How much a query group counts towards the share of the query matched: optional groups half as much
 * as required ones, and later words a little less than earlier ones (people type the main word first,
 * and an Indonesian phrase puts its head first: "akta kelahiran bayi"), down to half.
 */
function groupWeight(group: QueryPlan["groups"][number], position: number): number {
  return (group.optional ? 0.5 : 1) * Math.max(0.5, 1 - 0.1 * position);
}

/** Collects positional parameters; values never enter the SQL text. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** SQL per facet (see SEARCH_FACETS): the bucket values of each matched row `m`. */
const FACET_VALUE_SQL: Record<SearchFacetName, { from: string; value: string }> = {
  sector: { from: "matched m", value: "m.sector" },
  province: { from: "matched m", value: "m.province_code" },
  level: { from: "matched m CROSS JOIN LATERAL unnest(m.levels) AS f(v)", value: "f.v" },
  tier: { from: "matched m CROSS JOIN LATERAL unnest(m.tiers) AS f(v)", value: "f.v" },
  year: { from: "matched m CROSS JOIN LATERAL unnest(m.years) AS f(v)", value: "f.v::text" },
  sdg: { from: "matched m CROSS JOIN LATERAL unnest(m.sdgs) AS f(v)", value: "f.v::text" },
  status: { from: "matched m", value: "m.status" },
};

interface Row {
  kind: string;
  ord: number | null;
  id: number | null;
  score: number | null;
  name: string | null;
  summary: string | null;
  narrative: string | null;
  value: string | null;
  count: number | null;
}

/** Options of {@link PostgresSearchBackend}. */
export interface PostgresSearchBackendOptions {
  /** Defaults to the lexicon in seeds/search. */
  readonly lexicon?: SearchLexicon;
}

/** The Postgres engine. One instance serves a whole server; it keeps no per-request state. */
export class PostgresSearchBackend implements SearchBackend {
  readonly engine = "postgres" as const;
  private readonly lexicon: SearchLexicon;

  constructor(
    private readonly dataSource: DataSource,
    options: PostgresSearchBackendOptions = {},
  ) {
    this.lexicon = options.lexicon ?? loadSearchLexicon();
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    if (!Number.isInteger(request.limit) || request.limit < 1 || !Number.isInteger(request.offset) || request.offset < 0) {
      throw new RangeError(`Invalid search page: limit ${request.limit}, offset ${request.offset}`);
    }
    if (request.offset + request.limit > MAX_SEARCH_WINDOW) {
      throw new RangeError(`A search can page through the first ${MAX_SEARCH_WINDOW} hits only`);
    }
    const words = queryWords(request.query, this.lexicon);
    if (words.length === 0) return this.run(request, null, "strict");
    const plan = buildQueryPlan(request.query, this.lexicon, await this.corrections(words));
    const strict = await this.run(request, plan, "strict");
    if (strict.totalCount >= RELAX_BELOW || requiredGroups(plan).length < 2) return strict;
    return this.run(request, plan, "relaxed");
  }

  /** Typo corrections for the words the lexicon does not know and the index does not have. */
  private async corrections(words: readonly string[]): Promise<Map<string, string[]>> {
    const unknown = wordsToCorrect(words, this.lexicon);
    const out = new Map<string, string[]>();
    if (unknown.length === 0) return out;
    const rows: { word: string; candidates: string[] }[] = await this.dataSource.query(
      `SELECT w.word,
              CASE WHEN EXISTS (SELECT 1 FROM search_term t WHERE t.term = w.word) THEN '{}'::text[]
                   ELSE ARRAY(SELECT t.term FROM search_term t WHERE t.term % w.word
                               ORDER BY similarity(t.term, w.word) DESC, t.term LIMIT ${CORRECTION_CANDIDATES})
              END AS candidates
         FROM unnest($1::text[]) AS w(word)`,
      [unknown],
    );
    for (const row of rows) {
      const corrections = selectCorrections(row.word, row.candidates, this.lexicon);
      if (corrections.length > 0) out.set(row.word, corrections);
    }
    return out;
  }

  private filterConditions(request: SearchRequest, params: Params): string[] {
    const f = request.filter;
    const where: string[] = [];
    if (f.sectors) where.push(`d.sector = ANY(${params.add(f.sectors)}::text[])`);
    if (f.regionCodes) {
      const provinces = f.regionCodes.filter((c) => !c.includes("."));
      const regions = f.regionCodes.filter((c) => c.includes("."));
      where.push(`(d.province_code = ANY(${params.add(provinces)}::text[]) OR d.region_code = ANY(${params.add(regions)}::text[]))`);
    }
    if (f.levels) where.push(`d.levels && ${params.add(f.levels)}::text[]`);
    if (f.tiers) where.push(`d.tiers && ${params.add(f.tiers)}::text[]`);
    if (f.yearFrom != null || f.yearTo != null) {
      // "Some award year in the range", as an array overlap so that the GIN index on years serves it.
      const from = Math.max(MIN_YEAR, f.yearFrom ?? MIN_YEAR);
      const to = Math.min(MAX_YEAR, f.yearTo ?? MAX_YEAR);
      const years = from <= to ? Array.from({ length: to - from + 1 }, (_, i) => from + i) : [];
      where.push(`d.years && ${params.add(years)}::int[]`);
    }
    if (f.sdgs) where.push(`d.sdgs && ${params.add(f.sdgs)}::int[]`);
    if (f.statuses) where.push(`d.status = ANY(${params.add(f.statuses)}::text[])`);
    return where;
  }

  private async run(request: SearchRequest, plan: QueryPlan | null, mode: "strict" | "relaxed"): Promise<SearchResult> {
    const params = new Params();
    const where = this.filterConditions(request, params);
    let score = "0::float8";
    if (plan) {
      const required = requiredGroups(plan);
      const ts = (text: string) => `to_tsquery('simple', ${params.add(text)})`;
      const anyQuery = ts(anyOf(plan.groups, ALL));
      if (mode === "strict") {
        where.push(`d.search_vector @@ ${ts(allOf(required, ALL))}`);
      } else {
        where.push(`d.search_vector @@ ${ts(anyOf(required, ALL))}`);
      }
      // The share of the query matched; skipped when every hit matches every group for sure.
      const weights = plan.groups.map(groupWeight);
      const words =
        mode === "strict" && required.length === plan.groups.length
          ? "8.0"
          : `(8.0 * (${plan.groups.map((g, i) => `${weights[i]} * (d.search_vector @@ ${ts(groupTsquery(g, ALL))})::int`).join(" + ")}) / ${weights.reduce((a, b) => a + b, 0)})`;
      score = [
        words,
        `4.0 * (d.search_vector @@ ${ts(allOf(required, EXACT))})::int`,
        `2.0 * (d.search_vector @@ ${ts(allOf(required, NAME))})::int`,
        `ts_rank_cd('{0.05, 0.2, 0.5, 1.0}'::float4[], d.search_vector, ${anyQuery}, 32)`,
        `(10 - COALESCE(d.best_tier_rank, 10)) / 100.0`,
      ].join(" + ");
    }
    const direction = request.sort.direction === "asc" ? "ASC" : "DESC";
    const order =
      request.sort.field === "year"
        ? `m.latest_year ${direction} NULLS LAST, m.score DESC, m.id ASC`
        : request.sort.field === "awardRank"
          ? `m.best_tier_rank ${direction} NULLS LAST, m.score DESC, m.id ASC`
          : plan
            ? "m.score DESC, m.id ASC"
            : "m.best_tier_rank ASC NULLS LAST, m.id ASC";
    const limit = params.add(request.limit);
    const offset = params.add(request.offset);
    const facets = [...new Set(request.facets)].map((facet) => {
      const sql = FACET_VALUE_SQL[facet];
      return `SELECT ${params.add(facet)}::text, NULL::int, NULL::int, NULL::float8, NULL::text, NULL::text, NULL::text, ${sql.value}, count(*)::int
                FROM ${sql.from} WHERE ${sql.value} IS NOT NULL GROUP BY 8`;
    });
    const sql = `
      WITH matched AS MATERIALIZED (
        SELECT d.innovation_id AS id, d.sector, d.province_code, d.levels, d.tiers, d.years, d.sdgs, d.status,
               d.best_tier_rank, d.latest_year, (${score})::float8 AS score
          FROM search_document d
         ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""}
      ),
      page AS (
        SELECT m.id, m.score, row_number() OVER (ORDER BY ${order})::int AS ord
          FROM matched m ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}
      )
      SELECT 'hit'::text AS kind, p.ord, p.id, p.score, d.name, d.summary, d.narrative, NULL::text AS value, NULL::int AS count
        FROM page p JOIN search_document d ON d.innovation_id = p.id
      UNION ALL
      SELECT 'total', NULL, NULL, NULL, NULL, NULL, NULL, NULL, count(*)::int FROM matched
      ${facets.map((f) => `UNION ALL ${f}`).join("\n")}`;
    const rows: Row[] = await this.dataSource.query(sql, params.values);
    return this.toResult(rows, request, plan);
  }

  private toResult(rows: readonly Row[], request: SearchRequest, plan: QueryPlan | null): SearchResult {
    const terms: PlanTerms = plan ? planTerms(plan) : { lexemes: new Set(), prefixes: [] };
    const hits: (SearchHit & { ord: number })[] = [];
    const facets: Partial<Record<SearchFacetName, SearchFacetBucket[]>> = {};
    for (const facet of request.facets) facets[facet] = [];
    let totalCount = 0;
    for (const row of rows) {
      if (row.kind === "hit") {
        hits.push({
          ord: row.ord as number,
          innovationId: row.id as number,
          score: plan ? Number(row.score) : 0,
          highlights: {
            name: highlightText(row.name, terms),
            summary: highlightText(row.summary, terms, SNIPPET_WORDS),
            narrative: highlightText(row.narrative, terms, SNIPPET_WORDS),
          },
        });
      } else if (row.kind === "total") {
        totalCount = row.count as number;
      } else {
        facets[row.kind as SearchFacetName]?.push({ value: row.value as string, count: row.count as number });
      }
    }
    hits.sort((a, b) => a.ord - b.ord);
    for (const buckets of Object.values(facets)) buckets.sort(compareFacetBuckets);
    return { engine: this.engine, hits: hits.map(({ ord: _, ...hit }) => hit), totalCount, facets };
  }
}
