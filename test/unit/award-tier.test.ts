import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { classifyAwardLabel, type EditionTierHint } from "../../src/domain/award-tier";
import { AWARD_TIER_RANK } from "../../src/domain/enums";
import { parseCatalogueCsv } from "../../src/seed/catalogue-csv";

const seeds = path.resolve(__dirname, "../../seeds");
const editionsJson = JSON.parse(fs.readFileSync(path.join(seeds, "editions.json"), "utf8")) as {
  editions: { competition: string; year: number; tiers?: EditionTierHint[] }[];
};
function tiersOf(competition: string, year: number): EditionTierHint[] {
  const edition = editionsJson.editions.find((e) => e.competition === competition && e.year === year);
  if (!edition?.tiers) throw new Error(`no tiers for ${competition} ${year} in seeds/editions.json`);
  return edition.tiers;
}

/** The only awards.csv result the rules leave unclassified: a named CNN Indonesia award with no rank. */
const KNOWN_UNCLASSIFIED = ["Smart City Leadership in Integrated Public Service Innovation"];

describe("classifyAwardLabel", () => {
  it.each([
    ["Juara 1", "winner", 1, null],
    ["Juara I", "winner", 1, null],
    ["Terbaik I", "winner", 1, null],
    ["Kabupaten Terbaik Pertama", "winner", 1, null],
    ["Top 30 - terbaik pertama", "winner", 1, 30],
    ["Winner (Asia-Pacific)", "winner", null, null],
    ["Juara 2", "top", 2, null],
    ["Juara II", "top", 2, null],
    ["Peringkat kedua (disusul)", "top", 2, null],
    ["Second place (Asia-Pacific)", "top", 2, null],
    ["Top 30 - terbaik ketiga", "top", 3, 30],
    ["Terinovatif Lima", "top", 5, null],
    ["Juara Harapan 2", "honourable_mention", 2, null],
    ["Honorable Mention", "honourable_mention", null, null],
    ["Terbaik kategori replikasi", "honourable_mention", null, null],
    ["Outstanding Achievement", "outstanding", null, null],
    ["Outstanding Public Service Innovations (OPSI)", "outstanding", null, null],
    ["Top 9 Outstanding Public Service Innovations", "outstanding", null, 9],
    ["6 besar kategori Outstanding Achievement", "top", null, 6],
    ["Finalis Top Inovasi (presentasi dan wawancara)", "finalist", null, null],
    ["Finalist", "finalist", null, null],
    ["Finalis (15 Finalis Kelompok Khusus)", "finalist", null, 15],
    ["Finalis Top 99", "finalist", null, 99],
    ["Nominator Top 20 (penilaian lapangan)", "finalist", null, 20],
    ["Peserta tahap presentasi dan wawancara", "finalist", null, null],
    ["Peraih penghargaan", "top", null, null],
    ["Top 99", "shortlist", null, 99],
    ["Top 45", "top", null, 45],
  ] as const)("reads %j as %s", (label, tier, place, tierSize) => {
    const result = classifyAwardLabel(label);
    expect(result).toEqual({ tier, tierRank: AWARD_TIER_RANK[tier], place, tierSize });
  });

  it("ranks first places, top tiers and Outstanding Achievement above the Top 99", () => {
    const top99 = classifyAwardLabel("Top 99", tiersOf("kipp", 2019)).tierRank;
    expect(classifyAwardLabel("Juara 1").tierRank).toBeLessThan(top99);
    expect(classifyAwardLabel("Top 9", tiersOf("kipp", 2014)).tierRank).toBeLessThan(top99);
    expect(classifyAwardLabel("Outstanding Achievement", tiersOf("kipp", 2020)).tierRank).toBeLessThan(top99);
    expect(classifyAwardLabel("Finalis Top Inovasi").tierRank).toBeGreaterThan(top99);
  });

  it("uses the edition's tiers to tell a top tier from a shortlist", () => {
    expect(classifyAwardLabel("Top 45", tiersOf("kipp", 2019))).toMatchObject({ tier: "top", tierSize: 45 });
    expect(classifyAwardLabel("Top 45", tiersOf("kovablik-jawa-timur", 2021))).toMatchObject({ tier: "shortlist", tierSize: 45 });
    expect(classifyAwardLabel("Top 30", tiersOf("kovablik-jawa-timur", 2021))).toMatchObject({ tier: "top", tierSize: 30 });
    expect(classifyAwardLabel("Top 99", tiersOf("kipp", 2017))).toMatchObject({ tier: "shortlist", tierSize: 99 });
    expect(classifyAwardLabel("Top 32", tiersOf("kijb", 2020))).toMatchObject({ tier: "shortlist" });
    expect(classifyAwardLabel("Kategori Partisipatif", tiersOf("kipp-luwu-utara", 2019))).toMatchObject({ tier: "honourable_mention" });
    expect(classifyAwardLabel("Outstanding Public Service Innovations (OPSI)", tiersOf("kipp", 2025))).toMatchObject({
      tier: "outstanding",
      tierSize: 28,
    });
  });

  it('does not match "Top 5 Replikasi" to the five Outstanding Achievements of the same size', () => {
    expect(classifyAwardLabel("Top 5 Replikasi", tiersOf("kipp", 2021))).toMatchObject({ tier: "top", tierSize: 5 });
  });

  it("keeps what it cannot place as unclassified", () => {
    expect(classifyAwardLabel("")).toMatchObject({ tier: "unclassified", tierRank: AWARD_TIER_RANK.unclassified });
    expect(classifyAwardLabel("Piala Bergilir")).toMatchObject({ tier: "unclassified" });
  });

  it("places every result of awards.csv, leaving only the known named award unclassified", () => {
    const text = fs.readFileSync(path.join(seeds, "data/awards.csv"), "utf8");
    const { rows, problems } = parseCatalogueCsv("awards", text, "awards.csv");
    expect(problems).toEqual([]);
    expect(rows).toHaveLength(256);
    const unclassified = [...new Set(rows.map((r) => r.result).filter((label) => classifyAwardLabel(label).tier === "unclassified"))];
    expect(unclassified).toEqual(KNOWN_UNCLASSIFIED);
  });
});
