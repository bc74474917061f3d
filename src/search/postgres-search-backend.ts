/**
 * The default search engine: Postgres full-text search over `search_document` (see
 * postgres-search-index.ts), with pg_trgm for typos and tsquery prefixes for search-as-you-type.
 * It needs nothing but the catalogue's own database, and behaves the same on PGlite and the server.
 *
 * A search is at most one vocabulary lookup (only when the query has words the lexicon does not know:
 * for typo corrections, and whether the last word is complete), then one search, and one relaxed
 * search when fewer than {@link RELAX_BELOW} innovations have every required word: then any required
 * word will do, and hits that have more of them rank first (like Meilisearch's matching strategy,
 * which drops words to fill the page). A search is two statements sent together: the page, and the
 * total with every requested facet. On a server they run side by side, on two connections.
 *
 * Matching uses `search_vector` (every text attribute, and every filter but years as lexemes) through
 * its GIN index; year ranges are checked on the matching rows' year masks (see FACET_COLUMNS).
 * Ranking reads only `name_vector` and `summary_vector`, small and kept in the row, so that a search
 * with thousands of hits never reads a whole document; and by relevance it reads them only for the
 * hits the index says have a query word in their name or summary (see rankedPage). Facets are counted
 * by grouping the matched rows once per facet column (GROUPING SETS).
 *
 * Each query group gets a level by where it matched: 1 in the name, acronym, expansion or aliases
 * (text group A), ½ in the summary, institution or region (B) or when it names the innovation's
 * sector, 0 only elsewhere (the narrative or the awards; it matched there, through search_vector).
 * Higher scores are better; the
 * tiers are far enough apart that a lower one never outweighs a higher one:
 *   8 × words   the share of the query found in the name or summary: each group weighs 1, optional
 *                 ones ½, each later word 10% less (down to ½)
 * + 4 × exact   every required group found in the name or summary without typo corrections or prefixes
 * + 2 × name    every required group found in the name
 * + where       the weighted mean of the groups' levels, in [0, 1] (Meilisearch's attribute rule)
 * + award       (10 − best tier rank) / 100: 0.09 for Outstanding Achievement down to 0.01, 0 without
 *                 awards; it decides between otherwise equal matches and never beats a better match
 * So a match in the name ranks above one in the summary, which ranks above one in the narrative only.
 * (ts_rank_cd over the whole vector was the first choice; at 100,000 documents it cost ten times the
 * rest of a search, and what it adds, term frequency and proximity, matters little for names and
 * one-paragraph summaries.)
 */
import type { DataSource } from "typeorm";
import { HIGHLIGHT_POST_TAG, HIGHLIGHT_PRE_TAG, MAX_SEARCH_WINDOW, SEARCH_HIGHLIGHT_FIELDS, compareFacetBuckets, type SearchBackend, type SearchHighlights, type SearchFacetBucket, type SearchHit, type SearchRequest, type SearchResult } from "./search-backend";
import type { SearchFacetName } from "./search-fields";
import { FACET_CODE_BASE, FACET_COLUMNS, facetBucketValue, facetColumnValues, filterFacetColumns, filterTsquery, sectorCodesNamedBy, type FacetColumn } from "./postgres-document-columns";
import { ALL, EXACT, IN_NAME_OR_SUMMARY, allOf, anyOf, groupTsquery, highlightTerms, requiredGroups } from "./postgres-tsquery";
import { buildQueryPlan, planTerms, queryWords, selectCorrections, wordsToCorrect, wordsToLookUp, type PlanTerms, type QueryGroup, type QueryPlan } from "./text/analyzer";
import { lazyHighlights, postgresHighlight, SNIPPET_WORDS } from "./text/highlight";
import { loadSearchLexicon, type SearchLexicon } from "./text/lexicon";

/**
 * When fewer innovations than this have every required word, the search is relaxed to innovations
 * with any of them, those with more of the words first: a page is filled with the next best matches,
 * as Meilisearch's matching strategy fills it by dropping words.
 */
export const RELAX_BELOW = 5;

