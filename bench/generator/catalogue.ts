import { classifyAwardLabel, type EditionTierHint } from "../../src/domain/award-tier";
import { SECTORS, type AwardTier, type CompetitionLevel, type InstitutionKind, type Sector } from "../../src/domain/enums";
import { foldKey, nameKey } from "../../src/domain/normalise";
import { SlugAllocator, slugify } from "../../src/domain/slug";
import { Random, WeightedTable } from "./random";
import { innovationName, narrative, placeName, summary } from "./text";
import { NATIONAL_BODIES, NEWS_PUBLISHERS, SECTOR_VOCABULARY, TIRTA_WORDS, VERTICAL_OFFICES } from "./vocabulary";

/**
 * Plans the rows of a generated catalogue from the seed catalogue already in the database. Pure
 * apart from the seeded generator: the rows depend only on the reference data and the seed.
 * Rows come out in the database's own column names, with explicit ids following the seed's.
 */

/** What the planner reads from the seeded database. */
export interface ReferenceData {
  regions: { code: string; name: string; kind: "province" | "regency" | "city"; parent_code: string | null }[];
  institutions: { id: number; slug: string; name: string; kind: InstitutionKind; region_code: string | null; parent_id: number | null }[];
  competitions: { id: number; slug: string; name: string; level: CompetitionLevel; scope_region_code: string | null }[];
  editions: { id: number; competition_id: number; year: number; name: string; tiers: EditionTierHint[] }[];
  innovationSlugs: string[];
  sourceUrls: string[];
  /** Highest id in use per table (0 when empty). */
  maxIds: { institution: number; competition: number; competition_edition: number; innovation: number; award_result: number; source: number; source_link: number; replication: number };
}

/** A database row: column name → value. */
export type Row = Record<string, unknown>;

interface Region {
  code: string;
  name: string;
  kind: "province" | "regency" | "city";
  provinceCode: string;
  /** "Kendal", "Semarang", "Jawa Tengah". */
  short: string;
  /** "Kabupaten Kendal", "Kota Semarang", "Provinsi Jawa Tengah". */
  label: string;
  /** "Bupati Kendal", "Wali Kota Semarang", "Gubernur Jawa Tengah". */
  head: string;
  /** "kendalkab.go.id". */
  domain: string;
  weight: number;
}

interface Institution {
  id: number;
  name: string;
  kind: InstitutionKind;
  regionCode: string | null;
  sector: Sector | null;
}

interface Edition {
  id: number;
  competitionId: number;
  year: number;
  name: string;
  level: CompetitionLevel;
  tiers: EditionTierHint[];
  /** Where the edition's results are announced (a source id). */
  sourceId: number;
  kipp: boolean;
}

/** What the awards step needs to know of an innovation. */
interface InnovationStub {
  id: number;
  regionCode: string | null;
  launchYear: number;
  lastYear: number;
}

// Java and the big islands' provinces have most of the catalogue's entries, as in the real competition.
const PROVINCE_WEIGHT: Record<string, number> = { "31": 2, "32": 3, "33": 3.5, "34": 2, "35": 3.5, "36": 1.5, "51": 1.5, "73": 2, "13": 1.3, "12": 1.3, "64": 1.2, "63": 1.2 };

const SECTOR_WEIGHT: Record<Sector, number> = {
  health: 22, education: 9, agriculture: 7, economy: 8, environment: 6, governance: 12, social_protection: 7,
  population_administration: 8, public_order: 4, law_enforcement: 3, licensing: 6, complaints: 5, transport: 3, other: 2,
};

