/**
 * The raw-SQL floor of the benchmark: a minimal node:http handler that answers each workload with one
 * hand-written SQL statement through `pg`, Postgres building the JSON itself (returned as text, so
 * Node does not even parse it). No GraphQL, no validation beyond parsing the query string: what is
 * left is the cost of HTTP, one round trip and the query, the physical limit the graph is measured
 * against.
 *
 * Environment: DATABASE_URL, PORT (0: any free port). Prints `{"ready":true,"port":N}` once it listens.
 * Routes: GET /a?id=N, /b?first=N, /c, /d?q=…&sector=…&province=…, /e?ids=1,2,…, /__bench/statements.
 */
import { createServer, type ServerResponse } from "node:http";
import pg from "pg";
import { countStatements } from "./statement-counter";

const statements = countStatements(pg);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10, application_name: "inovasi-bench-raw" });

const DETAIL = `
SELECT json_build_object('data', json_build_object('innovation', json_build_object(
  'id', i.id, 'name', i.name, 'acronym', i.acronym, 'summary', i.summary, 'sector', i.sector, 'launchYear', i.launch_year,
  'institution', (SELECT json_build_object('name', t.name, 'kind', t.kind) FROM institution t WHERE t.id = i.institution_id),
  'region', (SELECT json_build_object('code', r.code, 'name', r.name) FROM region r WHERE r.code = i.region_code),
  'awards', COALESCE((
    SELECT json_agg(json_build_object('label', a.raw_label, 'tier', a.tier, 'year', e.year, 'competition', c.name, 'level', c.level)
                    ORDER BY e.year, a.tier_rank, a.id)
      FROM award_result a JOIN competition_edition e ON e.id = a.edition_id JOIN competition c ON c.id = e.competition_id
     WHERE a.innovation_id = i.id), '[]'),
  'sources', COALESCE((
    SELECT json_agg(json_build_object('url', s.url, 'title', s.title) ORDER BY s.url)
      FROM source_link l JOIN source s ON s.id = l.source_id
     WHERE l.subject_type = 'innovation' AND l.subject_id = i.id), '[]')
)))::text AS body
FROM innovation i WHERE i.id = $1`;

const WINNERS = `
SELECT json_build_object('data', json_build_object('winners', COALESCE(json_agg(json_build_object(
  'label', w.raw_label, 'tier', w.tier, 'year', w.year, 'competition', w.competition,
  'innovation', json_build_object('name', i.name,
    'institution', (SELECT json_build_object('name', t.name) FROM institution t WHERE t.id = i.institution_id),
    'region', (SELECT json_build_object('name', r.name) FROM region r WHERE r.code = i.region_code))
) ORDER BY w.year DESC, w.tier_rank, w.id), '[]')))::text AS body
FROM (SELECT a.id, a.raw_label, a.tier, a.tier_rank, a.innovation_id, e.year, c.name AS competition
        FROM award_result a JOIN competition_edition e ON e.id = a.edition_id JOIN competition c ON c.id = e.competition_id
       WHERE a.tier IN ('outstanding', 'winner', 'top')
       ORDER BY e.year DESC, a.tier_rank, a.id
       LIMIT $1) w
JOIN innovation i ON i.id = w.innovation_id`;

const STATS = `
SELECT json_build_object('data', json_build_object('stats', json_build_object('groups', COALESCE(json_agg(json_build_object(
  'year', g.year, 'provinceCode', g.province, 'provinceName', r.name, 'innovationCount', g.innovations, 'awardCount', g.awards
) ORDER BY g.year, g.awards DESC, g.province), '[]'))))::text AS body
FROM (SELECT e.year, left(i.region_code, 2) AS province, count(DISTINCT i.id)::int AS innovations, count(*)::int AS awards
        FROM award_result a
        JOIN competition_edition e ON e.id = a.edition_id
        JOIN competition c ON c.id = e.competition_id
        JOIN innovation i ON i.id = a.innovation_id
       WHERE c.level = 'national' AND a.tier IN ('outstanding', 'winner', 'top')
       GROUP BY 1, 2) g
LEFT JOIN region r ON r.code = g.province`;

const ENTITIES = `
SELECT json_build_object('data', json_build_object('_entities', COALESCE(json_agg(json_build_object(
  'name', i.name,
  'institution', (SELECT json_build_object('name', t.name) FROM institution t WHERE t.id = i.institution_id),
  'region', (SELECT json_build_object('name', r.name) FROM region r WHERE r.code = i.region_code)
) ORDER BY k.n), '[]')))::text AS body
FROM unnest($1::int[]) WITH ORDINALITY AS k(id, n) JOIN innovation i ON i.id = k.id`;