/** The most the award adds to a score: (10 − rank 1) / 100, for Outstanding Achievement. */
const MAX_AWARD_SCORE = 0.09;

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

/** One row of the page statement: a hit, in order, with the text its highlights are made from. */
interface PageRow {
  ord: number;
  id: number;
  score: number | null;
  /** The texts the request said it would read (null for the others). */
  name: string | null;
  summary: string | null;
  narrative: string | null;
  /** ts_headline's highlights, of the fields the request asked for. */
  name_marked?: string | null;
  summary_marked?: string | null;
  narrative_marked?: string | null;
}

/**
 * Highlights are made by ts_headline with Postgres's Indonesian (Snowball) stemming, on both sides: a
 * word of the text is marked when it shares a stem with any of the query's words, their forms, synonyms
 * or typo corrections (highlightTerms). So "Pembangunan" is marked for "membangun", "Hendi" for
 * "hendy" (through its correction), "complaint" for "keluhan" (through the lexicon), and "LAPOR" in
 * "SP4N-LAPOR".
 */
const HIGHLIGHT_CONFIG = "indonesian";
/** ts_headline options: the whole text, for names. */
const WHOLE_HEADLINE = `HighlightAll=true, StartSel=${HIGHLIGHT_PRE_TAG}, StopSel=${HIGHLIGHT_POST_TAG}`;
/** ts_headline options: about SNIPPET_WORDS words around the best run of matches, for summaries and narratives. */
const SNIPPET_HEADLINE = `MaxWords=${SNIPPET_WORDS}, MinWords=${Math.round(SNIPPET_WORDS / 2)}, ShortWord=0, StartSel=${HIGHLIGHT_PRE_TAG}, StopSel=${HIGHLIGHT_POST_TAG}`;

/**
 * A hit's highlights: ts_headline's where the statement made them; otherwise (a browse, with nothing
 * to mark, or a text the request did not say it would read, which then is null) the analyser's, made
 * when read.
 */
function pageHighlights(row: PageRow, terms: PlanTerms): SearchHighlights {
  const lazy = lazyHighlights(row, terms);
  return {
    get name() {
      return row.name_marked !== undefined ? postgresHighlight(row.name, row.name_marked, false) : lazy.name;
    },
    get summary() {
      return row.summary_marked !== undefined ? postgresHighlight(row.summary, row.summary_marked, true) : lazy.summary;
    },
    get narrative() {
      return row.narrative_marked !== undefined ? postgresHighlight(row.narrative, row.narrative_marked, true) : lazy.narrative;
    },
  };
}

/**
 * One row of the count statement: the total, or one group of a set of facet columns, with the value
 * or mask (as text) of the set's first column in `p0`, of its second in `p1` (see countStatement).
 */
interface CountRow {
  grouping: number;
  count: number;
  [column: `p${number}`]: string | null | undefined;
}

/** The sets of facet columns the count statement groups by (see countStatement). */
const FACET_COLUMN_SETS: readonly (readonly string[])[] = [
  ["facet_sector", "facet_status"],
  ["facet_province"],
  ["facet_levels", "facet_tiers"],
  ["facet_years", "facet_years_late"],
  ["facet_sdgs"],
];
for (const { column } of FACET_COLUMNS) {
  if (FACET_COLUMN_SETS.filter((set) => set.includes(column)).length !== 1) throw new Error(`Facet column ${column} must be in exactly one of FACET_COLUMN_SETS`);
}

/**
 * The sets of the requested facet columns the count statement groups by, in FACET_COLUMN_SETS order,
 * each as the columns' places in `facetColumns`.
 */
function facetSets(facetColumns: readonly FacetColumn[]): number[][] {
  return FACET_COLUMN_SETS.map((set) => set.map((column) => facetColumns.findIndex((c) => c.column === column)).filter((i) => i >= 0)).filter((set) => set.length > 0);
}

/** SQL text with its positional parameters. */
interface Statement {
  sql: string;
  params: unknown[];
}