const SECTOR_HINTS: readonly [RegExp, Sector][] = [
  [/kesehatan|rsud|puskesmas|rumah sakit|bpjs/, "health"],
  [/pendidikan|sekolah|smp|sma|sd negeri|perpustakaan/, "education"],
  [/pertanian|pangan|perikanan|peternakan|karantina/, "agriculture"],
  [/kependudukan|dukcapil|pencatatan sipil/, "population_administration"],
  [/penanaman modal|perizinan|ptsp|pertanahan/, "licensing"],
  [/sosial|perempuan|anak/, "social_protection"],
  [/lingkungan|sampah|pekerjaan umum/, "environment"],
  [/perhubungan|transportasi/, "transport"],
  [/polres|polda|kejaksaan|pengadilan|imigrasi|lapas|pemasyarakatan|hukum/, "law_enforcement"],
  [/koperasi|umkm|perdagangan|tenaga kerja|pariwisata|industri/, "economy"],
  [/kominfo|komunikasi|informatika|ombudsman/, "complaints"],
  [/bencana|pamong praja|kebakaran|damkar/, "public_order"],
];

const INSTITUTION_KIND_WEIGHT: Record<InstitutionKind, number> = {
  regional_device: 10, regency_government: 3, city_government: 3, provincial_government: 2, agency: 2.5, ministry: 1.2, bumn: 0.6, bumd: 0.8, other: 0.6,
};

const CATEGORIES = ["Kategori OPD", "Kategori Kecamatan", "Kategori Puskesmas", "Kategori Desa/Kelurahan", "Kategori BUMD", "Kategori Sekolah"];
const KIPP_GROUPS = ["Kelompok Umum", "Kelompok Umum", "Kelompok Umum", "Kelompok Replikasi", "Kelompok Khusus"];
const STAGES: readonly (readonly [string | null, number])[] = [["penerapan", 5], ["uji coba", 2], ["pengembangan", 2], ["replikasi", 1], [null, 3]];
const SERVICE_UNITS = ["Bidang Pelayanan", "Seksi Pelayanan Publik", "UPT Layanan Terpadu", "Sub Bagian Umum", "Bidang Data dan Informasi"];

/** Labels for an edition that the seed left without tiers, by level. */
const DEFAULT_TIERS: Record<CompetitionLevel, EditionTierHint[]> = {
  national: [
    { label: "Top 99", size: 99, order: 2, tier: "shortlist" },
    { label: "Top 45", size: 45, order: 1, tier: "top" },
    { label: "Finalis", size: null, order: 3, tier: "finalist" },
  ],
  international: [
    { label: "Winner", size: null, order: 1, tier: "winner" },
    { label: "Finalist", size: null, order: 2, tier: "finalist" },
    { label: "Honorable Mention", size: null, order: 3, tier: "honourable_mention" },
  ],
  provincial: [
    { label: "Juara 1", size: 1, order: 1, tier: "winner" },
    { label: "Top 10", size: 10, order: 2, tier: "top" },
    { label: "Finalis", size: null, order: 3, tier: "finalist" },
  ],
  regency: [
    { label: "Juara 1", size: 1, order: 1, tier: "winner" },
    { label: "Juara Harapan 1", size: 1, order: 2, tier: "honourable_mention" },
    { label: "Nominasi", size: null, order: 3, tier: "finalist" },
  ],
  city: [
    { label: "Juara 1", size: 1, order: 1, tier: "winner" },
    { label: "Juara Harapan 1", size: 1, order: 2, tier: "honourable_mention" },
    { label: "Nominasi", size: null, order: 3, tier: "finalist" },
  ],
};

/** Relative chance of each tier when an award is drawn: shortlists and finalists are many, winners few. */
const TIER_DRAW_WEIGHT: Record<AwardTier, number> = {
  outstanding: 0.4, winner: 1.2, top: 4, honourable_mention: 2, shortlist: 6, finalist: 4, unclassified: 0.2,
};

function regionShort(name: string): string {
  return name.replace(/^(Kabupaten|Kota)\s+/, "");
}

function domainWord(text: string): string {
  return foldKey(text).replace(/ /g, "");
}

/** Plans a catalogue on top of the reference data; see generateCatalogue for the sizes. */
export class CataloguePlanner {
  private readonly regions = new Map<string, Region>();
  private readonly regencies: Region[] = [];
  private readonly institutions: Institution[] = [];
  private readonly editions: Edition[] = [];
  private readonly innovationSlugs = new SlugAllocator();
  private readonly institutionSlugs = new SlugAllocator();
  private readonly sourceUrls = new Set<string>();
  private readonly ids: ReferenceData["maxIds"];
  private readonly stubs: InnovationStub[] = [];
  /** Scope region of every competition, the seed's and the generated ones. */
  private readonly competitionScope = new Map<number, string | null>();

