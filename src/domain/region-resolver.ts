/**
 * Resolves the many spellings of Indonesian province and regency/city names to Kemendagri codes.
 * Pure: it is given the region list (see src/seed/idn-regions.ts) and does no I/O.
 *
 * Matching is insensitive to case, whitespace and punctuation; "Kab."/"Kab"/"Kabupaten",
 * "Kodya"/"Kotamadya"/"Kota" and "Kota Administrasi"/"Kota" are the same; a "Provinsi" prefix is
 * ignored; common short forms of provinces ("DIY", "DKI Jakarta", "Jateng", "Jogja") are known.
 * A bare regency name ("Semarang") resolves only when it is unambiguous in the given province.
 */
import type { RegionKind } from "./enums";
import { foldKey } from "./normalise";

/** A province, regency or city with its Kemendagri code. */
export interface RegionRecord {
  code: string;
  name: string;
  kind: RegionKind;
  parentCode: string | null;
}

/** Why a name did not resolve. */
export type RegionFailure = "empty" | "unknown" | "ambiguous" | "outside_province";

export type RegionResolution =
  | { ok: true; region: RegionRecord }
  | { ok: false; reason: RegionFailure; message: string; candidates: RegionRecord[] };

/**
 * Other names of provinces, folded (see `foldKey`), keyed by code. The official names in the
 * region list are always accepted; these add the spellings sources use.
 */
export const PROVINCE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  "11": ["nad", "nanggroe aceh darussalam", "daerah istimewa aceh"],
  "12": ["sumut"],
  "13": ["sumbar"],
  "16": ["sumsel"],
  "19": ["babel", "bangka belitung", "kep bangka belitung"],
  "21": ["kepri", "kep riau"],
  "31": ["dki jakarta", "dki", "jakarta", "daerah khusus jakarta", "dk jakarta", "daerah khusus ibukota jakarta"],
  "32": ["jabar"],
  "33": ["jateng"],
  "34": [
    "di yogyakarta",
    "diy",
    "yogyakarta",
    "jogja",
    "jogjakarta",
    "yogya",
    "d i yogyakarta",
    "daerah istimewa yogyakarta",
    "di jogjakarta",
  ],
  "35": ["jatim"],
  "52": ["ntb"],
  "53": ["ntt"],
  "61": ["kalbar"],
  "62": ["kalteng"],
  "63": ["kalsel"],
  "64": ["kaltim"],
  "65": ["kaltara"],
  "71": ["sulut"],
  "72": ["sulteng"],
  "73": ["sulsel"],
  "74": ["sultra"],
  "76": ["sulbar"],
  "82": ["malut"],
  "92": ["pabar"],
  "96": ["pbd"],
};

/** Region kind of a regency-level name from its official prefix ("Kabupaten …" or "Kota …"). */
export function regionKindFromName(name: string): "regency" | "city" | null {
  const key = foldKey(name);
  if (/^kabupaten\b/.test(key)) return "regency";
  if (/^kota\b/.test(key)) return "city";
  return null;
}

