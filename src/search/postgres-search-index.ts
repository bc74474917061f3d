/**
 * Keeps the Postgres engine's index (`search_document`, `search_term`) in step with the catalogue.
 * {@link refreshSearchDocuments} is the one writer: the seed loader, the server at start-up, tests and
 * the outbox worker call it with the innovations that changed.
 */
import type { EntityManager } from "typeorm";
import { SEARCH_TERM_WEIGHTS } from "../entities/search-document.entity";
import { documentFacetCodes, documentFilterTerms } from "./postgres-document-columns";
import { loadSearchSources, toSearchDocument } from "./search-document";
import { SEARCH_TEXT_WEIGHTS, type SearchDocument } from "./search-fields";
import { indexTerms } from "./text/analyzer";
import { foldWords } from "./text/normalise";

/** What a refresh did. */
export interface RefreshReport {
  /** Documents inserted or changed. */
  readonly written: number;
  /** Documents whose projection was already up to date (not rewritten). */
  readonly unchanged: number;
  /** Documents removed because their innovation no longer exists. */
  readonly deleted: number;
}

/** Innovations projected and written per statement. */
const CHUNK_SIZE = 500;

type TextWeight = keyof typeof SEARCH_TEXT_WEIGHTS;

function attributeTexts(doc: SearchDocument, weight: TextWeight): string[] {
  return SEARCH_TEXT_WEIGHTS[weight].flatMap((attribute) => {
    const value = doc[attribute];
    if (value == null) return [];
    return Array.isArray(value) ? (value as string[]) : [String(value)];
  });
}

/**
 * The analysed terms of each text weight group of a document, space-separated: what `terms_a` …
 * `terms_d` hold and `search_vector` is generated from.
 */
export function documentTerms(doc: SearchDocument): Record<TextWeight, string> {
  const out = {} as Record<TextWeight, string>;
  for (const weight of SEARCH_TERM_WEIGHTS) {
    out[weight] = attributeTexts(doc, weight).flatMap((text) => indexTerms(text)).join(" ");
  }
  return out;
}

/** The folded words of every text attribute: the document's contribution to the typo vocabulary. */
export function documentWords(doc: SearchDocument): string[] {
  const words = new Set<string>();
  for (const weight of SEARCH_TERM_WEIGHTS) {
    for (const text of attributeTexts(doc, weight)) for (const w of foldWords(text)) if (/[a-z]/.test(w)) words.add(w);
  }
  return [...words];
}

/** Columns written from a document, with their Postgres types (the order of the upsert). */
const COLUMNS: readonly (readonly [column: string, type: string, value: (d: SearchDocument, t: Record<TextWeight, string>) => unknown])[] = [
  ["innovation_id", "int", (d) => d.innovationId],
  ["slug", "text", (d) => d.slug],
  ["name", "text", (d) => d.name],
  ["summary", "text", (d) => d.summary],
  ["narrative", "text", (d) => d.narrative],
  ["best_tier_rank", "int", (d) => d.bestTierRank],
  ["latest_year", "int", (d) => d.latestYear],
  ["terms_a", "text", (_, t) => t.A],
  ["terms_b", "text", (_, t) => t.B],
  ["terms_c", "text", (_, t) => t.C],
  ["terms_d", "text", (_, t) => t.D],
  ["filter_terms", "text[]", (d) => documentFilterTerms(d)],
  ["facet_codes", "int[]", (d) => documentFacetCodes(d)],
];

const COLUMN_LIST = COLUMNS.map(([c]) => `"${c}"`).join(", ");
const RECORD_TYPE = COLUMNS.map(([c, type]) => `"${c}" ${type}`).join(", ");
const UPDATABLE = COLUMNS.filter(([c]) => c !== "innovation_id").map(([c]) => c);

// Unchanged rows are skipped by the WHERE, so a refresh of an unchanged catalogue writes nothing; a
// row a migration marked stale (updated_at = '-infinity', see STALE) is rewritten anyway.
const UPSERT_SQL = `
  INSERT INTO search_document (${COLUMN_LIST}, "updated_at")
  SELECT ${COLUMN_LIST}, now() FROM jsonb_to_recordset($1::jsonb) AS x(${RECORD_TYPE})
  ON CONFLICT ("innovation_id") DO UPDATE
     SET ${UPDATABLE.map((c) => `"${c}" = EXCLUDED."${c}"`).join(", ")}, "updated_at" = now()
   WHERE (${UPDATABLE.map((c) => `search_document."${c}"`).join(", ")})
         IS DISTINCT FROM (${UPDATABLE.map((c) => `EXCLUDED."${c}"`).join(", ")})
      OR search_document.updated_at = '-infinity'::timestamptz
  RETURNING innovation_id`;

