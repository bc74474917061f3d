/**
 * The search contract: one suite of behaviour every engine must show, run against each engine by a
 * runner (postgres.contract.test.ts, meilisearch.contract.test.ts). It uses the seed catalogue for
 * realistic cases ("lapor hendy") and factory data, tagged with a run-unique word, for exact ones
 * (filters, facets, orders), so that its expectations never depend on other tests' data.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataSource } from "typeorm";
import type { AwardTier, CompetitionLevel, InnovationStatus, Sector } from "../../src/domain/enums";
import type { SearchBackend, SearchFilter, SearchRequest, SearchResult } from "../../src/search/search-backend";
import { SEARCH_FACET_NAMES, type SearchSortField } from "../../src/search/search-fields";
import { sanitiseQuery } from "../../src/search/text/normalise";
import { openTestDataSource } from "../helpers/db";
import { Factory } from "../helpers/factories";

/** An engine under test. */
export interface ContractEngine {
  readonly backend: SearchBackend;
  /** Brings the engine's index up to date for these innovations (created, changed or deleted), and waits until searches see it. */
  index(innovationIds: readonly number[]): Promise<void>;
  /** Releases what the engine holds (clients, temporary indexes). */
  close?(): Promise<void>;
}

interface Fixture {
  name: string;
  regionCode?: string | null;
  sector?: Sector;
  summary?: string;
  narrative?: string;
  acronym?: string;
  acronymExpansion?: string;
  sdgs?: number[];
  status?: InnovationStatus | null;
  awards?: { tier: AwardTier; year: number; level: CompetitionLevel; label?: string }[];
}

/**
 * Defines the contract suite for one engine.
 *
 * @param open builds the engine on the run's database (called once, in beforeAll)
 */
