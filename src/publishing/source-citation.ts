import type { EntityManager } from "typeorm";
import type { SourceSubjectType } from "../entities/source-link.entity";
import { publisherFromUrl } from "../seed/catalogue-plan";

/** The public page a write cites. */
export interface SourceCitation {
  /** http(s) URL of the page. */
  readonly url: string;
  readonly title?: string | null;
  /** When the publisher read it (`YYYY-MM-DD`); the day of the write when not given. */
  readonly retrievedAt?: string | null;
}

/** A record a write touched. */
export interface CitedSubject {
  readonly subjectType: SourceSubjectType;
  readonly subjectId: number;
}

/**
 * Links every subject to the cited page (source and source_link), asserted by `assertedBy` (the
 * publisher's name), through the write's transaction. A page already known keeps its title,
 * publisher and date unless it had none; a link already there keeps who first cited it (`Source.assertedBy`),
 * while every later citation is in the audit trail. Two statements whatever the number of subjects.
 */
export async function citeSource(manager: EntityManager, citation: SourceCitation, subjects: readonly CitedSubject[], assertedBy: string): Promise<number> {
  const [source]: { id: number }[] = await manager.query(
    `INSERT INTO source (url, title, publisher, retrieved_at) VALUES ($1, $2, $3, COALESCE($4::date, CURRENT_DATE))
     ON CONFLICT (url) DO UPDATE SET title = COALESCE(source.title, EXCLUDED.title),
                                     retrieved_at = COALESCE(source.retrieved_at, EXCLUDED.retrieved_at)
     RETURNING id`,
    [citation.url, citation.title ?? null, publisherFromUrl(citation.url), citation.retrievedAt ?? null],
  );
  if (subjects.length === 0) return source.id;
  await manager.query(
    `INSERT INTO source_link (subject_type, subject_id, source_id, asserted_by)
     SELECT DISTINCT t, i, $3::int, $4::text FROM unnest($1::text[], $2::int[]) AS s(t, i)
     ON CONFLICT (subject_type, subject_id, source_id) DO NOTHING`,
    [subjects.map((s) => s.subjectType), subjects.map((s) => s.subjectId), source.id, assertedBy],
  );
  return source.id;
}
