/** The workload of the search benchmark (search-bench.ts): queries and filters, rotated. */
import type { SearchFilter } from "../src/search/search-backend";

/** What people search for: sector words, services, typos, prefixes, English, regions, acronyms. */
export const BENCH_QUERIES = [
  "kesehatan", "stunting", "posyandu", "imunisasi", "ibu hamil", "gizi balita", "puskesmas", "pengaduan",
  "keluhan warga", "perizinan", "izin usaha", "adminduk", "akta kelahiran", "sampah", "bank sampah", "air bersih",
  "petani", "pupuk bersubsidi", "nelayan", "umkm", "pasar", "sekolah", "putus sekolah", "literasi", "guru",
  "lansia", "disabilitas", "kemiskinan", "bencana", "kebakaran", "lalu lintas", "jemput bola", "aplikasi online",
  "desa", "kesehtan", "pengadaun", "posyandu rem", "sekolah fil", "health", "complaint", "licensing", "semarang",
  "jateng", "dukcapil", "ptsp", "rsud", "pelayanan terpadu satu pintu", "pencegahan stunting pada balita",
] as const;

/** Two filters each, as a user narrows a search by facets. */
export const BENCH_FILTERS: readonly SearchFilter[] = [
  { sectors: ["health"], regionCodes: ["33"] },
  { regionCodes: ["35"], yearFrom: 2019, yearTo: 2023 },
  { sectors: ["education"], tiers: ["top", "outstanding", "winner"] },
  { levels: ["national"], statuses: ["continuing"] },
  { regionCodes: ["73"], sectors: ["agriculture", "economy"] },
  { yearFrom: 2021, tiers: ["top", "outstanding"] },
];

