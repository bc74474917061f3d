/**
 * Classifies the result labels that sources print ("Top 45", "Juara 1", "Finalis Top Inovasi",
 * "Outstanding Achievement") into the normalised tiers of AWARD_TIERS. Pure, no I/O.
 *
 * A label is never dropped: what the rules cannot place is returned as `unclassified`, and the raw
 * label is stored beside the tier anyway.
 */
import { AWARD_TIER_RANK, type AwardTier } from "./enums";
import { foldKey } from "./normalise";

/** One tier of an edition, as held in `competition_edition.tiers` (structurally EditionTier). */
export interface EditionTierHint {
  label: string;
  size: number | null;
  order: number;
  tier: AwardTier;
}

/** The normalised reading of one result label. */
export interface AwardClassification {
  tier: AwardTier;
  /** AWARD_TIER_RANK of the tier: 1 is best. */
  tierRank: number;
  /** Place within the tier where the label gives one ("Juara 2" → 2). */
  place: number | null;
  /** Size of the tier where the label or the edition gives one ("Top 45" → 45). */
  tierSize: number | null;
}

const ORDINALS: Readonly<Record<string, number>> = {
  "1": 1, i: 1, pertama: 1, kesatu: 1, satu: 1, first: 1, one: 1,
  "2": 2, ii: 2, kedua: 2, dua: 2, second: 2, two: 2,
  "3": 3, iii: 3, ketiga: 3, tiga: 3, third: 3, three: 3,
  "4": 4, iv: 4, keempat: 4, empat: 4, fourth: 4,
  "5": 5, v: 5, kelima: 5, lima: 5, fifth: 5,
  "6": 6, vi: 6, keenam: 6, enam: 6, sixth: 6,
};
const ORDINAL_WORDS = Object.keys(ORDINALS).join("|");

/** "Juara 2", "Terbaik II", "Peringkat kedua", "Terinovatif Lima", "top 30 terbaik pertama". */
const PLACE_AFTER = new RegExp(`\\b(?:juara|terbaik|peringkat|ranking|rank|terinovatif)\\s+(${ORDINAL_WORDS})\\b`);
/** "Second place", "1st place". */
const PLACE_BEFORE = new RegExp(`\\b(${ORDINAL_WORDS}|1st|2nd|3rd)\\s+place\\b`);
const HARAPAN = new RegExp(`\\bharapan\\s+(${ORDINAL_WORDS})\\b`);
const TOP_N = /\btop\s+(\d+)\b/;
const N_BESAR = /\b(\d+)\s+besar\b/;
const N_FINALIS = /\b(\d+)\s+finalis\b/;

const FINALIST = /^(?:finalis|finalist|finalists|nominator|nominee|nominasi|peserta tahap|semifinalis|semi finalist)\b/;
const OUTSTANDING = /\boutstanding\b|\bopsi\b/;
const HONOURABLE = /\bhonou?rable\b|\bharapan\b|\bapresiasi\b|\bpartisipatif\b|\bkategori\b|\bcategory\b|\bbest\b|\bmost\b|\bterbaik\b|\bpiagam\b|\bspecial\b|\bkhusus\b|\bterpuji\b/;
const RECIPIENT = /\b(?:penerima|peraih)\s+penghargaan\b|\bawardee\b|\brecipient\b/;

function ordinal(word: string): number | null {
  const key = word === "1st" ? "1" : word === "2nd" ? "2" : word === "3rd" ? "3" : word;
  return ORDINALS[key] ?? null;
}

function sizeFrom(label: string): number | null {
  const m = TOP_N.exec(label) ?? N_BESAR.exec(label) ?? N_FINALIS.exec(label);
  return m ? Number(m[1]) : null;
}

function result(tier: AwardTier, place: number | null, tierSize: number | null): AwardClassification {
  return { tier, tierRank: AWARD_TIER_RANK[tier], place, tierSize };
}

/**
 * The edition tier a label names: first by its whole label, then by "Top N" among the edition's
 * "Top …" tiers of that size (so "Top 5 Replikasi" does not match 5 Outstanding Achievements).
 */
function matchEditionTier(label: string, tiers: readonly EditionTierHint[]): EditionTierHint | null {
  const exact = tiers.find((t) => foldKey(t.label) === label);
  if (exact) return exact;
  const top = TOP_N.exec(label) ?? N_BESAR.exec(label);
  if (!top) return null;
  const size = Number(top[1]);
  const candidates = tiers.filter((t) => t.size === size && TOP_N.test(foldKey(t.label)));
  if (candidates.length === 0) return null;
  return candidates.find((t) => label.includes(foldKey(t.label))) ?? candidates[0];
}

/**
 * Classifies a raw result label.
 *
 * Rules, in order (the first that applies wins):
 * 1. finalist: "Finalis…", "Finalist", "Nominator…", "Peserta tahap presentasi…";
 * 2. the edition's own tier when the label names one exactly (e.g. "Kategori Partisipatif");
 * 3. outstanding: "Outstanding Achievement", "OPSI", "Top 9 Outstanding…" (but "6 besar kategori
 *    Outstanding Achievement" is a top-6 placing, not the award);
 * 4. places: "Juara Harapan N" → honourable_mention; "Juara 1"/"Terbaik I"/"…terbaik pertama" →
 *    winner; other places ("Juara 2", "Second place") → top;
 * 5. "Winner", or "Juara" without a place → winner;
 * 6. "Top N" / "N besar": the edition tier of that size when the edition lists one (Top 45 is the
 *    top tier of KIPP 2019 but a shortlist in Kovablik 2021; Top 99 is a KIPP shortlist), otherwise
 *    shortlist for N ≥ 99 and top below that;
 * 7. special categories and commendations ("Honorable Mention", "Terbaik kategori…", "Best…",
 *    "Most…", "Piagam…") → honourable_mention;
 * 8. "Penerima/Peraih penghargaan" (award recipient, no place) → top;
 * 9. anything else → unclassified.
 *
 * @param rawLabel the result exactly as the source printed it
 * @param editionTiers the edition's tiers, when known (see competition_edition.tiers)
 */
export function classifyAwardLabel(rawLabel: string, editionTiers: readonly EditionTierHint[] = []): AwardClassification {
  const label = foldKey(rawLabel);
  if (label.length === 0) return result("unclassified", null, null);
  const size = sizeFrom(label);

  if (FINALIST.test(label)) return result("finalist", null, size);

  const named = editionTiers.find((t) => foldKey(t.label) === label);
  if (named) return result(named.tier, null, named.size ?? size);

  if (OUTSTANDING.test(label) && !N_BESAR.test(label)) return result("outstanding", null, size);

  const harapan = HARAPAN.exec(label);
  if (harapan) return result("honourable_mention", ordinal(harapan[1]), size);

  const placed = PLACE_AFTER.exec(label) ?? PLACE_BEFORE.exec(label);
  if (placed) {
    const place = ordinal(placed[1]);
    if (place !== null) return result(place === 1 ? "winner" : "top", place, size);
  }

  if (/^winner\b/.test(label) || (/\bjuara\b/.test(label) && !HONOURABLE.test(label))) {
    return result("winner", null, size);
  }

  if (TOP_N.test(label) || N_BESAR.test(label)) {
    const tier = matchEditionTier(label, editionTiers);
    if (tier) return result(tier.tier, null, tier.size ?? size);
    return result(size !== null && size >= 99 ? "shortlist" : "top", null, size);
  }

  if (HONOURABLE.test(label)) return result("honourable_mention", null, size);
  if (RECIPIENT.test(label)) return result("top", null, size);
  return result("unclassified", null, size);
}