export function describeSearchContract(engineName: string, open: (ds: DataSource) => Promise<ContractEngine>): void {
  describe(`the search contract on ${engineName}`, () => {
    let ds: DataSource;
    let engine: ContractEngine;
    let f: Factory;
    let tag: string;
    const ids = new Map<string, number>();
    const slugOf = new Map<number, string>();
    const sectorOf = new Map<number, string>();
    const competitions = new Map<CompetitionLevel, number>();
    const editions = new Map<string, number>();

    async function edition(level: CompetitionLevel, year: number): Promise<number> {
      let competition = competitions.get(level);
      if (competition === undefined) {
        competition = await f.competition({ level });
        competitions.set(level, competition);
      }
      const key = `${level}:${year}`;
      let id = editions.get(key);
      if (id === undefined) {
        id = await f.edition(competition, year);
        editions.set(key, id);
      }
      return id;
    }

    async function create(key: string, fixture: Fixture): Promise<number> {
      const institution = await f.institution({ regionCode: fixture.regionCode ?? null });
      const id = await f.innovation(institution, {
        name: fixture.name,
        sector: fixture.sector,
        regionCode: fixture.regionCode ?? null,
        sdgs: fixture.sdgs,
        status: fixture.status,
      });
      await ds.query(`UPDATE innovation SET summary = $2, problem = $3, acronym = $4, acronym_expansion = $5 WHERE id = $1`, [
        id,
        fixture.summary ?? null,
        fixture.narrative ?? null,
        fixture.acronym ?? null,
        fixture.acronymExpansion ?? null,
      ]);
      for (const award of fixture.awards ?? []) await f.award(id, await edition(award.level, award.year), award.tier, award.label ?? award.tier);
      ids.set(key, id);
      slugOf.set(id, key);
      return id;
    }

    function request(query: string, options: Partial<Omit<SearchRequest, "query">> = {}): SearchRequest {
      return {
        query,
        filter: options.filter ?? {},
        sort: options.sort ?? { field: "relevance", direction: "desc" },
        limit: options.limit ?? 20,
        offset: options.offset ?? 0,
        facets: options.facets ?? [],
      };
    }

    const search = (query: string, options: Partial<Omit<SearchRequest, "query">> = {}) => engine.backend.search(request(query, options));

    /** Slugs of seed innovations, fixture keys of factory ones, in hit order. */
    const keys = (result: SearchResult) => result.hits.map((h) => slugOf.get(h.innovationId) ?? `#${h.innovationId}`);
    const top = async (query: string, n = 5) => keys(await search(query, { limit: n }));

    beforeAll(async () => {
      ds = await openTestDataSource();
      engine = await open(ds);
      f = new Factory(ds);
      tag = f.tag;
      const seed: { id: number; slug: string; sector: string }[] = await ds.query(`SELECT id, slug, sector FROM innovation`);
      for (const row of seed) {
        slugOf.set(row.id, row.slug);
        sectorOf.set(row.id, row.sector);
      }

      // Each case has a word of its own (the tag plus a suffix: one token, found in no other document),
      // so that what a query finds does not depend on other data, and no engine relaxes it away.
      await create("kota-semarang", { name: `${tag}sem Layanan Kelor`, regionCode: "33.74" });
      await create("kabupaten-semarang", { name: `${tag}sem Posyandu Mawar`, regionCode: "33.22" });
      await create("name-match", { name: `${tag}zorb Keliling` });
      await create("narrative-match", { name: `${tag}lain Inovasi`, narrative: `Warga memakai ${tag}zorb untuk melapor kerusakan jalan.` });
      await create("twin-outstanding", { name: `${tag}kembar`, awards: [{ tier: "outstanding", year: 2020, level: "national" }] });
      await create("twin-finalist", { name: `${tag}kembar`, awards: [{ tier: "finalist", year: 2020, level: "national" }] });
      await create("twin-none", { name: `${tag}kembar` });
      // Acronyms and word forms: the case's word plus what the engine must match; a decoy with the same
      // word and nothing else shows whether the rest matched.
      await create("acronym-decoy", { name: `${tag}acr Lainnya` });
      await create("ptsp", { name: `${tag}acr PTSP Keliling` });
      await create("dukcapil", { name: `${tag}acr Layanan Dinas Kependudukan dan Pencatatan Sipil Jemput Bola` });
      await create("acronym-only", { name: `${tag}acr SIGAP`, acronym: "SIGAP", acronymExpansion: "Sistem Informasi Gawat Darurat Terpadu" });
      await create("membangun", { name: `${tag}bgn Membangun Desa Cerdas` });
      await create("word-form-decoy", { name: `${tag}bgn Lainnya` });
      await create("medan-health", {
        name: `${tag}medan Satu`,
        regionCode: "12.71",
        sector: "health",
        sdgs: [3],
        status: "continuing",
        awards: [{ tier: "outstanding", year: 2020, level: "national" }],
      });
      await create("medan-education", {
        name: `${tag}medan Dua`,
        regionCode: "12.01",
        sector: "education",
        sdgs: [4],
        status: "stopped",
        awards: [
          { tier: "top", year: 2015, level: "provincial" },
          { tier: "finalist", year: 2023, level: "provincial" },
        ],
      });
      await create("medan-health-2", {
        name: `${tag}medan Tiga`,
        regionCode: "12.71",
        sector: "health",
        sdgs: [3, 5],
        status: "continuing_with_development",
      });
      await create("medan-province", {
        name: `${tag}medan Empat`,
        regionCode: "12",
        sector: "complaints",
        status: null,
        awards: [{ tier: "winner", year: 2019, level: "regency" }],
      });
      await engine.index([...ids.values()]);
    });

    afterAll(async () => {
      const created = [...ids.values()];
      await f?.cleanup();
      await engine?.index(created);
      await engine?.close?.();
      await ds?.destroy();
    });

    describe("typos", () => {
      it('finds Lapor Hendi for "lapor hendy"', async () => {
        expect((await top("lapor hendy", 3))[0]).toBe("lapor-hendi");
      });

      it("corrects a swapped pair of letters in a long word", async () => {
        expect(await top("pengadaun", 10)).toContain("mr-sahdu");
      });
    });

    describe("prefixes, as you type", () => {
      it('finds Lapor Hendi for "lapor he"', async () => {
        expect((await top("lapor he", 3))[0]).toBe("lapor-hendi");
      });

      it('finds SELFI for "sekolah fil"', async () => {
        expect((await top("sekolah fil", 3))[0]).toBe("selfi");
      });
    });

    describe("acronyms, both ways", () => {
      it('finds SELFI for "SELFI" and for "sekolah filial"', async () => {
        expect((await top("SELFI", 3))[0]).toBe("selfi");
        expect((await top("sekolah filial", 3))[0]).toBe("selfi");
      });

      it("finds an innovation by the expansion of its own acronym", async () => {
        expect((await top(`${tag}acr sistem informasi gawat darurat`))[0]).toBe("acronym-only");
      });

      it("finds a name with an acronym by its expansion, and an expansion by its acronym (the lexicon)", async () => {
        expect((await top(`${tag}acr pelayanan terpadu satu pintu`))[0]).toBe("ptsp");
        expect((await top(`${tag}acr dukcapil`))[0]).toBe("dukcapil");
      });
    });

    describe("synonyms and word forms", () => {
      it("treats aduan, pengaduan and keluhan as one", async () => {
        for (const query of ["aduan", "pengaduan", "keluhan"]) {
          const found = await top(query, 10);
          expect(found, query).toEqual(expect.arrayContaining(["mr-sahdu", "unit-pelayanan-informasi-dan-keluhan", "lapor-hendi"]));
        }
      });

      it("matches membangun with bangun and pembangunan", async () => {
        expect((await top(`${tag}bgn bangun`))[0]).toBe("membangun");
        expect((await top(`${tag}bgn pembangunan`))[0]).toBe("membangun");
        expect(await top("membangun", 10)).toContain("pembangunan-jalan-tanpa-bayar");
      });
    });

    describe("English words for the main sectors", () => {
      it('finds complaint channels for "complaint"', async () => {
        expect(await top("complaint", 10)).toEqual(expect.arrayContaining(["lapor-hendi", "wadule-pacitan"]));
      });

      it('finds health innovations for "health"', async () => {
        const result = await search("health", { limit: 10 });
        expect(result.totalCount).toBeGreaterThan(30);
        // Mostly the health sector; a school health board (education) may rank among them.
        const sectors = result.hits.map((h) => sectorOf.get(h.innovationId));
        expect(sectors.filter((s) => s === "health").length, sectors.join(", ")).toBeGreaterThanOrEqual(8);
      });

      it('finds licensing services for "licensing" and "permit"', async () => {
        expect(await top("licensing", 5)).toContain("siput-sitar");
        expect(await top("permit", 5)).toContain("siput-sitar");
      });
    });

    describe("region names", () => {
      it('finds innovations in Kota Semarang and Kabupaten Semarang for "semarang"', async () => {
        const found = await top("semarang", 50);
        expect(found).toEqual(expect.arrayContaining(["kabupaten-semarang", "kota-semarang", "lapor-hendi", "sanpiisan"]));
        expect((await top(`${tag}sem semarang`, 2)).sort()).toEqual(["kabupaten-semarang", "kota-semarang"]);
      });
    });

    describe("ranking", () => {
      it("ranks a match in the name above a match in the narrative", async () => {
        expect(await top(`${tag}zorb`)).toEqual(["name-match", "narrative-match"]);
      });

      it("ranks better awards above otherwise equal matches", async () => {
        const result = await search(`${tag}kembar`);
        expect(keys(result)).toEqual(["twin-outstanding", "twin-finalist", "twin-none"]);
        const [a, b, c] = result.hits.map((h) => h.score);
        expect(a).toBeGreaterThan(b);
        expect(b).toBeGreaterThan(c);
      });
    });

    describe("filters", () => {
      const medan = (filter: SearchFilter) => search(`${tag}medan`, { filter }).then((r) => keys(r).sort());

      it.each<[string, SearchFilter, string[]]>([
        ["no filter", {}, ["medan-education", "medan-health", "medan-health-2", "medan-province"]],
        ["a sector", { sectors: ["health"] }, ["medan-health", "medan-health-2"]],
        ["a province code, including its regencies and cities", { regionCodes: ["12"] }, ["medan-education", "medan-health", "medan-health-2", "medan-province"]],
        ["a city code, exactly", { regionCodes: ["12.71"] }, ["medan-health", "medan-health-2"]],
        ["two region codes", { regionCodes: ["12.01", "33.74"] }, ["medan-education"]],
        ["a level", { levels: ["provincial"] }, ["medan-education"]],
        ["tiers", { tiers: ["outstanding", "winner"] }, ["medan-health", "medan-province"]],
        ["a year range, needing one award within it", { yearFrom: 2018, yearTo: 2020 }, ["medan-health", "medan-province"]],
        ["a lower year bound only", { yearFrom: 2021 }, ["medan-education"]],
        ["an upper year bound only", { yearTo: 2016 }, ["medan-education"]],
        ["an SDG", { sdgs: [5] }, ["medan-health-2"]],
        ["statuses", { statuses: ["stopped", "continuing_with_development"] }, ["medan-education", "medan-health-2"]],
        ["several fields at once", { sectors: ["health"], regionCodes: ["12.71"], statuses: ["continuing"] }, ["medan-health"]],
      ])("narrows by %s", async (_, filter, expected) => {
        expect(await medan(filter)).toEqual(expected);
      });
    });

    describe("facets", () => {
      it("counts every facet for the current query, most frequent first, numbers in numeric order", async () => {
        const result = await search(`${tag}medan`, { facets: SEARCH_FACET_NAMES });
        expect(result.totalCount).toBe(4);
        expect(result.facets).toEqual({
          sector: [
            { value: "health", count: 2 },
            { value: "complaints", count: 1 },
            { value: "education", count: 1 },
          ],
          province: [{ value: "12", count: 4 }],
          level: [
            { value: "national", count: 1 },
            { value: "provincial", count: 1 },
            { value: "regency", count: 1 },
          ],
          tier: [
            { value: "finalist", count: 1 },
            { value: "outstanding", count: 1 },
            { value: "top", count: 1 },
            { value: "winner", count: 1 },
          ],
          year: [
            { value: "2015", count: 1 },
            { value: "2019", count: 1 },
            { value: "2020", count: 1 },
            { value: "2023", count: 1 },
          ],
          sdg: [
            { value: "3", count: 2 },
            { value: "4", count: 1 },
            { value: "5", count: 1 },
          ],
          status: [
            { value: "continuing", count: 1 },
            { value: "continuing_with_development", count: 1 },
            { value: "stopped", count: 1 },
          ],
        });
      });

      it("counts for the current filter too, and only the facets asked for", async () => {
        const result = await search(`${tag}medan`, { filter: { sectors: ["health"] }, facets: ["sector", "sdg"] });
        expect(result.facets).toEqual({
          sector: [{ value: "health", count: 2 }],
          sdg: [
            { value: "3", count: 2 },
            { value: "5", count: 1 },
          ],
        });
      });
    });

    describe("browsing", () => {
      it("returns everything the filter allows for an empty query, best award first, with facets and no score", async () => {
        const result = await search("", { filter: { regionCodes: ["12"] }, facets: ["sector"] });
        expect(keys(result)).toEqual(["medan-health", "medan-province", "medan-education", "medan-health-2"]);
        expect(result.hits.every((h) => h.score === 0)).toBe(true);
        expect(result.totalCount).toBe(4);
        expect(result.facets.sector?.[0]).toEqual({ value: "health", count: 2 });
      });
    });

    describe("ordering", () => {
      it.each<[SearchSortField, "asc" | "desc", string[]]>([
        ["year", "desc", ["medan-education", "medan-health", "medan-province", "medan-health-2"]],
        ["year", "asc", ["medan-province", "medan-health", "medan-education", "medan-health-2"]],
        ["awardRank", "asc", ["medan-health", "medan-province", "medan-education", "medan-health-2"]],
        ["awardRank", "desc", ["medan-education", "medan-province", "medan-health", "medan-health-2"]],
      ])("orders by %s %s, innovations without awards last", async (field, direction, expected) => {
        expect(keys(await search(`${tag}medan`, { sort: { field, direction } }))).toEqual(expected);
      });
    });

    describe("pagination", () => {
      it("pages through hits without gaps or repeats", async () => {
        const sort = { field: "year", direction: "desc" } as const;
        const whole = keys(await search(`${tag}medan`, { sort, limit: 4 }));
        const first = await search(`${tag}medan`, { sort, limit: 2 });
        const second = await search(`${tag}medan`, { sort, limit: 2, offset: 2 });
        expect([...keys(first), ...keys(second)]).toEqual(whole);
        expect(second.totalCount).toBe(4);
        expect(keys(await search(`${tag}medan`, { sort, limit: 2, offset: 4 }))).toEqual([]);
      });
    });

    describe("highlights", () => {
      it("marks the matched words of the name and, across languages, of the summary", async () => {
        const result = await search("lapor hendy", { limit: 1 });
        expect(result.hits[0].highlights.name).toBe("<mark>Lapor</mark> <mark>Hendi</mark>");
        const english = await search("keluhan semarang", { limit: 1 });
        expect(english.hits[0].highlights.summary).toMatch(/<mark>complaint<\/mark>.*<mark>Semarang<\/mark>|<mark>Semarang<\/mark>.*<mark>complaint<\/mark>/);
        const narrative = await search(`${tag}zorb`);
        expect(narrative.hits[1].highlights.narrative).toContain(`<mark>${tag}zorb</mark>`);
      });
    });

    describe("bad input, after the API has sanitised it", () => {
      it.each([
        "a & | ! :* (",
        `"lapor hendi`,
        "lapor'; DROP TABLE search_document; --",
        "lapor\u0000\u0007 hendi\u202e",
        "🙂 lapor 🇮🇩",
        "x".repeat(500),
        Array.from({ length: 60 }, (_, i) => `kata${i}`).join(" "),
      ])("answers %j without failing", async (raw) => {
        const result = await search(sanitiseQuery(raw));
        expect(result.totalCount).toBeGreaterThanOrEqual(0);
        expect(result.hits.length).toBeLessThanOrEqual(20);
      });

      it("browses when nothing searchable is left", async () => {
        expect(sanitiseQuery("🙂 ** ((")).toBe("");
        const result = await search(sanitiseQuery("🙂 ** (("), { limit: 1 });
        expect(result.totalCount).toBeGreaterThan(200);
      });
    });

    describe("keeping up with changes", () => {
      it("finds an innovation by its new name after it is re-indexed, and not after it is deleted", async () => {
        // One-word names unique to this run, so no other document shares a word with them.
        const [before, after] = [`${tag}lama`, `${tag}baru`];
        const id = await create("renamed", { name: before });
        await engine.index([id]);
        expect(await top(before)).toEqual(["renamed"]);
        await ds.query(`UPDATE innovation SET name = $2 WHERE id = $1`, [id, after]);
        await engine.index([id]);
        expect(await top(after)).toEqual(["renamed"]);
        expect(await top(before)).toEqual([]);
        await ds.query(`DELETE FROM innovation WHERE id = $1`, [id]);
        await engine.index([id]);
        expect(await top(after)).toEqual([]);
      });
    });
  });
}
