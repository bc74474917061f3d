/**
 * The eight narrative sections of an innovation (DOMAIN.md: what it solved, how, what it needs), by
 * entity property, in the order the API shows them. Reads leave them out unless asked for, and
 * publishers may set each one separately.
 */
export const NARRATIVE_SECTIONS = [
  "problem",
  "objectives",
  "novelty",
  "implementation",
  "results",
  "replicationRequirements",
  "resourcesAndCost",
  "sustainability",
] as const;

export type NarrativeSection = (typeof NARRATIVE_SECTIONS)[number];