// The text index our search uses (search_document.search_vector, GIN), queried the plain way, with
// the filters and facets taken from the catalogue's own tables (so that the floor does not depend on
// how the search document lays them out): matched rows with both filters, the page ranked by
// ts_rank_cd, the total and five facets (innovations per value), all in one statement.
const SEARCH = `
WITH q AS (SELECT websearch_to_tsquery('simple', $1) AS tsq),
matched AS (
  SELECT i.id, i.name, i.institution_id, i.region_code, i.sector, left(i.region_code, 2) AS province, ts_rank_cd(d.search_vector, q.tsq) AS rank
    FROM search_document d CROSS JOIN q JOIN innovation i ON i.id = d.innovation_id
   WHERE d.search_vector @@ q.tsq AND i.sector = $2 AND left(i.region_code, 2) = $3),
awards AS (
  SELECT DISTINCT m.id, c.level, a.tier, e.year
    FROM matched m JOIN award_result a ON a.innovation_id = m.id
    JOIN competition_edition e ON e.id = a.edition_id JOIN competition c ON c.id = e.competition_id),
page AS (SELECT * FROM matched ORDER BY rank DESC, id LIMIT 20)
SELECT json_build_object('data', json_build_object('search', json_build_object(
  'totalCount', (SELECT count(*) FROM matched),
  'nodes', COALESCE((SELECT json_agg(json_build_object('score', p.rank, 'innovation', json_build_object('name', p.name,
      'institution', json_build_object('name', t.name), 'region', (SELECT json_build_object('name', r.name) FROM region r WHERE r.code = p.region_code)))
      ORDER BY p.rank DESC, p.id)
    FROM page p JOIN institution t ON t.id = p.institution_id), '[]'),
  'facets', json_build_object(
    'sector', (SELECT COALESCE(json_agg(json_build_object('sector', v, 'count', n) ORDER BY n DESC, v), '[]') FROM (SELECT sector AS v, count(*) AS n FROM matched GROUP BY 1) f),
    'province', (SELECT COALESCE(json_agg(json_build_object('code', v, 'count', n) ORDER BY n DESC, v), '[]') FROM (SELECT province AS v, count(*) AS n FROM matched WHERE province IS NOT NULL GROUP BY 1) f),
    'level', (SELECT COALESCE(json_agg(json_build_object('level', v, 'count', n) ORDER BY n DESC, v), '[]') FROM (SELECT level AS v, count(DISTINCT id) AS n FROM awards GROUP BY 1) f),
    'tier', (SELECT COALESCE(json_agg(json_build_object('tier', v, 'count', n) ORDER BY n DESC, v), '[]') FROM (SELECT tier AS v, count(DISTINCT id) AS n FROM awards GROUP BY 1) f),
    'year', (SELECT COALESCE(json_agg(json_build_object('year', v, 'count', n) ORDER BY n DESC, v), '[]') FROM (SELECT year AS v, count(DISTINCT id) AS n FROM awards GROUP BY 1) f))
)))::text AS body`;

async function answer(res: ServerResponse, sql: string, params: unknown[]): Promise<void> {
  const { rows } = await pool.query<{ body: string | null }>(sql, params);
  const body = rows[0]?.body ?? JSON.stringify({ data: null });
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
}

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value ?? fallback);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  const fail = (error: unknown) => {
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
    res.end(error instanceof Error ? error.message : String(error));
  };
  switch (url.pathname) {
    case "/a":
      answer(res, DETAIL, [positiveInt(url.searchParams.get("id"), 1)]).catch(fail);
      break;
    case "/b":
      answer(res, WINNERS, [Math.min(100, positiveInt(url.searchParams.get("first"), 50))]).catch(fail);
      break;
    case "/c":
      answer(res, STATS, []).catch(fail);
      break;
    case "/d":
      answer(res, SEARCH, [url.searchParams.get("q") ?? "", url.searchParams.get("sector") ?? "", url.searchParams.get("province") ?? ""]).catch(fail);
      break;
    case "/e":
      answer(res, ENTITIES, [(url.searchParams.get("ids") ?? "").split(",").map(Number).filter(Number.isInteger)]).catch(fail);
      break;
    case "/__bench/statements":
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ statements: statements.count }));
      break;
    default:
      res.writeHead(404).end();
  }
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ ready: true, port: typeof address === "object" && address ? address.port : 0 })}\n`);
});
