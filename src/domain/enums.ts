/**
 * The closed vocabularies of the catalogue. Each is stored in Postgres as lower-case text guarded by a
 * CHECK constraint (see the migrations) and exposed in GraphQL as a SCREAMING_SNAKE enum.
 * Adding a value here needs a migration that widens the matching constraint.
 */

export const REGION_KINDS = ["province", "regency", "city"] as const;
export type RegionKind = (typeof REGION_KINDS)[number];

export const INSTITUTION_KINDS = [
  "ministry",
  "agency",
  "provincial_government",
  "regency_government",
  "city_government",
  "regional_device",
  "bumn",
  "bumd",
  "other",
] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

export const COMPETITION_LEVELS = ["international", "national", "provincial", "regency", "city"] as const;
export type CompetitionLevel = (typeof COMPETITION_LEVELS)[number];

/** Order of a level along an award trajectory: regency/city first, international last. */
export const LEVEL_TRAJECTORY_ORDER: Record<CompetitionLevel, number> = {
  city: 1,
  regency: 1,
  provincial: 2,
  national: 3,
  international: 4,
};

export const SECTORS = [
  "health",
  "education",
  "agriculture",
  "economy",
  "environment",
  "governance",
  "social_protection",
  "population_administration",
  "public_order",
  "law_enforcement",
  "licensing",
  "complaints",
  "transport",
  "other",
] as const;
export type Sector = (typeof SECTORS)[number];

export const INNOVATION_STATUSES = ["continuing", "continuing_with_development", "stopped"] as const;
export type InnovationStatus = (typeof INNOVATION_STATUSES)[number];

/**
 * Normalised award tiers, best first. `rank` orders them: a lower rank is a better result.
 * - outstanding: Outstanding Achievement and its successors (OPSI), the ministry's highest distinction.
 * - winner: first place (Juara 1, Terbaik I, Winner).
 * - top: the edition's top tier (Top 9/25/35/40/45, Top 7, Top 20…) and other podium places (Juara 2, 3).
 * - honourable_mention: Juara Harapan, Honorable Mention, special or participation categories.
 * - shortlist: a selection on the way to the top tier (Top 99 and similar).
 * - finalist: reached the finals or a late stage without a final result.
 * - unclassified: a label the classifier could not place; kept as it is, never dropped.
 */
export const AWARD_TIERS = [
  "outstanding",
  "winner",
  "top",
  "honourable_mention",
  "shortlist",
  "finalist",
  "unclassified",
] as const;
export type AwardTier = (typeof AWARD_TIERS)[number];

export const AWARD_TIER_RANK: Record<AwardTier, number> = {
  outstanding: 1,
  winner: 2,
  top: 3,
  honourable_mention: 4,
  shortlist: 5,
  finalist: 6,
  unclassified: 9,
};

export const REPLICATION_STATUSES = ["interest", "agreement", "implemented", "discontinued"] as const;
export type ReplicationStatus = (typeof REPLICATION_STATUSES)[number];

export const KNOWLEDGE_EVENT_KINDS = ["coaching_clinic", "workshop", "socialisation", "other"] as const;
export type KnowledgeEventKind = (typeof KNOWLEDGE_EVENT_KINDS)[number];
