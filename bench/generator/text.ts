import type { Sector } from "../../src/domain/enums";
import { Random } from "./random";
import {
  CATCHWORDS,
  CONNECTORS,
  GENERIC_KEYWORDS,
  METHODS,
  NOVELTIES,
  PLACE_PREFIXES,
  PLACE_SUFFIXES,
  REPLICATION_REQUIREMENTS,
  SECTOR_VOCABULARY,
  SUSTAINABILITY,
  VERBS,
} from "./vocabulary";

/** A generated innovation name: the full name and, when it has one, the acronym and what it stands for. */
export interface GeneratedName {
  name: string;
  acronym: string | null;
  expansion: string | null;
}

/** The narrative sections of a proposal (each a few sentences), as the innovation table holds them. */
export interface GeneratedNarrative {
  problem: string;
  objectives: string;
  novelty: string;
  implementation: string;
  results: string;
  replicationRequirements: string;
  resourcesAndCost: string;
  sustainability: string;
}

/** A place name in the Javanese/Sundanese/Malay pattern: "Sukamaju", "Karanganyar", "Wonorejo". */
export function placeName(rng: Random): string {
  return rng.pick(PLACE_PREFIXES) + rng.pick(PLACE_SUFFIXES);
}

/**
 * The acronym of an expansion, the way agencies coin them: the first syllable of some words, the
 * first letter of others, connectors skipped ("Layanan Tujuh Menit" → "LANTUM" or "LTM"), at most
 * eight letters. Its letters appear in the expansion in order and it starts with the expansion's
 * first letter, so the catalogue's own acronym splitter accepts it.
 */
export function coinAcronym(rng: Random, expansion: string): string {
  const words = expansion.split(" ").filter((w) => !CONNECTORS.includes(w.toLowerCase()));
  const parts = words.map((word) => {
    // A first syllable: consonants up to and including the first vowel, and one more consonant when another follows.
    const m = /^[^aeiou]*[aeiou]([^aeiou](?=[^aeiou]))?/i.exec(word);
    return m && rng.chance(0.55) ? m[0] : word[0];
  });
  for (let k = parts.length - 1; k >= 0 && parts.join("").length > 8; k--) parts[k] = words[k][0];
  return parts.join("").toUpperCase();
}

const EXPANSION_HEADS = ["Sistem", "Layanan", "Gerakan", "Sinergi", "Aksi", "Program", "Pelayanan", "Kolaborasi", "Sentra", "Pusat", "Jaringan", "Kartu", "Klinik", "Rumah", "Gerai"];
const EXPANSION_TAILS = ["Terpadu", "Cepat", "Online", "Digital", "Mandiri", "Prima", "Bersama", "Terintegrasi", "Keliling", "Gratis", "Responsif", "Ramah", "Tuntas"];

function expansionWords(rng: Random, sector: Sector, regionShort: string | null): string {
  const v = SECTOR_VOCABULARY[sector];
  const words = [rng.chance(0.75) ? rng.pick(EXPANSION_HEADS) : rng.pick(v.keywords)];
  const body = rng.sample(v.keywords, rng.int(1, 2));
  if (body.length === 2 && rng.chance(0.2)) body.splice(1, 0, rng.pick(CONNECTORS));
  words.push(...body);
  if (rng.chance(0.55)) words.push(rng.pick(EXPANSION_TAILS));
  if (regionShort && rng.chance(0.15)) words.push(regionShort);
  return [...new Set(words)].join(" ");
}

/**
 * A plausible innovation name for a sector and a region: an acronym with its expansion
 * ("SIGAP (Sistem Informasi Gizi Anak Posyandu)"), a descriptive name ("Rumah Gizi Kendal",
 * "Lapor Bupati"), a catchword service ("JEMPOL Dukcapil") or an e-service ("e-Posyandu").
 */
export function innovationName(rng: Random, sector: Sector, regionShort: string | null): GeneratedName {
  const v = SECTOR_VOCABULARY[sector];
  const style = rng.weighted([
    ["acronym", 45],
    ["head", 30],
    ["catch", 12],
    ["e", 8],
    ["si", 5],
  ] as const);
  const place = regionShort && rng.chance(0.35) ? ` ${regionShort}` : "";
  switch (style) {
    case "acronym": {
      const expansion = expansionWords(rng, sector, regionShort);
      const acronym = coinAcronym(rng, expansion);
      if (acronym.length < 3) return { name: `${expansion}${place}`, acronym: null, expansion: null };
      return { name: `${acronym} (${expansion})`, acronym, expansion };
    }
    case "head": {
      const head = rng.pick(v.nameHeads);
      const tail = rng.chance(0.4) ? ` ${rng.pick(v.keywords)}` : "";
      return { name: `${head}${tail}${place}`, acronym: null, expansion: null };
    }
    case "catch": {
      const word = rng.pick(CATCHWORDS);
      const tail = rng.chance(0.5) ? ` ${rng.pick(v.keywords)}` : place;
      return { name: `${word}${tail}`, acronym: null, expansion: null };
    }
    case "e":
      return { name: `e-${rng.pick(v.keywords)}${rng.chance(0.5) ? ` ${rng.pick(GENERIC_KEYWORDS)}` : ""}${place}`, acronym: null, expansion: null };
    case "si": {
      const expansion = `Sistem ${rng.pick(v.keywords)} ${rng.pick(GENERIC_KEYWORDS)} ${rng.pick(v.keywords)}`;
      const words = expansion.split(" ");
      const short = `Si ${words[1]} ${words[3].slice(0, 4)}`;
      return { name: `${short} (${expansion})`, acronym: short, expansion };
    }
  }
}