/** Options of {@link PostgresSearchBackend}. */
export interface PostgresSearchBackendOptions {
  /** Defaults to the lexicon in seeds/search. */
  readonly lexicon?: SearchLexicon;
  /**
   * Rank every hit of a search by relevance, not only those that can be on the page (see rankedPage).
   * The answers are the same, only slower; the tests compare the two.
   */
  readonly rankEveryHit?: boolean;
}

/** The Postgres engine. One instance serves a whole server; it keeps no per-request state. */
export class PostgresSearchBackend implements SearchBackend {
  readonly engine = "postgres" as const;
  private readonly lexicon: SearchLexicon;
  private readonly rankEveryHit: boolean;

  constructor(
    private readonly dataSource: DataSource,
    options: PostgresSearchBackendOptions = {},
  ) {
    this.lexicon = options.lexicon ?? loadSearchLexicon();
    this.rankEveryHit = options.rankEveryHit ?? false;
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
    const { corrections, known } = await this.lookUp(words);
    const plan = buildQueryPlan(request.query, this.lexicon, corrections, known);
    const strict = await this.run(request, plan, "strict");
    if (strict.totalCount >= RELAX_BELOW || requiredGroups(plan).length < 2) return strict;
    return this.run(request, plan, "relaxed");
  }

  /**
   * Asks the vocabulary (one statement, none when the lexicon knows every word) which query words
   * exist in the index, and for typo corrections of those that do not.
   */
  private async lookUp(words: readonly string[]): Promise<{ corrections: Map<string, string[]>; known: Set<string> }> {
    const corrections = new Map<string, string[]>();
    const known = new Set<string>();
    const lookUp = wordsToLookUp(words, this.lexicon);
    if (lookUp.length === 0) return { corrections, known };
    const correctable = new Set(wordsToCorrect(words, this.lexicon));
    // One branch per word, each with its word as a parameter of its own: Postgres then plans the
    // trigram condition with the word known and finds neighbours through the trigram index. (With the
    // words in an unnested array it could not, and compared every term of the vocabulary: 25–40 ms
    // for one misspelt word at 100,000 innovations, against about 4 ms.) Whether a word is known is
    // asked as a range of one, which only the primary key's B-tree answers: for "=" Postgres would pick
    // the trigram index, ten times slower for it.
    const params = new Params();
    const sql = lookUp
      .map((word) => {
        const w = `${params.add(word)}::text`;
        const candidates = correctable.has(word)
          ? `ARRAY(SELECT t.term FROM search_term t WHERE t.term % ${w} ORDER BY similarity(t.term, ${w}) DESC, t.term LIMIT ${CORRECTION_CANDIDATES})`
          : `'{}'::text[]`;
        return `SELECT ${w} AS word, k.known, CASE WHEN k.known THEN '{}'::text[] ELSE ${candidates} END AS candidates
                  FROM (SELECT EXISTS (SELECT 1 FROM search_term t WHERE t.term >= ${w} AND t.term <= ${w}) AS known) k`;
      })
      .join(" UNION ALL ");
    const rows: { word: string; known: boolean; candidates: string[] }[] = await this.dataSource.query(sql, params.values);
    for (const row of rows) {
      if (row.known) known.add(row.word);
      const selected = selectCorrections(row.word, row.candidates, this.lexicon);
      if (selected.length > 0) corrections.set(row.word, selected);
    }
    return { corrections, known };
  }

  /**
   * One search: the page, and (in a second statement, sent at the same time, so that on a server the
   * two run side by side on two connections) the total and the facets. The two statements read the
   * same rows; a write committed between them can make the total and the page differ by that write.
   */
  private async run(request: SearchRequest, plan: QueryPlan | null, mode: "strict" | "relaxed"): Promise<SearchResult> {
    const facetColumns = FACET_COLUMNS.filter((c) => request.facets.includes(c.facet));
    const page = this.pageStatement(request, plan, mode);
    const sets = facetSets(facetColumns);
    const counts = this.countStatement(request, plan, mode, facetColumns, sets);
    // A page a relaxed search may replace (too few hits for a query of several words) is not announced.
    const final = (rows: readonly PageRow[]) => mode === "relaxed" || plan === null || rows.length >= RELAX_BELOW || requiredGroups(plan).length < 2;
    const [pageRows, countRows] = await Promise.all([
      (this.dataSource.query(page.sql, page.params) as Promise<PageRow[]>).then((rows) => {
        if (request.onPage && final(rows)) request.onPage([...rows].sort((a, b) => a.ord - b.ord).map((r) => r.id));
        return rows;
      }),
      this.dataSource.query(counts.sql, counts.params) as Promise<CountRow[]>,
    ]);
    return this.toResult(pageRows, countRows, request, plan, facetColumns, sets);
  }