  constructor(
    private readonly ref: ReferenceData,
    private readonly seed: number,
  ) {
    this.ids = { ...ref.maxIds };
    for (const r of ref.regions) {
      const provinceCode = r.kind === "province" ? r.code : (r.parent_code ?? r.code.slice(0, 2));
      const short = r.kind === "province" ? r.name : regionShort(r.name);
      const region: Region = {
        code: r.code,
        name: r.name,
        kind: r.kind,
        provinceCode,
        short,
        label: r.kind === "province" ? `Provinsi ${r.name}` : r.name,
        head: r.kind === "province" ? `Gubernur ${r.name}` : r.kind === "city" ? `Wali Kota ${short}` : `Bupati ${short}`,
        domain: `${domainWord(short)}${r.kind === "province" ? "prov" : r.kind === "city" ? "kota" : "kab"}.go.id`,
        weight: PROVINCE_WEIGHT[provinceCode] ?? 1,
      };
      this.regions.set(r.code, region);
      if (r.kind !== "province") this.regencies.push(region);
    }
    for (const i of ref.institutions) {
      this.institutionSlugs.claim(i.slug);
      this.institutions.push({ id: i.id, name: i.name, kind: i.kind, regionCode: i.region_code, sector: guessSector(i.name) });
    }
    for (const s of ref.innovationSlugs) this.innovationSlugs.claim(s);
    for (const u of ref.sourceUrls) this.sourceUrls.add(u);
    for (const c of ref.competitions) this.competitionScope.set(c.id, c.scope_region_code);
  }

  private rng(label: string): Random {
    return new Random(this.seed).fork(label);
  }

  private nextId(table: keyof ReferenceData["maxIds"]): number {
    this.ids[table] += 1;
    return this.ids[table];
  }

  private newSource(url: string, title: string, publisher: string, retrievedAt: string): Row | null {
    if (this.sourceUrls.has(url)) return null;
    this.sourceUrls.add(url);
    return { id: this.nextId("source"), url, title, publisher, retrieved_at: retrievedAt };
  }

  /**
   * Institutions across regencies and cities: the pemda of each region used, its OPDs (dinas, RSUD,
   * puskesmas, kecamatan…), vertical offices of national bodies, BUMN/BUMD branches and ministry units.
   */
  planInstitutions(count: number): Row[] {
    const rng = this.rng("institutions");
    const rows: Row[] = [];
    const taken = new Set(this.ref.institutions.map((i) => `${i.region_code ?? ""}|${nameKey(i.name)}`));
    const byKey = new Map(this.ref.institutions.map((i) => [`${i.region_code ?? ""}|${nameKey(i.name)}`, i.id]));
    const add = (name: string, kind: InstitutionKind, regionCode: string | null, parentId: number | null, sector: Sector | null): number | null => {
      const key = `${regionCode ?? ""}|${nameKey(name)}`;
      if (taken.has(key)) return byKey.get(key) ?? null;
      if (rows.length >= count) return null;
      taken.add(key);
      const id = this.nextId("institution");
      byKey.set(key, id);
      const region = regionCode ? this.regions.get(regionCode) : undefined;
      const slug = this.institutionSlugs.claim(slugify(name), region ? [region.short] : []);
      rows.push({ id, slug, name, name_key: nameKey(name), kind, region_code: regionCode, parent_id: parentId });
      this.institutions.push({ id, name, kind, regionCode, sector });
      return id;
    };
    const pemdaOf = (region: Region): number | null => {
      const name = region.kind === "province" ? `Pemerintah Provinsi ${region.name}` : `Pemerintah ${region.name}`;
      const kind: InstitutionKind = region.kind === "province" ? "provincial_government" : region.kind === "city" ? "city_government" : "regency_government";
      return add(name, kind, region.code, null, null);
    };

    // National bodies first: they exist whatever the scale.
    const nationalIds = new Map<string, number | null>();
    for (const body of NATIONAL_BODIES) {
      const id = add(body.name, body.kind, null, null, body.sector);
      nationalIds.set(body.name, id);
      for (const unit of body.units) add(`${unit}, ${body.name}`, body.kind, null, id, body.sector);
    }
    for (const region of this.regions.values()) if (region.kind === "province") pemdaOf(region);

    const regencyTable = new WeightedTable(this.regencies, (r) => r.weight);
    const provinces = [...this.regions.values()].filter((r) => r.kind === "province");
    const provinceTable = new WeightedTable(provinces, (r) => r.weight);
    const sectorTable = new WeightedTable(SECTORS.filter((s) => SECTOR_VOCABULARY[s].devices.length > 0), (s) => SECTOR_WEIGHT[s]);
    let attempts = 0;
    while (rows.length < count && attempts < count * 20) {
      attempts += 1;
      const provincial = rng.chance(0.08);
      const region = provincial ? provinceTable.draw(rng) : regencyTable.draw(rng);
      const pemda = pemdaOf(region);
      if (rows.length >= count) break;
      if (!provincial && rng.chance(0.14)) {
        const office = rng.pick(VERTICAL_OFFICES);
        const name = fill(office.pattern, region, rng);
        add(name, office.kind, region.code, office.parent ? (nationalIds.get(office.parent) ?? null) : null, office.sector);
        continue;
      }
      const sector = sectorTable.draw(rng);
      const pattern = rng.pick(SECTOR_VOCABULARY[sector].devices);
      add(fill(pattern, region, rng), "regional_device", region.code, pemda, sector);
    }
    return rows;
  }