function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A one- or two-sentence summary in Indonesian. */
export function summary(rng: Random, sector: Sector, name: string, institution: string, launchYear: number | null): string {
  const v = SECTOR_VOCABULARY[sector];
  const first = rng.weighted([
    [`${name} adalah inovasi ${institution} yang ${rng.pick(VERBS)} ${rng.pick(v.services)} bagi ${rng.pick(v.beneficiaries)} melalui ${rng.pick(METHODS)}.`, 1],
    [`Melalui ${name}, ${institution} ${rng.pick(VERBS)} ${rng.pick(v.services)} sehingga ${rng.pick(v.beneficiaries)} tidak perlu datang ke kantor.`, 1],
    [`Inovasi ${rng.pick(v.services)} ${institution} dengan ${rng.pick(METHODS)} untuk ${rng.pick(v.beneficiaries)}.`, 1],
  ] as const);
  const second = rng.chance(0.6)
    ? ` Berjalan sejak ${launchYear ?? "beberapa tahun terakhir"} dan telah ${rng.pick(["direplikasi daerah lain", "menjangkau seluruh kecamatan", "menurunkan keluhan warga", "menjadi layanan unggulan daerah", "terhubung dengan layanan nasional"])}.`
    : "";
  return first + second;
}

function percentPair(rng: Random): [number, number] {
  const before = rng.int(12, 70);
  return [before, Math.min(99, before + rng.int(8, 30))];
}

/** The eight narrative sections of a proposal, each two or three sentences. */
export function narrative(rng: Random, sector: Sector, acronymOrName: string, headTitle: string, launchYear: number): GeneratedNarrative {
  const v = SECTOR_VOCABULARY[sector];
  const [p1, p2] = rng.sample(v.problems, 2);
  const [b1, b2] = rng.sample(v.beneficiaries, 2);
  const [s1, s2] = rng.sample(v.services, 2);
  const [m1, m2] = rng.sample(METHODS, 2);
  const [from, to] = percentPair(rng);
  const days = rng.int(3, 30);
  const reqs = rng.sample(REPLICATION_REQUIREMENTS, 3);
  const sustain = rng
    .sample(SUSTAINABILITY, 2)
    .map((s) => s.replace("{Head}", headTitle).replace("{n}", String(rng.int(1, 80))).replace("{y}", String(launchYear + rng.int(0, 2))).replace("{k}", String(rng.int(2, 15))));
  return {
    problem: `${sentenceCase(p1)}. Selain itu, ${p2 ?? p1}. Kondisi ini paling dirasakan oleh ${b1}${b2 ? ` dan ${b2}` : ""}.`,
    objectives: `${acronymOrName} bertujuan ${rng.pick(VERBS)} ${s1}, ${rng.pick(VERBS)} ${s2 ?? s1}, dan meningkatkan kepuasan ${b1}.`,
    novelty: `Kebaruan ${acronymOrName} terletak pada ${rng.pick(NOVELTIES)}. Layanan dijalankan dengan ${m1}.`,
    implementation: `Dimulai pada ${launchYear} sebagai uji coba di ${rng.int(2, 6)} desa, kemudian diperluas ke ${rng.int(5, 30)} kecamatan. Tahapannya meliputi sosialisasi, pelatihan petugas, penerapan ${m2}, serta monitoring dan evaluasi setiap triwulan.`,
    results: `${sentenceCase(rng.pick(v.indicators))} meningkat dari ${from}% menjadi ${to}%. Waktu layanan turun dari ${days} hari menjadi ${rng.int(1, Math.max(1, Math.floor(days / 3)))} hari, dan ${rng.int(300, 25000).toLocaleString("id-ID")} ${b1} telah terlayani.`,
    replicationRequirements: `Replikasi membutuhkan ${reqs[0]}, ${reqs[1]}, dan ${reqs[2]}.`,
    resourcesAndCost: `Anggaran bersumber dari APBD sebesar Rp${rng.int(25, 900)} juta per tahun${rng.chance(0.4) ? ", ditambah dana desa" : ""}; melibatkan ${rng.int(4, 60)} petugas dan ${rng.int(10, 400)} kader.`,
    sustainability: `Keberlanjutan ${acronymOrName} ${sustain[0]}, dan ${sustain[1]}.`,
  };
}
