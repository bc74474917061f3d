import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import type { AwardTier, CompetitionLevel, InnovationStatus, Sector } from "../../src/domain/enums";
import { AWARD_TIER_RANK } from "../../src/domain/enums";

/**
 * Factories that insert rows for one test, with unique names, so tests never depend on each other's
 * data. Every record is tagged with a run-unique marker that tests can filter on.
 */
export class Factory {
  readonly tag = `t${randomUUID().slice(0, 8)}`;
  private n = 0;
  constructor(private readonly ds: DataSource) {}

  private unique(prefix: string): string {
    this.n += 1;
    return `${prefix}-${this.tag}-${this.n}`;
  }

  async institution(options: { name?: string; regionCode?: string | null; kind?: string } = {}): Promise<number> {
    const slug = this.unique("inst");
    const [row] = await this.ds.query(
      `INSERT INTO institution (slug, name, name_key, kind, region_code) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [slug, options.name ?? slug, slug, options.kind ?? "city_government", options.regionCode ?? null],
    );
    return row.id;
  }

  async competition(options: { level?: CompetitionLevel; name?: string } = {}): Promise<number> {
    const slug = this.unique("comp");
    const [row] = await this.ds.query(
      `INSERT INTO competition (slug, name, organizer, level) VALUES ($1, $2, 'Test organiser', $3) RETURNING id`,
      [slug, options.name ?? slug, options.level ?? "national"],
    );
    return row.id;
  }

  async edition(competitionId: number, year: number): Promise<number> {
    const [row] = await this.ds.query(
      `INSERT INTO competition_edition (competition_id, year, name) VALUES ($1, $2, $3) RETURNING id`,
      [competitionId, year, this.unique("edition")],
    );
    return row.id;
  }

  async innovation(
    institutionId: number,
    options: { name?: string; sector?: Sector; regionCode?: string | null; sdgs?: number[]; status?: InnovationStatus | null } = {},
  ): Promise<number> {
    const slug = this.unique("inov");
    const [row] = await this.ds.query(
      `INSERT INTO innovation (slug, name, name_key, sector, institution_id, region_code, sdgs, status, status_as_of)
       VALUES ($1, $2, $1, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        slug,
        options.name ?? slug,
        options.sector ?? "other",
        institutionId,
        options.regionCode ?? null,
        options.sdgs ?? [],
        options.status ?? null,
        options.status ? "2024-12-31" : null,
      ],
    );
    return row.id;
  }

  async award(innovationId: number, editionId: number, tier: AwardTier, label: string = tier): Promise<number> {
    const [row] = await this.ds.query(
      `INSERT INTO award_result (innovation_id, edition_id, raw_label, tier, tier_rank) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [innovationId, editionId, label, tier, AWARD_TIER_RANK[tier]],
    );
    return row.id;
  }

  async source(subjectType: string, subjectId: number): Promise<number> {
    const [source] = await this.ds.query(`INSERT INTO source (url) VALUES ($1) RETURNING id`, [`https://example.org/${this.unique("src")}`]);
    await this.ds.query(`INSERT INTO source_link (subject_type, subject_id, source_id) VALUES ($1, $2, $3)`, [subjectType, subjectId, source.id]);
    return source.id;
  }

  /** Removes everything this factory created (rows are found by the tag in their slugs and names). */
  async cleanup(): Promise<void> {
    const like = `%-${this.tag}-%`;
    await this.ds.query(`DELETE FROM source_link WHERE source_id IN (SELECT id FROM source WHERE url LIKE $1)`, [like]);
    await this.ds.query(`DELETE FROM source WHERE url LIKE $1`, [like]);
    await this.ds.query(`DELETE FROM innovation WHERE slug LIKE $1`, [like]);
    await this.ds.query(`DELETE FROM competition_edition WHERE name LIKE $1`, [like]);
    await this.ds.query(`DELETE FROM competition WHERE slug LIKE $1`, [like]);
    await this.ds.query(`DELETE FROM institution WHERE slug LIKE $1`, [like]);
  }
}
