import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataSource } from "typeorm";
import { readQuestions } from "../../docs/questions/questions";
import { openTestDataSource } from "../helpers/db";
import { TestClient } from "../helpers/graphql";

// Every question of DOMAIN.md is answered by one query (docs/questions, shown in the README). These
// tests run those exact files against the seed catalogue and check the facts a reader would check.

describe("the questions people ask, answered from the seed catalogue", () => {
  let ds: DataSource;
  let client: TestClient;
  const answers = new Map<string, any>();

  beforeAll(async () => {
    ds = await openTestDataSource();
    client = await TestClient.create(ds);
    for (const q of readQuestions()) {
      const result = await client.run(q.query);
      expect(result.errors, q.file).toBeUndefined();
      answers.set(q.file.slice(0, 2), result.data);
    }
  });

  afterAll(async () => {
    await client.stop();
    await ds.destroy();
  });

  it("has one query file per question", () => {
    expect([...answers.keys()]).toEqual(["01", "02", "03", "04", "05", "06", "07", "08", "09", "10"]);
  });

  it("finds Lapor Hendi among city complaint channels that won nationally", () => {
    const { innovations } = answers.get("01");
    const lapor = innovations.nodes.find((n: any) => n.name === "Lapor Hendi");
    expect(lapor.region).toEqual({ code: "33.74", name: "Kota Semarang" });
    expect(lapor.awards.map((a: any) => a.label)).toContain("Outstanding Achievement");
    for (const node of innovations.nodes) expect(node.awards.some((a: any) => ["OUTSTANDING", "WINNER", "TOP"].includes(a.tier))).toBe(true);
  });

  it("lists running health innovations in Jawa Tengah with dated statuses", () => {
    const { innovations } = answers.get("02");
    expect(innovations.totalCount).toBeGreaterThan(5);
    for (const node of innovations.nodes) {
      expect(node.status.status).toBe("CONTINUING");
      expect(node.status.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Array.isArray(node.replications)).toBe(true);
    }
  });

  it("says who runs Lapor Hendi and offers similar complaint channels", () => {
    const { innovation } = answers.get("03");
    expect(innovation.institution).toEqual({ name: "Pemerintah Kota Semarang", kind: "CITY_GOVERNMENT" });
    expect(innovation.sources.length).toBeGreaterThan(0);
    expect(innovation.similar).toHaveLength(3);
    expect(innovation.similar.map((s: any) => s.name)).not.toContain("Lapor Hendi");
  });

  it("names the 2020 Outstanding Achievement winners", () => {
    const { winners } = answers.get("04");
    expect(winners.nodes.map((n: any) => n.innovation.name)).toContain("Lapor Hendi");
    for (const n of winners.nodes) expect(n.label).toMatch(/Outstanding/);
  });

  it("lists the KIPP 2019 Top 45 from Jawa Tengah", () => {
    const { winners } = answers.get("05");
    const names = winners.nodes.map((n: any) => n.innovation.name);
    expect(names).toContain("Rumah Kedelai Grobogan (RKG)");
    expect(winners.totalCount).toBe(names.length);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.toLowerCase().localeCompare(b.toLowerCase())));
  });

  it("finds E-Va Centil going from the provincial Top 10 to a national award", () => {
    const { innovations } = answers.get("06");
    const eva = innovations.nodes.find((n: any) => n.name === "E-Va Centil");
    expect(eva.awards.map((a: any) => a.level)).toEqual(["PROVINCIAL", "NATIONAL"]);
  });

  it("ranks provinces by national winners within each year", () => {
    const { stats } = answers.get("07");
    const years: number[] = stats.groups.map((g: any) => g.year);
    expect(years).toEqual([...years].sort((a, b) => a - b));
    for (let i = 1; i < stats.groups.length; i++) {
      const [prev, cur] = [stats.groups[i - 1], stats.groups[i]];
      if (prev.year === cur.year) expect(prev.awardCount).toBeGreaterThanOrEqual(cur.awardCount);
    }
    expect(stats.groups.reduce((n: number, g: any) => n + g.awardCount, 0)).toBe(stats.awardCount);
  });

  it("lists every award of Kota Semarang's institutions, oldest first", () => {
    const { awards } = answers.get("08");
    expect(awards.totalCount).toBe(awards.nodes.length);
    expect(awards.nodes.map((n: any) => n.label)).toContain("Outstanding Achievement");
    const years = awards.nodes.map((n: any) => n.year);
    expect(years).toEqual([...years].sort((a: number, b: number) => a - b));
  });

  it("counts innovations and awards by sector and level", () => {
    const { stats } = answers.get("09");
    expect(stats.innovationCount).toBeGreaterThan(200);
    expect(stats.groups.reduce((n: number, g: any) => n + g.awardCount, 0)).toBe(stats.awardCount);
  });

  it("pages through every result of KIPP 2019 with cursors, each exactly once", async () => {
    const query = readQuestions().find((q) => q.file.startsWith("10"))!.query;
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let pages = 0; pages < 20; pages++) {
      const data: any = await client.data(query, { after });
      const results = data.competition.edition.results;
      total = results.totalCount;
      seen.push(...results.nodes.map((n: any) => `${n.label}/${n.innovation.name}`));
      if (!results.pageInfo.hasNextPage) break;
      after = results.pageInfo.endCursor;
    }
    expect(total).toBeGreaterThan(25);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });
});