  /**
   * The WHERE clause of the rows a search matches. Text and filters are one tsquery, so that one GIN
   * index scan finds the matching rows; the words go through the same parser as the index
   * (to_tsquery 'simple'), the filter lexemes verbatim. Year ranges are checked on each matching row's
   * year masks (see postgres-document-columns.ts).
   */
  private matchCondition(
    params: Params,
    request: SearchRequest,
    plan: QueryPlan | null,
    mode: "strict" | "relaxed",
    also: string | null = null,
    withText = true,
  ): string {
    const filter = [filterTsquery(request.filter), also].filter((t) => t !== null).join(" & ");
    const filterQuery = filter === "" ? null : `${params.add(filter)}::tsquery`;
    const required = plan ? requiredGroups(plan) : [];
    const text = plan && withText ? `to_tsquery('simple', ${params.add(mode === "strict" ? allOf(required, ALL) : anyOf(required, ALL))})` : null;
    const rowFilters = filterFacetColumns(request.filter).map((tests) => {
      const sql = tests.map((t) => `(d.${t.column} & ${params.add(t.mask)}::bigint) <> 0`);
      return sql.length === 0 ? "false" : sql.length === 1 ? sql[0] : `(${sql.join(" OR ")})`;
    });
    const match = text && filterQuery ? `(${text} && ${filterQuery})` : (text ?? filterQuery);
    const all = [...(match ? [`d.search_vector @@ ${match}`] : []), ...rowFilters];
    return all.length > 0 ? `WHERE ${all.join(" AND ")}` : "";
  }