  /**
   * A provincial competition for every province the seed has none for, and regency/city competitions
   * for the regions with the most institutions; editions for each year they ran (2014–2025), with
   * tiers; and, for every edition, the page announcing its results.
   */
  planCompetitions(regencyCompetitions: number): { competitions: Row[]; editions: Row[]; sources: Row[]; links: Row[] } {
    const rng = this.rng("competitions");
    const competitions: Row[] = [];
    const editions: Row[] = [];
    const sources: Row[] = [];
    const links: Row[] = [];
    const slugs = new SlugAllocator();
    for (const c of this.ref.competitions) slugs.claim(c.slug);
    const scoped = new Set(this.ref.competitions.filter((c) => c.scope_region_code).map((c) => `${c.level}|${c.scope_region_code}`));
    const compLevel = new Map<number, CompetitionLevel>(this.ref.competitions.map((c) => [c.id, c.level]));
    const compSlug = new Map<number, string>(this.ref.competitions.map((c) => [c.id, c.slug]));

    const addSource = (edition: { id: number; year: number; name: string; slug: string }, domain: string): number => {
      const url = `https://${domain}/berita/${edition.year}/pengumuman-hasil-${edition.slug}-${edition.year}`;
      const row = this.newSource(url, `Pengumuman hasil ${edition.name} ${edition.year}`, domain, `${Math.min(2025, edition.year + 1)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`);
      if (!row) throw new Error(`Source ${url} exists already`);
      sources.push(row);
      links.push({ id: this.nextId("source_link"), subject_type: "competition_edition", subject_id: edition.id, source_id: row.id, asserted_by: "bench-generator" });
      return row.id as number;
    };

    // The seed's editions: awards drawn on them are announced on a page of their own.
    for (const e of this.ref.editions) {
      const level = compLevel.get(e.competition_id)!;
      const sourceId = addSource({ id: e.id, year: e.year, name: e.name, slug: compSlug.get(e.competition_id)! }, level === "international" ? "publicadministration.un.org" : "menpan.go.id");
      this.editions.push({
        id: e.id, competitionId: e.competition_id, year: e.year, name: e.name, level,
        tiers: e.tiers.length > 0 ? e.tiers : DEFAULT_TIERS[level], sourceId, kipp: compSlug.get(e.competition_id) === "kipp",
      });
    }

    const addCompetition = (region: Region, level: CompetitionLevel, name: string, shortName: string, organizer: string, firstYear: number) => {
      const id = this.nextId("competition");
      this.competitionScope.set(id, region.code);
      const slug = slugs.claim(slugify(shortName));
      competitions.push({ id, slug, name, short_name: shortName, aliases: [], organizer, level, scope_region_code: region.code, description: `Kompetisi inovasi pelayanan publik tingkat ${level === "provincial" ? "provinsi" : region.kind === "city" ? "kota" : "kabupaten"} di ${region.label}.` });
      const style = rng.chance(0.5) ? "ranked" : "top";
      const topSize = rng.pick([10, 15, 20, 30]);
      for (let year = firstYear; year <= 2025; year++) {
        if (rng.chance(0.1)) continue;
        const tiers: EditionTierHint[] =
          style === "ranked"
            ? [
                { label: "Juara 1", size: 1, order: 1, tier: "winner" },
                { label: "Juara 2", size: 1, order: 2, tier: "top" },
                { label: "Juara 3", size: 1, order: 3, tier: "top" },
                { label: "Juara Harapan 1", size: 1, order: 4, tier: "honourable_mention" },
                { label: "Juara Harapan 2", size: 1, order: 5, tier: "honourable_mention" },
                { label: "Nominasi", size: null, order: 6, tier: "finalist" },
              ]
            : [
                ...(year >= 2020 && level === "provincial" ? [{ label: "Inovasi Terbaik (Outstanding)", size: 3, order: 0, tier: "outstanding" as AwardTier }] : []),
                { label: `Top ${topSize}`, size: topSize, order: 1, tier: "top" },
                { label: `Top ${topSize * 3}`, size: topSize * 3, order: 2, tier: "shortlist" },
                { label: "Finalis", size: null, order: 3, tier: "finalist" },
              ];
        const editionId = this.nextId("competition_edition");
        const entryCount = rng.int(40, level === "provincial" ? 600 : 150);
        editions.push({
          id: editionId, competition_id: id, year, edition_number: year - firstYear + 1, name,
          theme: rng.chance(0.5) ? `Inovasi ${rng.pick(["Melayani", "Berdampak", "Berkelanjutan", "Digital", "Kolaboratif"])} untuk ${rng.pick(["Masyarakat", "Negeri", "Daerah", "Semua"])}` : null,
          legal_basis: `Keputusan ${region.head} Nomor ${rng.int(10, 900)}/${rng.int(1, 99)} Tahun ${year}`,
          stages_text: "pendaftaran; seleksi administrasi; presentasi dan wawancara; verifikasi lapangan; penetapan",
          stages: ["pendaftaran", "seleksi administrasi", "presentasi dan wawancara", "verifikasi lapangan", "penetapan"].map((s, i) => ({ name: s, order: i + 1 })),
          groups: [], categories: level === "provincial" ? CATEGORIES.slice(0, 4) : [], criteria: [], tiers, entry_count: entryCount,
        });
        const sourceId = addSource({ id: editionId, year, name, slug: slugify(shortName) }, region.domain);
        this.editions.push({ id: editionId, competitionId: id, year, name, level, tiers, sourceId, kipp: false });
      }
    };

    for (const region of this.regions.values()) {
      if (region.kind !== "province" || scoped.has(`provincial|${region.code}`)) continue;
      addCompetition(region, "provincial", `Kompetisi Inovasi Pelayanan Publik Provinsi ${region.name}`, `KIPP Provinsi ${region.name}`, `Pemerintah Provinsi ${region.name}`, rng.int(2015, 2020));
    }
    // Regions with the most institutions run competitions of their own.
    const perRegion = new Map<string, number>();
    for (const i of this.institutions) if (i.regionCode && i.regionCode.length > 2) perRegion.set(i.regionCode, (perRegion.get(i.regionCode) ?? 0) + 1);
    const busiest = [...perRegion.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, regencyCompetitions);
    for (const [code] of busiest) {
      const region = this.regions.get(code)!;
      const level: CompetitionLevel = region.kind === "city" ? "city" : "regency";
      if (scoped.has(`${level}|${code}`)) continue;
      const title = rng.pick(["Kompetisi Inovasi Daerah", "Lomba Inovasi Pelayanan Publik", "Anugerah Inovasi"]);
      addCompetition(region, level, `${title} ${region.name}`, `${title} ${region.name}`, `Pemerintah ${region.name}`, rng.int(2016, 2021));
    }
    return { competitions, editions, sources, links };
  }

