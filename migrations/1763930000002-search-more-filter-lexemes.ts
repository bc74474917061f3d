import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Level, tier and status filters become lexemes of `search_vector` ("~level:national", see
 * postgres-document-columns.ts), like sector, region and SDG, so the index narrows by them before any
 * row is read. Documents get the new lexemes when they are next written: every one is marked stale
 * (updated_at = '-infinity'), and ensureSearchDocuments, run by the server and `inovasi seed`,
 * re-indexes them. Until then, a search with one of these filters misses the stale documents.
 */
export class SearchMoreFilterLexemes1763930000002 implements MigrationInterface {
  name = "SearchMoreFilterLexemes1763930000002";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE "search_document" SET "updated_at" = '-infinity'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE "search_document" SET "updated_at" = '-infinity'`);
  }
}
