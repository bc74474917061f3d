import { describe, expect, it } from "vitest";
import { toSearchDocument } from "../../src/search/search-document";
import {
  FILTERABLE_ATTRIBUTES,
  SEARCH_FACETS,
  SEARCH_FILTER_FIELDS,
  SEARCH_SORTS,
  SEARCH_TEXT_WEIGHTS,
  SORTABLE_ATTRIBUTES,
} from "../../src/search/search-fields";
import { MAX_SEARCH_WINDOW } from "../../src/search/search-backend";
import { loadSearchLexicon, parseSearchLexicon } from "../../src/search/text/lexicon";
import { meilisearchTerm, toMeilisearchDocument } from "../../src/search/meilisearch/documents";
import {
  buildMeilisearchSettings,
  MAX_TOTAL_HITS,
  meilisearchSynonyms,
  RANKING_RULES,
  searchableAttributes,
} from "../../src/search/meilisearch/settings";

const lexicon = loadSearchLexicon();
const settings = buildMeilisearchSettings(lexicon);

/** Every attribute a Meilisearch document has, from a real projected document. */
const documentAttributes = new Set(
  Object.keys(
    toMeilisearchDocument(
      toSearchDocument({
        innovation: {
          id: 1, slug: "x", name: "X", acronym: null, acronymExpansion: null, aliases: [], summary: null, narrative: [],
          sector: "other", sdgs: [], status: null, regionCode: null,
        },
        institutionName: "Y",
        region: null,
        province: null,
        awards: [],
      }),
    ),
  ),
);

describe("the Meilisearch settings", () => {
  it("search the text groups in weight order, each followed by its analysed terms", () => {
    expect(settings.searchableAttributes).toEqual([
      "name", "acronym", "acronymExpansion", "aliases", "termsA",
      "summary", "institutionName", "regionNames", "termsB",
      "narrative", "termsC",
      "awardLabels", "sectorLabels", "termsD",
    ]);
    expect(searchableAttributes().indexOf("name")).toBeLessThan(searchableAttributes().indexOf("narrative"));
    for (const attribute of Object.values(SEARCH_TEXT_WEIGHTS).flat()) expect(settings.searchableAttributes).toContain(attribute);
  });

  it("filter, facet and sort on exactly the attributes the search definitions name", () => {
    expect(settings.filterableAttributes).toEqual([...FILTERABLE_ATTRIBUTES]);
    expect(settings.sortableAttributes).toEqual([...SORTABLE_ATTRIBUTES]);
    for (const spec of Object.values(SEARCH_FILTER_FIELDS)) {
      for (const attribute of "attribute" in spec ? [spec.attribute] : spec.attributes) expect(settings.filterableAttributes).toContain(attribute);
    }
    for (const attribute of Object.values(SEARCH_FACETS)) expect(settings.filterableAttributes).toContain(attribute);
    for (const attribute of Object.values(SEARCH_SORTS)) if (attribute) expect(settings.sortableAttributes).toContain(attribute);
  });

  it("name only attributes that documents have", () => {
    const named = [
      ...(settings.searchableAttributes ?? []),
      ...(settings.filterableAttributes ?? []).map(String),
      ...(settings.sortableAttributes ?? []),
      ...RANKING_RULES.filter((rule) => rule.includes(":")).map((rule) => rule.split(":")[0]),
    ];
    for (const attribute of named) expect(documentAttributes, attribute).toContain(attribute);
  });

  it("rank by an explicit sort first, then relevance, then the best award, then the id", () => {
    expect(settings.rankingRules).toEqual(["sort", "words", "typo", "proximity", "attribute", "exactness", "bestTierRank:asc", "innovationId:asc"]);
  });

  it("tolerate typos as the Postgres engine does, never on lexicon words or numbers", () => {
    expect(settings.typoTolerance).toMatchObject({ enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }, disableOnNumbers: true });
    const disabled = settings.typoTolerance?.disableOnWords ?? [];
    expect(disabled).toEqual(expect.arrayContaining(["pengaduan", "keluhan", "complaint", "adu", meilisearchTerm("keluhan")]));
    for (const word of lexicon.knownWords) expect(disabled).toContain(word);
  });

  it("take stopwords from the lexicon, count every hit and page no deeper than the API allows", () => {
    expect(settings.stopWords).toEqual([...lexicon.stopwords].sort());
    expect(settings.stopWords).toContain("yang");
    expect(settings.pagination?.maxTotalHits).toBe(MAX_TOTAL_HITS);
    expect(MAX_TOTAL_HITS).toBeGreaterThanOrEqual(MAX_SEARCH_WINDOW);
  });
});

describe("meilisearchSynonyms", () => {
  it("makes every member of a group find every other, in folded and searched forms", () => {
    const small = parseSearchLexicon({
      synonyms: { groups: [["Aduan", "pengaduan", "complaint"]] },
      acronyms: { acronyms: [{ acronym: "PTSP", expansions: ["Pelayanan Terpadu Satu Pintu"] }] },
      stopwords: { stopwords: ["yang"], optional: [] },
    });
    expect(meilisearchSynonyms(small)).toEqual({
      adu: ["aduan", "complaint", "pengaduan"],
      aduan: ["adu", "complaint", "pengaduan"],
      complaint: ["adu", "aduan", "pengaduan"],
      "layan padu satu pintu": ["pelayanan terpadu satu pintu", "ptsp"],
      "pelayanan terpadu satu pintu": ["layan padu satu pintu", "ptsp"],
      pengaduan: ["adu", "aduan", "complaint"],
      ptsp: ["layan padu satu pintu", "pelayanan terpadu satu pintu"],
    });
  });

  it("are symmetric and come from the seeds/search data", () => {
    const synonyms = settings.synonyms ?? {};
    for (const [word, others] of Object.entries(synonyms)) {
      for (const other of others) expect(synonyms[other], `${other} → ${word}`).toContain(word);
    }
    // Every member of every lexicon group finds every other (acronyms both ways, synonyms, English).
    for (const group of lexicon.groups) {
      for (const a of group) for (const b of group) if (a !== b) expect(synonyms[a.join(" ")]).toContain(b.join(" "));
    }
    // Also in the forms queries are sent in.
    expect(synonyms[meilisearchTerm("keluhan")]).toEqual(expect.arrayContaining(["aduan", "complaint", meilisearchTerm("pengaduan")]));
    expect(synonyms.ptsp).toContain("single window");
  });
});