/** Folds a region name and rewrites abbreviated prefixes to their full form. */
export function regionKey(name: string): string {
  return foldKey(name)
    .replace(/^(?:kab|kabupatan)\b/, "kabupaten")
    .replace(/^(?:kodya|kotamadya|kotamadia)\b/, "kota")
    .replace(/^(kabupaten|kota) (?:administrasi|adm)\b/, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

function provinceKey(name: string): string {
  return foldKey(name)
    .replace(/^(?:provinsi|propinsi|prov)\b/, "")
    .trim();
}

function ok(region: RegionRecord): RegionResolution {
  return { ok: true, region };
}

function fail(reason: RegionFailure, message: string, candidates: RegionRecord[] = []): RegionResolution {
  return { ok: false, reason, message, candidates };
}

/** Resolves region names against one region list. Build once, use many times. */
export class RegionResolver {
  private readonly byCode = new Map<string, RegionRecord>();
  private readonly provinceByKey = new Map<string, RegionRecord>();
  /** Full keys ("kabupaten grobogan", "kota jakarta pusat") → regencies/cities. */
  private readonly regencyByFullKey = new Map<string, RegionRecord[]>();
  /** Bare keys without the prefix ("semarang") → regencies/cities; often more than one. */
  private readonly regencyByBareKey = new Map<string, RegionRecord[]>();

  constructor(regions: readonly RegionRecord[]) {
    for (const region of regions) {
      this.byCode.set(region.code, region);
      if (region.kind === "province") {
        this.provinceByKey.set(provinceKey(region.name), region);
        this.provinceByKey.set(provinceKey(region.name).replace(/ /g, ""), region);
      } else {
        const full = regionKey(region.name);
        push(this.regencyByFullKey, full, region);
        push(this.regencyByFullKey, full.replace(/ /g, ""), region);
        const bare = full.replace(/^(?:kabupaten|kota) /, "");
        push(this.regencyByBareKey, bare, region);
        push(this.regencyByBareKey, bare.replace(/ /g, ""), region);
      }
    }
    for (const [code, aliases] of Object.entries(PROVINCE_ALIASES)) {
      const province = this.byCode.get(code);
      if (!province) continue;
      for (const alias of aliases) {
        const key = provinceKey(alias);
        if (!this.provinceByKey.has(key)) this.provinceByKey.set(key, province);
      }
    }
  }

  /** The region with this code, if any. */
  byKemendagriCode(code: string): RegionRecord | null {
    return this.byCode.get(code) ?? null;
  }

  /** Resolves a province name ("DI Yogyakarta", "Provinsi Jawa Tengah", "DKI Jakarta"). */
  province(name: string): RegionResolution {
    const key = provinceKey(name);
    if (key.length === 0) return fail("empty", "no province name given");
    const found = this.provinceByKey.get(key) ?? this.provinceByKey.get(key.replace(/ /g, ""));
    return found ? ok(found) : fail("unknown", `unknown province "${name}"`);
  }

  /**
   * Resolves a regency or city name ("Kota Semarang", "Kab. Grobogan", "Grobogan"). When
   * `provinceCode` is given the result must lie in that province; a name found only elsewhere is
   * reported as `outside_province`, never silently accepted.
   */
  regency(name: string, provinceCode: string | null = null): RegionResolution {
    const key = regionKey(name);
    if (key.length === 0) return fail("empty", "no regency or city name given");
    const prefixed = /^(?:kabupaten|kota) /.test(key);
    const index = prefixed ? this.regencyByFullKey : this.regencyByBareKey;
    const all = index.get(key) ?? index.get(key.replace(/ /g, "")) ?? [];
    if (all.length === 0) return fail("unknown", `unknown regency or city "${name}"`);
    const inScope = provinceCode ? all.filter((r) => r.parentCode === provinceCode) : all;
    if (inScope.length === 0) {
      return fail(
        "outside_province",
        `"${name}" is not in province ${provinceCode} (found: ${all.map((r) => `${r.name} ${r.code}`).join(", ")})`,
        all,
      );
    }
    if (inScope.length > 1) {
      return fail(
        "ambiguous",
        `"${name}" is ambiguous: ${inScope.map((r) => `${r.name} (${r.code})`).join(", ")}; write "Kabupaten …" or "Kota …"`,
        inScope,
      );
    }
    return ok(inScope[0]);
  }

  /**
   * Resolves a (province, regency-or-city) pair as the CSVs give it, either part possibly empty.
   * Returns the most specific region: the regency/city when given, else the province, else null.
   */
  place(province: string | null | undefined, regencyOrCity: string | null | undefined): PlaceResolution {
    const provinceText = (province ?? "").trim();
    const regencyText = (regencyOrCity ?? "").trim();
    let provinceRegion: RegionRecord | null = null;
    if (provinceText.length > 0) {
      const p = this.province(provinceText);
      if (!p.ok) return { ok: false, field: "province", message: p.message };
      provinceRegion = p.region;
    }
    if (regencyText.length > 0) {
      const r = this.regency(regencyText, provinceRegion?.code ?? null);
      if (!r.ok) return { ok: false, field: "regency_or_city", message: r.message };
      const parent = r.region.parentCode ? (this.byCode.get(r.region.parentCode) ?? null) : null;
      return { ok: true, region: r.region, province: provinceRegion ?? parent };
    }
    return { ok: true, region: provinceRegion, province: provinceRegion };
  }
}

/** A resolved (province, regency-or-city) pair; `field` names the part that failed. */
export type PlaceResolution =
  | { ok: true; region: RegionRecord | null; province: RegionRecord | null }
  | { ok: false; field: "province" | "regency_or_city"; message: string };

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else {
    map.set(key, [value]);
  }
}
