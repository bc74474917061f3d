import fs from "node:fs";
import { createRequire } from "node:module";
import { parse } from "csv-parse/sync";
import { regionKindFromName, type RegionRecord } from "../domain/region-resolver";

const require = createRequire(import.meta.url);

/**
 * Reads every province (38) and regency/city (514) from the `idn-area-data` package's CSV files, in
 * the package's order: provinces first, then regencies and cities. The package is the authority for
 * codes and official names; nothing is copied into the repository.
 *
 * @throws when the package is missing or a regency name has neither a "Kabupaten" nor a "Kota" prefix
 */
export function readIdnRegions(): RegionRecord[] {
  const provinces = readCsv(require.resolve("idn-area-data/data/provinces.csv"));
  const regencies = readCsv(require.resolve("idn-area-data/data/regencies.csv"));
  const out: RegionRecord[] = provinces.map((p) => ({
    code: p.code,
    name: p.name,
    kind: "province",
    parentCode: null,
  }));
  for (const r of regencies) {
    const kind = regionKindFromName(r.name);
    if (!kind) throw new Error(`idn-area-data: regency ${r.code} "${r.name}" has no Kabupaten/Kota prefix`);
    out.push({ code: r.code, name: r.name, kind, parentCode: r.province_code });
  }
  return out;
}

function readCsv(file: string): Record<string, string>[] {
  return parse(fs.readFileSync(file, "utf8"), { columns: true, skip_empty_lines: true, trim: true }) as Record<
    string,
    string
  >[];
}