  /**
   * Innovations in batches (their text is large), each with a summary and, for most, the eight
   * narrative sections, plus source pages and their links.
   */
  *innovationBatches(count: number, batchSize: number): Generator<{ innovations: Row[]; sources: Row[]; links: Row[] }> {
    const rng = this.rng("innovations");
    const owners = new WeightedTable(this.institutions, (i) => INSTITUTION_KIND_WEIGHT[i.kind] * (i.regionCode ? (this.regions.get(i.regionCode)?.weight ?? 1) : 1));
    const sectorTable = new WeightedTable(SECTORS, (s) => SECTOR_WEIGHT[s]);
    const yearTable = new WeightedTable(Array.from({ length: 17 }, (_, k) => 2008 + k), (y) => 1 + (y - 2008) / 4);
    let innovations: Row[] = [];
    let sources: Row[] = [];
    let links: Row[] = [];
    for (let n = 0; n < count; n++) {
      const owner = owners.draw(rng);
      const sector = owner.sector && rng.chance(0.9) ? owner.sector : sectorTable.draw(rng);
      const region = owner.regionCode ? this.regions.get(owner.regionCode) : undefined;
      const launchYear = yearTable.draw(rng);
      const named = innovationName(rng, sector, region?.short ?? null);
      const id = this.nextId("innovation");
      const slug = this.innovationSlugs.claim(slugify(named.name), [region?.short ?? "nasional", owner.name]);
      const status = rng.weighted([["continuing", 62], ["continuing_with_development", 20], ["stopped", 10], [null, 8]] as const);
      const statusYear = status === null ? null : rng.int(Math.max(launchYear, 2019), 2025);
      const v = SECTOR_VOCABULARY[sector];
      const sdgs = rng.chance(0.8) ? [...new Set(rng.sample(v.sdgs, rng.int(1, 3)))].sort((a, b) => a - b) : [];
      const text = rng.chance(0.75) ? narrative(rng, sector, named.acronym ?? named.name, region?.head ?? "Menteri", launchYear) : null;
      const digital = /^e-|digital|online|aplikasi|sistem|elektronik/i.test(named.name) ? true : rng.chance(0.1) ? null : rng.chance(0.45);
      innovations.push({
        id, slug, name: named.name, name_key: nameKey(named.name), acronym: named.acronym, acronym_expansion: named.expansion,
        aliases: named.acronym && rng.chance(0.15) ? [named.acronym] : [],
        summary: rng.chance(0.96) ? summary(rng, sector, named.acronym ?? named.name, owner.name, launchYear) : null,
        problem: text?.problem ?? null, objectives: text?.objectives ?? null, novelty: text?.novelty ?? null,
        implementation: text?.implementation ?? null, results: text?.results ?? null,
        replication_requirements: text?.replicationRequirements ?? null, resources_and_cost: text?.resourcesAndCost ?? null,
        sustainability: text?.sustainability ?? null,
        sector, government_affair: rng.pick(v.affairs), sdgs, is_digital: digital, stage: rng.weighted(STAGES), launch_year: launchYear,
        status, status_as_of: statusYear === null ? null : `${statusYear}-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`,
        status_note: status === null ? null : `Dilaporkan ${status === "stopped" ? "berhenti" : "masih berjalan"} dalam evaluasi ${owner.name} tahun ${statusYear}.`,
        institution_id: owner.id, service_unit: rng.chance(0.2) ? rng.pick(SERVICE_UNITS) : null, region_code: owner.regionCode,
        links: rng.chance(0.4) ? [`https://${slug.slice(0, 24).replace(/-+$/, "")}.${region?.domain ?? "go.id"}`] : [],
      });
      this.stubs.push({ id, regionCode: owner.regionCode, launchYear, lastYear: status === "stopped" && statusYear ? statusYear : 2025 });
      const articles = rng.chance(0.9) ? (rng.chance(0.3) ? 2 : 1) : 0;
      for (let a = 0; a < articles; a++) {
        const publisher = a === 0 && region && rng.chance(0.5) ? region.domain : rng.pick(NEWS_PUBLISHERS);
        const year = rng.int(Math.max(launchYear, 2014), 2025);
        const source = this.newSource(`https://${publisher}/berita/${year}/${slug}-${id}${a ? `-${a}` : ""}`, `${named.acronym ?? named.name}, inovasi ${owner.name}`, publisher, `${Math.min(2025, year + 1)}-0${rng.int(1, 9)}-2${rng.int(0, 8)}`);
        if (!source) continue;
        sources.push(source);
        links.push({ id: this.nextId("source_link"), subject_type: "innovation", subject_id: id, source_id: source.id, asserted_by: "bench-generator" });
      }
      if (innovations.length >= batchSize) {
        yield { innovations, sources, links };
        innovations = [];
        sources = [];
        links = [];
      }
    }
    if (innovations.length > 0) yield { innovations, sources, links };
  }