async function writeChunk(manager: EntityManager, ids: readonly number[], vocabulary: Set<string> | null): Promise<{ written: number; unchanged: number; deleted: number }> {
  const sources = await loadSearchSources(manager, ids);
  const docs = sources.map(toSearchDocument);
  const records = docs.map((d) => {
    const terms = documentTerms(d);
    return Object.fromEntries(COLUMNS.map(([c, , value]) => [c, value(d, terms)]));
  });
  const words = new Set<string>();
  for (const d of docs) for (const w of documentWords(d)) words.add(w);
  let written = 0;
  if (records.length > 0) {
    const rows: unknown[] = await manager.query(UPSERT_SQL, [JSON.stringify(records)]);
    written = rows.length;
    await manager.query(`INSERT INTO search_term (term) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [[...words]]);
  }
  if (vocabulary) for (const w of words) vocabulary.add(w);
  const found = new Set(docs.map((d) => d.innovationId));
  const missing = ids.filter((id) => !found.has(id));
  let deleted = 0;
  if (missing.length > 0) {
    const [row]: { n: number }[] = await manager.query(
      `WITH gone AS (DELETE FROM search_document WHERE innovation_id = ANY($1::int[]) RETURNING 1) SELECT count(*)::int AS n FROM gone`,
      [missing],
    );
    deleted = row.n;
  }
  return { written, unchanged: docs.length - written, deleted };
}

/**
 * Re-projects the given innovations (or all of them) and writes their search documents: inserts new
 * ones, rewrites changed ones, leaves unchanged ones alone, and deletes documents of innovations that
 * no longer exist. Idempotent: running it twice writes nothing the second time. Also adds the
 * documents' words to the typo vocabulary; a full refresh ("all") also drops words no document has.
 *
 * Runs on whatever `manager` is: pass a transaction's manager to index in the same transaction as the
 * change. Works in chunks of {@link CHUNK_SIZE} innovations, with a handful of statements per chunk.
 */
export async function refreshSearchDocuments(manager: EntityManager, innovationIds: readonly number[] | "all"): Promise<RefreshReport> {
  const total = { written: 0, unchanged: 0, deleted: 0 };
  const add = (r: typeof total) => {
    total.written += r.written;
    total.unchanged += r.unchanged;
    total.deleted += r.deleted;
  };
  if (innovationIds === "all") {
    const vocabulary = new Set<string>();
    const rows: { id: number }[] = await manager.query(`SELECT id FROM innovation ORDER BY id`);
    const ids = rows.map((r) => r.id);
    for (let i = 0; i < ids.length; i += CHUNK_SIZE) add(await writeChunk(manager, ids.slice(i, i + CHUNK_SIZE), vocabulary));
    const [gone]: { n: number }[] = await manager.query(
      `WITH gone AS (DELETE FROM search_document d WHERE NOT EXISTS (SELECT 1 FROM innovation i WHERE i.id = d.innovation_id) RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
    );
    total.deleted += gone.n;
    await manager.query(`DELETE FROM search_term WHERE NOT (term = ANY($1::text[]))`, [[...vocabulary]]);
    return total;
  }
  const ids = [...new Set(innovationIds)].filter((id) => Number.isInteger(id));
  for (let i = 0; i < ids.length; i += CHUNK_SIZE) add(await writeChunk(manager, ids.slice(i, i + CHUNK_SIZE), null));
  return total;
}

/**
 * Makes sure every innovation has an up-to-date search document after data was loaded outside the
 * outbox (the seed loader, a restored database): a full refresh when `changed` says data changed,
 * when the number of documents differs from the number of innovations, or when a migration marked
 * documents stale (updated_at = '-infinity', because how documents are analysed changed); otherwise
 * nothing (one cheap statement). Returns the refresh report, or null when nothing needed doing.
 */
export async function ensureSearchDocuments(manager: EntityManager, options: { changed: boolean }): Promise<RefreshReport | null> {
  if (!options.changed) {
    const [row]: { innovations: number; documents: number; stale: boolean }[] = await manager.query(
      `SELECT (SELECT count(*) FROM innovation)::int AS innovations, (SELECT count(*) FROM search_document)::int AS documents,
              EXISTS (SELECT 1 FROM search_document WHERE updated_at = '-infinity'::timestamptz) AS stale`,
    );
    if (row.innovations === row.documents && !row.stale) return null;
  }
  return refreshSearchDocuments(manager, "all");
}