  /**
   * The statement of the page: the hits in order, with their scores and the text highlights are made
   * from. Ordered by relevance, it ranks word by word only the hits that can be on the page (see
   * {@link rankedPage}); ordered otherwise, every hit.
   */
  private pageStatement(request: SearchRequest, plan: QueryPlan | null, mode: "strict" | "relaxed"): Statement {
    const params = new Params();
    const ts = (text: string) => `to_tsquery('simple', ${params.add(text)})`;
    const f = (x: number) => `${x}::float8`;
    const award = `(10 - COALESCE(s.best_tier_rank, 10))::float8 / ${f(100)}`;
    let levels = "";
    let score = "0::float8";
    let inexact = false;
    const weights = plan ? plan.groups.map(groupWeight) : [];
    const total = weights.reduce((x, y) => x + y, 0);
    let sectorLevels = "";
    let topLevels: string | null = null;
    let sectorWeight = 0;
    let optionalWeight = 0;
    let requiredSectorWeight = 0;
    if (plan) {
      const required = requiredGroups(plan);
      const requiredIndexes = plan.groups.flatMap((g, i) => (g.optional ? [] : [i]));
      // Where each group matched, from the small name and summary vectors (kept in the row): 1 in the
      // name, acronym, expansion or aliases (A), ½ in the summary, institution or region (B), 0 only
      // elsewhere (the narrative, the awards), which search_vector matched.
      // A group that names the innovation's sector ("kesehatan", "health") counts as found in the summary.
      const sectorTests = plan.groups.map((g) => {
        // Only the sectors the filter lets a hit have: a group naming another one levels no hit by it,
        // and then the hits that have no query word in their name or summary score less (see rankedPage).
        const sectors = sectorCodesNamedBy(planTerms({ groups: [g] }).lexemes, request.filter.sectors);
        return sectors.length > 0 ? `d.facet_sector = ANY(${params.add(sectors.map((c) => c % FACET_CODE_BASE))}::smallint[])` : null;
      });
      const groupQueries = plan.groups.map((g) => ts(groupTsquery(g, ALL)));
      const level = (i: number) => {
        const sector = sectorTests[i] ? ` OR ${sectorTests[i]}` : "";
        return `, CASE WHEN d.name_vector @@ ${groupQueries[i]} THEN 1::float8 WHEN d.summary_vector @@ ${groupQueries[i]}${sector} THEN 0.5::float8 ELSE 0::float8 END AS l${i}`;
      };
      levels = plan.groups.map((_, i) => level(i)).join("");
      // A hit of rankedPage's "top" has a required group in its name or summary; with a single required
      // group, that one: its level is 1 or ½ by its name alone, and the larger summary vector is not read.
      if (requiredIndexes.length === 1) {
        topLevels = plan.groups
          .map((_, i) => (i === requiredIndexes[0] ? `, CASE WHEN d.name_vector @@ ${groupQueries[i]} THEN 1::float8 ELSE 0.5::float8 END AS l${i}` : level(i)))
          .join("");
      }
      // The levels of a hit with no query group in its name or summary: ½ for a group that names its
      // sector, 0 otherwise; known without reading its vectors.
      sectorLevels = sectorTests.map((t, i) => (t ? `, CASE WHEN ${t} THEN 0.5::float8 ELSE 0::float8 END AS l${i}` : `, 0::float8 AS l${i}`)).join("");
      sectorWeight = weights.filter((_, i) => sectorTests[i] !== null).reduce((x, y) => x + y, 0);
      optionalWeight = weights.filter((_, i) => plan.groups[i].optional).reduce((x, y) => x + y, 0);
      requiredSectorWeight = requiredIndexes.filter((i) => sectorTests[i] !== null).reduce((x, i) => x + weights[i], 0);
      // Without typo corrections or a prefix every hit is exact; only otherwise is it worth checking.
      inexact = required.some((g) => g.alternatives.some((a) => a.fuzzy || a.words.some((w) => w.prefix)));
      const exact = inexact
        ? required
            .map((g) => {
              const group = ts(groupTsquery(g, EXACT));
              return `(d.name_vector @@ ${group} OR d.summary_vector @@ ${group})`;
            })
            .join(" AND ")
        : "true";
      levels += `, ${exact} AS exact`;
      if (topLevels !== null) topLevels += `, ${exact} AS exact`;
      sectorLevels += `, ${!inexact} AS exact`;
      // All in float8: numeric arithmetic costs about a microsecond a row, which a search with 50,000
      // hits feels (30 ms).
      const flag = (condition: string) => `(CASE WHEN ${condition} THEN 1::float8 ELSE 0::float8 END)`;
      score = [
        `${f(8)} * (${weights.map((w, i) => `${f(w)} * ${flag(`s.l${i} > 0`)}`).join(" + ")}) / ${f(total)}`,
        `${f(4)} * ${flag("s.exact")}`,
        `${f(2)} * ${flag(requiredIndexes.map((i) => `s.l${i} = 1`).join(" AND "))}`,
        `(${weights.map((w, i) => `${f(w)} * s.l${i}`).join(" + ")}) / ${f(total)}`,
        award,
      ].join(" + ");
    }
    const limit = params.add(request.limit);
    const offset = params.add(request.offset);
    // Highlights by ts_headline, of the texts the caller will read, when the query has words to mark.
    const marks = plan ? highlightTerms(plan) : null;
    const fields = marks === null ? [] : (request.highlights ?? SEARCH_HIGHLIGHT_FIELDS);
    let headlines = "";
    let markQuery = "";
    if (marks !== null && fields.length > 0) {
      // The query is the distinct Indonesian stems of the words to mark, made once (not once per row):
      // ts_headline's cost grows with the number of query terms, and a word's forms, synonyms and
      // plurals share few stems. A prefix is marked through the words of the vocabulary it begins (at
      // most 50): Snowball would stem the prefix itself ("penyel" to "nyel") where the text's word is
      // stemmed whole ("penyelamat" to "selamat").
      const words = [
        ...(marks.words.length > 0 ? [`${params.add(marks.words.join(" "))}::text`] : []),
        ...marks.prefixes.map((prefix) => {
          const p = `${params.add(prefix)}::text`;
          return `COALESCE((SELECT string_agg(t.term, ' ') FROM (SELECT v.term FROM search_term v WHERE v.term >= ${p} AND v.term <= ${p} || repeat('z', 64) ORDER BY v.term LIMIT 50) t), ${p})`;
        }),
      ].join(" || ' ' || ");
      markQuery = ` CROSS JOIN (SELECT to_tsquery('simple', COALESCE(string_agg(quote_literal(s.stem), ' | '), '')) AS q
                                  FROM unnest(tsvector_to_array(to_tsvector('${HIGHLIGHT_CONFIG}', ${words}))) AS s(stem)) hq`;
      headlines = fields
        .map((field) => `, ts_headline('${HIGHLIGHT_CONFIG}', d.${field}, hq.q, '${field === "name" ? WHOLE_HEADLINE : SNIPPET_HEADLINE}') AS ${field}_marked`)
        .join("");
    }
    // Only the texts the caller will read: each is stored out of line, and reading a narrative it does
    // not show costs a TOAST lookup per hit.
    const read = new Set(request.highlights ?? SEARCH_HIGHLIGHT_FIELDS);
    const texts = SEARCH_HIGHLIGHT_FIELDS.map((field) => (read.has(field) ? `d.${field}` : `NULL::text AS ${field}`)).join(", ");
    // The window numbers the page's rows in the order of the bounded top-N sort below it.
    const page = (rows: string) => `
      SELECT p.ord, p.id, p.score, ${texts}${headlines}
        FROM (SELECT t.id, t.score, row_number() OVER ()::int AS ord FROM (${rows}) t) p
        JOIN search_document d ON d.innovation_id = p.id${markQuery}`;
    // OFFSET 0 keeps the inner query from being merged into the outer one, which would evaluate each
    // level as many times as the score mentions it.
    const scored = (where: string, levelsSql = levels) => `
      SELECT s.id, s.best_tier_rank, s.latest_year, (${score}) AS score
        FROM (SELECT d.innovation_id AS id, d.best_tier_rank, d.latest_year${levelsSql} FROM search_document d ${where} OFFSET 0) s`;

    if (plan && request.sort.field === "relevance" && !this.rankEveryHit && (8 * Math.min(...weights)) / total > 2 * MAX_AWARD_SCORE) {
      const shares = { sectorShare: sectorWeight / total, optionalShare: optionalWeight / total, requiredSectorShare: requiredSectorWeight / total };
      const rows = this.rankedPage(params, request, plan, mode, scored, { limit, offset, inexact, sectorLevels, topLevels: topLevels ?? levels, ...shares });
      return { sql: page(rows), params: params.values };
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
    const where = this.matchCondition(params, request, plan, mode);
    return { sql: page(`SELECT m.id, m.score FROM (${scored(where)}) m ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`), params: params.values };
  }

  /**
   * The rows of a page by relevance, ranking word by word only the hits that can be on it. A hit with
   * no query group in its name or summary scores only ½ for each group that names its sector (none
   * for most queries), its exactness and its award: its score is known from its row without reading
   * its vectors, and any hit with a group in its name or summary scores more than the most such a hit
   * can (the caller checks that the smallest group's share of the words outweighs any award). So the
   * page is the best of the hits that have a required group there ("top": the index finds them by the
   * tagged name and summary words, see migration 1763950000000); then, only when those are too few to
   * fill it with scores no other hit can reach, the best of the hits with an optional group there
   * ("mid": "aplikasi" of "aplikasi online"); then, only when all those are still too few, the best of
   * every hit scored from its row alone ("others"). A search for a word in 50,000 narratives ranks the
   * few thousand names and summaries that have it, not the 50,000.
   */
  private rankedPage(
    params: Params,
    request: SearchRequest,
    plan: QueryPlan,
    mode: "strict" | "relaxed",
    scored: (where: string, levels?: string) => string,
    page: {
      limit: string;
      offset: string;
      inexact: boolean;
      sectorLevels: string;
      topLevels: string;
      sectorShare: number;
      optionalShare: number;
      requiredSectorShare: number;
    },
  ): string {
    const f = (x: number) => `${x}::float8`;
    const tagged = (groups: readonly QueryGroup[]) => groups.map((g) => groupTsquery(g, IN_NAME_OR_SUMMARY)).join(" | ");
    const required = requiredGroups(plan);
    const optional = plan.groups.filter((g) => g.optional);
    const needed = params.add(request.offset + request.limit);
    const exact = page.inexact ? 0 : 4;
    // The most a hit with no required group in its name or summary can score: its optional groups
    // there in full, ½ for each required group naming its sector, no name bonus.
    const midCeiling = f(8 * (page.optionalShare + page.requiredSectorShare) + exact + page.optionalShare + 0.5 * page.requiredSectorShare + MAX_AWARD_SCORE + 0.005);
    // The most a hit with no query group in its name or summary can score (see sectorLevels).
    const share = page.sectorShare;
    const ceiling = f(8 * share + exact + 0.5 * share + MAX_AWARD_SCORE + 0.005);
    // "mid" and "others" run only when the parts before them have fewer than a page of hits above
    // their ceiling: the condition is a constant to Postgres (a one-time filter), checked before any
    // row is read. Each takes every hit of its kind, not only those the parts before did not have (a
    // NOT of the tagged words would make the index read every tagged list in full): a hit in two parts
    // scores no more in the later one, so the best score of each hit is its score.
    const midEnough = `(SELECT count(*) FROM top WHERE top.score > ${midCeiling}) < ${needed}`;
    const before = optional.length > 0 ? "SELECT id, score FROM top UNION ALL SELECT id, score FROM mid" : "SELECT id, score FROM top";
    const othersEnough = `(SELECT count(DISTINCT b.id) FROM (${before}) b WHERE b.score > ${ceiling}) < ${needed}`;
    // A tagged word is a copy of a name or summary word, so a hit with it has the word too. When the
    // tagged words ask for what the words do (one required group, or any of them in a relaxed search),
    // "top" asks the index for the tagged words alone: the words would only add index work.
    const tagsImplyText = mode === "relaxed" || required.length === 1;
    const part = (name: string, where: string, levels?: string) => `
      ${name} AS (
        SELECT m.id, m.score FROM (${scored(where, levels)}) m
         ORDER BY m.score DESC, m.id ASC LIMIT ${needed})`;
    const parts = [
      part("top", this.matchCondition(params, request, plan, mode, `(${tagged(required)})`, !tagsImplyText), page.topLevels),
      ...(optional.length > 0 ? [part("mid", `${this.matchCondition(params, request, plan, mode, `(${tagged(optional)})`)} AND ${midEnough}`)] : []),
      part("others", `${this.matchCondition(params, request, plan, mode)} AND ${othersEnough}`, page.sectorLevels),
    ];
    return `
      WITH ${parts.join(",")}
      SELECT u.id, max(u.score) AS score FROM (${before} UNION ALL SELECT id, score FROM others) u
       GROUP BY u.id ORDER BY score DESC, u.id ASC LIMIT ${page.limit} OFFSET ${page.offset}`;
  }

  /**
   * The statement of the total and the facets: the matched rows grouped once in all (the total) and
   * once per set of facet columns (see FACET_COLUMNS), GROUPING() saying which group a row belongs to.
   * Columns with few values share a set (sector and status, levels and tiers, the two year masks):
   * a row is hashed once per set, and five sets cost a search with 50,000 hits about 10% less than
   * eight. A group of a shared set counts for each of its values.
   */
  private countStatement(
    request: SearchRequest,
    plan: QueryPlan | null,
    mode: "strict" | "relaxed",
    facetColumns: readonly FacetColumn[],
    sets: readonly (readonly number[])[],
  ): Statement {
    const params = new Params();
    const where = this.matchCondition(params, request, plan, mode);
    if (facetColumns.length === 0) return { sql: `SELECT 0 AS grouping, count(*)::int AS count FROM search_document d ${where}`, params: params.values };
    const list = facetColumns.map((c) => `d.${c.column}`).join(", ");
    // A row has the columns of its own set and NULL for every other (not grouped by them), so the k-th
    // column of every set can share one output column: COALESCE finds the row's own, or its NULL. Two
    // text columns instead of one per facet column make the thousands of rows of a large search
    // quicker to send and to read (about 3 ms of 8 for 3,000 rows).
    const width = Math.max(...sets.map((set) => set.length));
    const positions = Array.from({ length: width }, (_, k) => {
      const columns = sets.filter((set) => set.length > k).map((set) => `d.${facetColumns[set[k]].column}::text`);
      return `COALESCE(${columns.join(", ")}) AS p${k}`;
    });
    const sql = `
      SELECT GROUPING(${list})::int AS grouping, ${positions.join(", ")}, count(*)::int AS count
        FROM search_document d ${where}
       GROUP BY GROUPING SETS ((), ${sets.map((set) => `(${set.map((i) => `d.${facetColumns[i].column}`).join(", ")})`).join(", ")})`;
    return { sql, params: params.values };
  }

  private toResult(
    pageRows: readonly PageRow[],
    countRows: readonly CountRow[],
    request: SearchRequest,
    plan: QueryPlan | null,
    facetColumns: readonly FacetColumn[],
    sets: readonly (readonly number[])[],
  ): SearchResult {
    const terms: PlanTerms = plan ? planTerms(plan) : { lexemes: new Set(), prefixes: [] };
    const hits = pageRows
      .map((row) => ({ ord: row.ord, innovationId: row.id, score: plan ? Number(row.score) : 0, highlights: pageHighlights(row, terms) }))
      .sort((a, b) => a.ord - b.ord)
      .map(({ ord: _, ...hit }): SearchHit => hit);
    const facets: Partial<Record<SearchFacetName, SearchFacetBucket[]>> = {};
    for (const facet of request.facets) facets[facet] = [];
    const tally: Partial<Record<SearchFacetName, Map<string, number>>> = {};
    const all = (1 << facetColumns.length) - 1;
    const codeCounts = facetColumns.map(() => new Map<string, number>());
    // GROUPING() has a bit per column (the first column is the highest), set when the row is not
    // grouped by it: all set for the total; clear for the columns of the row's set.
    const bySet = new Map(sets.map((set) => [all & ~set.reduce((m, i) => m | (1 << (facetColumns.length - 1 - i)), 0), set] as const));
    let totalCount = 0;
    for (const row of countRows) {
      if (row.grouping === all) {
        totalCount = row.count;
        continue;
      }
      const set = bySet.get(row.grouping);
      if (set === undefined) throw new Error(`Unexpected grouping ${row.grouping} in the count statement`);
      for (let k = 0; k < set.length; k++) {
        const code = row[`p${k}`] ?? null;
        if (code !== null) codeCounts[set[k]].set(code, (codeCounts[set[k]].get(code) ?? 0) + row.count);
      }
    }
    // Each distinct value or mask of a column is decoded once (a shared set repeats them).
    facetColumns.forEach((column, i) => {
      for (const [code, count] of codeCounts[i]) {
        for (const n of facetColumnValues(column, code)) {
          const value = facetBucketValue(column.facet, n);
          if (value === null) continue;
          const counts = (tally[column.facet] ??= new Map<string, number>());
          counts.set(value, (counts.get(value) ?? 0) + count);
        }
      }
    });
    for (const [facet, counts] of Object.entries(tally) as [SearchFacetName, Map<string, number>][]) {
      facets[facet] = [...counts].map(([value, count]) => ({ value, count }));
    }
    for (const buckets of Object.values(facets)) buckets.sort(compareFacetBuckets);
    return { engine: this.engine, hits, totalCount, facets };
  }
}