  /**
   * Award results for the innovations planned so far, exactly `count` of them: a few innovations
   * collect many (regency, then province, then nation), most one or two. Each links to the page that
   * announced its edition's results.
   */
  *awardBatches(count: number, batchSize: number): Generator<{ awards: Row[]; links: Row[] }> {
    const rng = this.rng("awards");
    const byScope = new Map<string, Edition[]>();
    for (const e of this.editions) {
      const key = e.level === "national" || e.level === "international" ? e.level : `${e.level}|${this.competitionScope.get(e.competitionId)}`;
      (byScope.get(key) ?? byScope.set(key, []).get(key)!).push(e);
    }
    const kippEditions = (byScope.get("national") ?? []).filter((e) => e.kipp);
    // Where an innovation can win: its regency's or city's competition, its province's, the nation's, the world's.
    const poolsOf = (stub: InnovationStub): [Edition[], number][] => {
      const province = stub.regionCode?.slice(0, 2) ?? null;
      const pools: [Edition[], number][] = [
        [byScope.get(`regency|${stub.regionCode}`) ?? byScope.get(`city|${stub.regionCode}`) ?? [], 35],
        [province ? (byScope.get(`provincial|${province}`) ?? []) : [], 40],
        [rng.chance(0.7) ? kippEditions : (byScope.get("national") ?? []), 22],
        [byScope.get("international") ?? [], 1],
      ];
      return pools
        .map(([list, w]) => [list.filter((e) => e.year >= stub.launchYear && e.year <= stub.lastYear), w] as [Edition[], number])
        .filter(([list]) => list.length > 0);
    };
    const seen = new Set<string>();
    let awards: Row[] = [];
    let links: Row[] = [];
    let made = 0;
    const tryAward = (stub: InnovationStub, pools: [Edition[], number][]): boolean => {
      const edition = rng.pick(rng.weighted(pools));
      const tier = rng.weighted(edition.tiers.map((t) => [t, TIER_DRAW_WEIGHT[t.tier] / (t.size === 1 ? 3 : 1)] as const));
      const key = `${stub.id}|${edition.id}|${tier.label}`;
      if (seen.has(key)) return false;
      seen.add(key);
      const cls = classifyAwardLabel(tier.label, edition.tiers);
      const id = this.nextId("award_result");
      const decree = rng.chance(0.7);
      awards.push({
        id, innovation_id: stub.id, edition_id: edition.id, raw_label: tier.label, tier: cls.tier, tier_rank: cls.tierRank,
        place: cls.place, tier_size: cls.tierSize ?? tier.size,
        group_name: edition.kipp && edition.year >= 2019 ? rng.pick(KIPP_GROUPS) : null,
        category: edition.level !== "national" && edition.level !== "international" && rng.chance(0.6) ? rng.pick(CATEGORIES) : null,
        decree_number: decree ? `${edition.level === "national" ? "Keputusan Menteri PANRB" : "Keputusan"} Nomor ${rng.int(1, 900)} Tahun ${edition.year}` : null,
        decree_date: decree ? `${edition.year}-${String(rng.int(6, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}` : null,
      });
      links.push({ id: this.nextId("source_link"), subject_type: "award_result", subject_id: id, source_id: edition.sourceId, asserted_by: "bench-generator" });
      made += 1;
      return true;
    };

    // Award counts: a fifth of the innovations have none; the others an exponential number around the
    // mean, so that a few collect many and most one or two.
    const mean = count / Math.max(1, this.stubs.length) / 0.8;
    for (const stub of this.stubs) {
      const wanted = rng.chance(0.2) ? 0 : Math.min(count - made, 1 + Math.round(-Math.log(1 - rng.next()) * (mean - 1)));
      if (wanted <= 0) continue;
      const pools = poolsOf(stub);
      let got = 0;
      for (let tries = 0; got < wanted && pools.length > 0 && tries < wanted * 8; tries++) if (tryAward(stub, pools)) got += 1;
      if (awards.length >= batchSize) {
        yield { awards, links };
        awards = [];
        links = [];
      }
    }
    // Top up to exactly `count`: one more award to innovations drawn at random.
    for (let guard = 0; made < count && guard < count * 50; guard++) {
      const stub = this.stubs[rng.int(0, this.stubs.length - 1)];
      const pools = poolsOf(stub);
      if (pools.length > 0) tryAward(stub, pools);
      if (awards.length >= batchSize) {
        yield { awards, links };
        awards = [];
        links = [];
      }
    }
    if (made < count) throw new Error(`Planned ${made} awards of ${count}: too few editions for the innovations' years and regions`);
    if (awards.length > 0) yield { awards, links };
  }

