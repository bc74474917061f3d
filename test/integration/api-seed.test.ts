import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataSource } from "typeorm";
import { openTestDataSource } from "../helpers/db";
import { TestClient } from "../helpers/graphql";

/* The API over the seed catalogue: series, editions, events, institutions and regions as users browse them. */
describe("browsing the seed catalogue", () => {
  let ds: DataSource;
  let client: TestClient;

  beforeAll(async () => {
    ds = await openTestDataSource();
    client = await TestClient.create(ds);
  });

  afterAll(async () => {
    await client.stop();
    await ds.destroy();
  });

  it("holds SINOVIK and KIPP as one national series, each edition under the name it was held", async () => {
    const { competition } = await client.data<any>(`{ competition(slug: "kipp") {
      level aliases editions { year name entryCount tiers { label tier } sources { url } } } }`);
    expect(competition.level).toBe("NATIONAL");
    const years = competition.editions.map((e: any) => e.year);
    expect(years).toEqual([...years].sort());
    expect(years).toEqual(expect.arrayContaining([2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2025]));
    expect(years).not.toContain(2024);
    const byYear = new Map(competition.editions.map((e: any) => [e.year, e]));
    expect((byYear.get(2014) as any).name).toMatch(/^SINOVIK/);
    expect((byYear.get(2019) as any).name).toBe("KIPP");
    expect((byYear.get(2014) as any).tiers.map((t: any) => t.label)).toContain("Top 9");
    for (const e of competition.editions) expect(e.sources.length, `edition ${e.year}`).toBeGreaterThan(0);
  });

  it("answers an edition's year that the series did not hold with null", async () => {
    const { competition } = await client.data<any>(`{ competition(slug: "kipp") { edition(year: 2024) { name } } }`);
    expect(competition.edition).toBeNull();
  });

  it("lists the coaching clinics and workshops with date, organiser, facilitators, region, competition and source", async () => {
    const { knowledgeEvents } = await client.data<any>(`{ knowledgeEvents(first: 20) { totalCount nodes {
      title kind startsOn year organizer facilitators { name affiliation } region { code } competition { slug } edition { year } sources { url } } } }`);
    expect(knowledgeEvents.totalCount).toBe(5);
    for (const e of knowledgeEvents.nodes) {
      expect(e.organizer.length).toBeGreaterThan(0);
      expect(e.region).not.toBeNull();
      expect(e.competition).not.toBeNull();
      expect(e.sources.length).toBeGreaterThan(0);
    }
    const jateng = knowledgeEvents.nodes.find((e: any) => e.startsOn === "2021-12-14");
    expect(jateng.kind).toBe("COACHING_CLINIC");
    expect(jateng.competition.slug).toBe("kipp-jawa-tengah");
    expect(jateng.facilitators.map((f: any) => f.affiliation)).toEqual(expect.arrayContaining(["Pattiro Semarang", "Undip"]));
    const years = knowledgeEvents.nodes.map((e: any) => e.year);
    expect(years).toEqual([...years].sort((a: number, b: number) => b - a));
  });

  it("narrows events to a province and its regencies", async () => {
    const { knowledgeEvents } = await client.data<any>(`{ knowledgeEvents(first: 20, filter: { regionCodes: ["33"] }) { nodes { region { code } } } }`);
    const codes = knowledgeEvents.nodes.map((e: any) => e.region.code).sort();
    expect(codes).toEqual(["33", "33.26", "33.74"]);
  });

  it("counts a region's innovations the same way its innovations list does", async () => {
    const { region } = await client.data<any>(`{ region(code: "33") { name kind children { code } innovationCount awardCount
      innovations(first: 1) { totalCount } } }`);
    expect(region.name).toBe("Jawa Tengah");
    expect(region.children).toHaveLength(35);
    expect(region.innovationCount).toBe(region.innovations.totalCount);
    expect(region.innovationCount).toBeGreaterThan(40);
    const { stats } = await client.data<any>(`{ stats(groupBy: [PROVINCE], filter: { regionCodes: ["33"] }) { awardCount } }`);
    expect(region.awardCount).toBe(stats.awardCount);
  });

  it("shows an institution with its region, units and counts", async () => {
    const { institution } = await client.data<any>(`{ institution(slug: "pemerintah-kota-semarang") {
      name kind region { code } innovationCount awardCount innovations(first: 10) { totalCount nodes { name } } } }`);
    expect(institution.kind).toBe("CITY_GOVERNMENT");
    expect(institution.region.code).toBe("33.74");
    expect(institution.innovations.nodes.map((n: any) => n.name)).toContain("Lapor Hendi");
    expect(institution.innovationCount).toBe(institution.innovations.totalCount);
  });

  it("keeps the merged Rumah Kedelai Grobogan as one innovation with every award and its sources", async () => {
    const { innovations } = await client.data<any>(`{ innovations(first: 5, filter: { regionCodes: ["33.15"], sectors: [AGRICULTURE] }) {
      nodes { name aliases acronym acronymExpansion awards { label year sources { url } } sources { url } } } }`);
    const rkg = innovations.nodes.filter((n: any) => /Rumah Kedelai/.test(n.name));
    expect(rkg).toHaveLength(1);
    expect(rkg[0].acronym).toBe("RKG");
    expect(rkg[0].awards.map((a: any) => `${a.label}@${a.year}`)).toEqual(
      expect.arrayContaining(["Top 99@2019", "Top 45@2019", "Finalis Top Inovasi (presentasi dan wawancara)@2021"]),
    );
    for (const a of rkg[0].awards) expect(a.sources.length).toBeGreaterThan(0);
    expect(rkg[0].sources.length).toBeGreaterThanOrEqual(2);
  });

  it("round-trips every kind of global ID through node()", async () => {
    const data = await client.data<any>(`{
      innovation(slug: "lapor-hendi") { id institution { id } region { id } awards { id edition { id competition { id } } } }
      knowledgeEvents(first: 1) { nodes { id } } }`);
    const ids = [
      data.innovation.id,
      data.innovation.institution.id,
      data.innovation.region.id,
      data.innovation.awards[0].id,
      data.innovation.awards[0].edition.id,
      data.innovation.awards[0].edition.competition.id,
      data.knowledgeEvents.nodes[0].id,
    ];
    const { nodes } = await client.data<any>(`query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, { ids });
    expect(nodes.map((n: any) => n.id)).toEqual(ids);
    expect(nodes.map((n: any) => n.__typename)).toEqual([
      "Innovation",
      "Institution",
      "Region",
      "AwardResult",
      "CompetitionEdition",
      "Competition",
      "KnowledgeEvent",
    ]);
  });
});
