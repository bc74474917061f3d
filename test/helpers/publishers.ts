import type { DataSource } from "typeorm";
import type { PublisherKind } from "../../src/publishing/publisher-kind";
import { createPublisher, issueApiKey, revokeApiKey } from "../../src/publishing/publishers";

/** A publisher made for a test, with a valid API key. */
export interface TestPublisher {
  readonly id: number;
  readonly name: string;
  readonly key: string;
}

/**
 * Makes publishers for one test file through the real code path (createPublisher), with names that
 * carry the factory's tag, and removes them (with their keys and audit entries) afterwards.
 */
export class PublisherFixture {
  private n = 0;
  constructor(
    private readonly ds: DataSource,
    private readonly tag: string,
  ) {}

  /** A publisher scoped to `region` and/or the competitions with these row ids. */
  async create(options: { region?: string; competitionIds?: number[]; kind?: PublisherKind } = {}): Promise<TestPublisher> {
    this.n += 1;
    const slugs: { slug: string }[] = options.competitionIds?.length
      ? await this.ds.query(`SELECT slug FROM competition WHERE id = ANY($1::int[])`, [options.competitionIds])
      : [];
    const { issued } = await createPublisher(this.ds, {
      name: `Publisher ${this.tag} ${this.n}`,
      kind: options.kind,
      region: options.region ?? null,
      competitions: slugs.map((s) => s.slug),
    });
    const [row]: { id: number }[] = await this.ds.query(`SELECT id FROM publisher WHERE name = $1`, [issued.publisher]);
    return { id: row.id, name: issued.publisher, key: issued.key };
  }

  /** A second key of `publisher`, revoked at once. */
  async revokedKey(publisher: TestPublisher): Promise<string> {
    const issued = await issueApiKey(this.ds, publisher.name);
    await revokeApiKey(this.ds, issued.prefix);
    return issued.key;
  }

  /** Audit entries written by `publisher`, oldest first. */
  auditOf(publisher: TestPublisher): Promise<{ operation: string; subjectType: string; subjectId: number; sourceUrl: string; apiKeyId: number | null; summary: Record<string, unknown> }[]> {
    return this.ds.query(
      `SELECT operation, subject_type AS "subjectType", subject_id AS "subjectId", source_url AS "sourceUrl", api_key_id AS "apiKeyId", summary
         FROM audit_entry WHERE publisher_id = $1 ORDER BY id`,
      [publisher.id],
    );
  }

  /**
   * Removes this fixture's publishers with their keys and audit entries, and what the tests wrote
   * through them: every innovation, institution, replication, edition and cited page whose name, slug
   * or URL carries the tag. Run it before Factory.cleanup (which removes the factory's competitions).
   */
  async cleanup(): Promise<void> {
    const like = `Publisher ${this.tag} %`;
    const tagged = `%${this.tag}%`;
    await this.ds.query(`DELETE FROM audit_entry WHERE publisher_id IN (SELECT id FROM publisher WHERE name LIKE $1)`, [like]);
    await this.ds.query(`DELETE FROM api_key WHERE publisher_id IN (SELECT id FROM publisher WHERE name LIKE $1)`, [like]);
    await this.ds.query(`DELETE FROM publisher WHERE name LIKE $1`, [like]);
    await this.ds.query(`DELETE FROM source_link WHERE source_id IN (SELECT id FROM source WHERE url LIKE $1)`, [tagged]);
    await this.ds.query(`DELETE FROM source WHERE url LIKE $1`, [tagged]);
    await this.ds.query(`DELETE FROM replication WHERE adopter_institution_id IN (SELECT id FROM institution WHERE name LIKE $1 OR slug LIKE $1)`, [tagged]);
    await this.ds.query(`DELETE FROM innovation WHERE name LIKE $1 OR slug LIKE $1`, [tagged]);
    await this.ds.query(`DELETE FROM competition_edition WHERE competition_id IN (SELECT id FROM competition WHERE slug LIKE $1)`, [tagged]);
    await this.ds.query(`DELETE FROM institution WHERE name LIKE $1 OR slug LIKE $1`, [tagged]);
  }
}