  /** Replications: about one innovation in fifty has been copied by an institution in another region. */
  planReplications(): Row[] {
    const rng = this.rng("replications");
    const rows: Row[] = [];
    const adopters = this.institutions.filter((i) => i.kind !== "ministry" && i.regionCode);
    const seen = new Set<string>();
    for (const stub of this.stubs) {
      if (!rng.chance(0.02)) continue;
      const adopter = rng.pick(adopters);
      if (adopter.regionCode === stub.regionCode || seen.has(`${stub.id}|${adopter.id}`)) continue;
      seen.add(`${stub.id}|${adopter.id}`);
      const year = rng.int(Math.max(stub.launchYear + 1, 2016), 2025);
      const status = rng.weighted([["interest", 3], ["agreement", 3], ["implemented", 4], ["discontinued", 1]] as const);
      rows.push({
        id: this.nextId("replication"), origin_innovation_id: stub.id, adopter_institution_id: adopter.id, status,
        interest_on: `${year}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`,
        agreed_on: status === "interest" ? null : `${year}-1${rng.int(0, 2)}-1${rng.int(0, 9)}`,
        implemented_on: status === "implemented" || status === "discontinued" ? `${Math.min(2025, year + 1)}-0${rng.int(1, 9)}-0${rng.int(1, 9)}` : null,
        adaptations: rng.chance(0.6) ? `Disesuaikan dengan kondisi ${this.regions.get(adopter.regionCode!)?.label ?? "daerah"} melalui ATM (amati, tiru, modifikasi).` : null,
        derived_innovation_id: null,
      });
    }
    return rows;
  }

  /** Final id of each table, to move the sequences past. */
  get lastIds(): ReferenceData["maxIds"] {
    return { ...this.ids };
  }
}

function guessSector(name: string): Sector | null {
  const key = foldKey(name);
  for (const [pattern, sector] of SECTOR_HINTS) if (pattern.test(key)) return sector;
  return null;
}

function fill(pattern: string, region: Region, rng: Random): string {
  return pattern
    .replace("{R}", region.label)
    .replace("{S}", region.short)
    .replace("{P}", placeName(rng))
    .replace("{N}", String(rng.int(1, 12)))
    .replace("{W}", rng.pick(TIRTA_WORDS));
}
