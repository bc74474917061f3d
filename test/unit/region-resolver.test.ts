import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { RegionResolver, regionKindFromName, type RegionRecord } from "../../src/domain/region-resolver";
import { parseCatalogueCsv } from "../../src/seed/catalogue-csv";
import { readIdnRegions } from "../../src/seed/idn-regions";

let regions: RegionRecord[];
let resolver: RegionResolver;

beforeAll(() => {
  regions = readIdnRegions();
  resolver = new RegionResolver(regions);
});

function code(result: ReturnType<RegionResolver["province"]>): string | null {
  return result.ok ? result.region.code : null;
}

describe("readIdnRegions", () => {
  it("reads 38 provinces and 514 regencies and cities with their kinds", () => {
    expect(regions.filter((r) => r.kind === "province")).toHaveLength(38);
    expect(regions.filter((r) => r.kind !== "province")).toHaveLength(514);
    expect(regions.find((r) => r.code === "33.74")).toEqual({ code: "33.74", name: "Kota Semarang", kind: "city", parentCode: "33" });
    expect(regions.find((r) => r.code === "33.26")).toMatchObject({ name: "Kabupaten Pekalongan", kind: "regency" });
  });

  it("derives the kind from the Kabupaten/Kota prefix", () => {
    expect(regionKindFromName("Kabupaten Grobogan")).toBe("regency");
    expect(regionKindFromName("Kota Administrasi Jakarta Pusat")).toBe("city");
    expect(regionKindFromName("Jawa Tengah")).toBeNull();
  });
});

describe("RegionResolver.province", () => {
  it.each([
    ["DI Yogyakarta", "34"],
    ["Daerah Istimewa Yogyakarta", "34"],
    ["D.I. Yogyakarta", "34"],
    ["DIY", "34"],
    ["Jogja", "34"],
    ["DKI Jakarta", "31"],
    ["Provinsi Jawa Tengah", "33"],
    ["  jawa   TENGAH ", "33"],
    ["Jawa-Tengah", "33"],
    ["Kep. Bangka Belitung", "19"],
    ["Papua Barat Daya", "96"],
  ])("resolves %j to %s", (name, expected) => {
    expect(code(resolver.province(name))).toBe(expected);
  });

  it("reports an unknown or empty name instead of guessing", () => {
    expect(resolver.province("Atlantis")).toMatchObject({ ok: false, reason: "unknown" });
    expect(resolver.province("  ")).toMatchObject({ ok: false, reason: "empty" });
  });
});

describe("RegionResolver.regency", () => {
  it('reads "Kab." as "Kabupaten" and ignores case, spacing and punctuation', () => {
    expect(code(resolver.regency("Kab. Grobogan"))).toBe("33.15");
    expect(code(resolver.regency("kabupaten  grobogan"))).toBe("33.15");
    expect(code(resolver.regency("Kota Semarang"))).toBe("33.74");
    expect(code(resolver.regency("Kodya Semarang"))).toBe("33.74");
    expect(code(resolver.regency("Kota Jakarta Pusat"))).toBe("31.71");
    expect(code(resolver.regency("Kabupaten Gunung Kidul"))).toBe("34.03");
  });

  it("tells Kabupaten and Kota of the same name apart, and calls a bare shared name ambiguous", () => {
    expect(code(resolver.regency("Kabupaten Pekalongan"))).toBe("33.26");
    expect(code(resolver.regency("Kota Pekalongan"))).toBe("33.75");
    expect(resolver.regency("Semarang", "33")).toMatchObject({ ok: false, reason: "ambiguous" });
    expect(code(resolver.regency("Grobogan", "33"))).toBe("33.15");
  });

  it("resolves within the given province and refuses one outside it", () => {
    expect(code(resolver.regency("Kabupaten Malang", "35"))).toBe("35.07");
    expect(resolver.regency("Kabupaten Malang", "33")).toMatchObject({ ok: false, reason: "outside_province" });
    expect(resolver.regency("Kabupaten Atlantis", "33")).toMatchObject({ ok: false, reason: "unknown" });
  });
});

describe("RegionResolver.place", () => {
  it("returns the most specific region and its province", () => {
    const place = resolver.place("Jawa Tengah", "Kota Semarang");
    expect(place).toMatchObject({ ok: true, region: { code: "33.74" }, province: { code: "33" } });
    expect(resolver.place("DI Yogyakarta", null)).toMatchObject({ ok: true, region: { code: "34" } });
    expect(resolver.place(null, null)).toEqual({ ok: true, region: null, province: null });
  });

  it("names the field that failed", () => {
    expect(resolver.place("Atlantis", "Kota Semarang")).toMatchObject({ ok: false, field: "province" });
    expect(resolver.place("Jawa Timur", "Kota Semarang")).toMatchObject({ ok: false, field: "regency_or_city" });
  });

  it("resolves every province and regency_or_city spelling in innovations.csv, within its province", () => {
    const text = fs.readFileSync(path.resolve(__dirname, "../../seeds/data/innovations.csv"), "utf8");
    const { rows } = parseCatalogueCsv("innovations", text, "innovations.csv");
    const failures = rows
      .map((r) => ({ row: r.row, result: resolver.place(r.province, r.regencyOrCity) }))
      .filter((x) => !x.result.ok);
    expect(failures).toEqual([]);
    for (const r of rows.filter((x) => x.regencyOrCity)) {
      const place = resolver.place(r.province, r.regencyOrCity);
      if (!place.ok) continue;
      expect(place.region?.name, `row ${r.row}`).toBe(r.regencyOrCity);
      expect(place.region?.parentCode).toBe(place.province?.code);
    }
  });
});
