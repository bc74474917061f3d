import { Ctx, Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import type { RequestContext } from "../resolvers/context";
import { Connection } from "./connection";
import { AwardTier, CompetitionLevel, InnovationStatus, Sector } from "./enums";
import { Innovation } from "./innovation.type";
import { Region } from "./region.type";

export enum SearchEngine {
  POSTGRES = "postgres",
  MEILISEARCH = "meilisearch",
}
registerEnumType(SearchEngine, {
  name: "SearchEngine",
  description: "The engine that answered a search.",
  valuesConfig: {
    POSTGRES: { description: "PostgreSQL full-text search in the catalogue's own database (the default, and the fallback)." },
    MEILISEARCH: { description: "Meilisearch, when the server is configured with one." },
  },
});

@ObjectType("SearchHighlights", {
  description:
    "Snippets of the innovation's text with the words that matched the query (in any of their forms, " +
    "through a synonym or a typo correction) wrapped in <mark>…</mark>; … marks where a long text was cut. " +
    "The rest is plain text, not HTML-escaped: render it as text and only the marks as markup.",
})
export class SearchHighlights {
  @Field(() => String, { nullable: true, description: "The name, whole." })
  name: string | null;

  @Field(() => String, { nullable: true, description: "The summary, cropped to about 30 words around the matches when long; null when there is none." })
  summary: string | null;

  @Field(() => String, { nullable: true, description: "The narrative sections, cropped to about 30 words around the matches; null when there are none." })
  narrative: string | null;
}

@ObjectType("SearchHit", { description: "One innovation found by a search, with how well it matched and where." })
export class SearchHit {
  @Field(() => Innovation, { description: "The innovation." })
  innovation: Innovation;

  @Field(() => Float, {
    description: "Relevance: higher is better. Comparable only within one search by one engine; 0 when browsing with an empty query.",
  })
  score: number;

  @Field(() => SearchHighlights, { description: "The name, summary and narrative with the matched words marked." })
  highlights: SearchHighlights;
}

@ObjectType("SectorFacetBucket", { description: "How many hits are in one sector." })
export class SectorFacetBucket {
  @Field(() => Sector, { description: "The sector." })
  sector: Sector;

  @Field(() => Int, { description: "Hits in it." })
  count: number;
}

@ObjectType("ProvinceFacetBucket", { description: "How many hits are in one province." })
export class ProvinceFacetBucket {
  @Field(() => String, { description: 'Kemendagri code of the province, e.g. "33"; use it in filter.regionCodes.' })
  code: string;

  @Field(() => Int, { description: "Hits in it." })
  count: number;

  @Field(() => Region, { nullable: true, description: "The province." })
  async region(@Ctx() ctx: RequestContext): Promise<Region | null> {
    const entity = await ctx.loaders.regionByCode.load(this.code);
    return entity ? Region.from(entity) : null;
  }
}

@ObjectType("LevelFacetBucket", { description: "How many hits have an award at one competition level." })
export class LevelFacetBucket {
  @Field(() => CompetitionLevel, { description: "The competition level." })
  level: CompetitionLevel;

  @Field(() => Int, { description: "Hits with an award at that level." })
  count: number;
}

@ObjectType("TierFacetBucket", { description: "How many hits have an award of one tier." })
export class TierFacetBucket {
  @Field(() => AwardTier, { description: "The award tier." })
  tier: AwardTier;

  @Field(() => Int, { description: "Hits with an award of that tier." })
  count: number;
}

@ObjectType("YearFacetBucket", { description: "How many hits have an award in one year." })
export class YearFacetBucket {
  @Field(() => Int, { description: "The year of the award's edition." })
  year: number;

  @Field(() => Int, { description: "Hits with an award that year." })
  count: number;
}

@ObjectType("SdgFacetBucket", { description: "How many hits serve one Sustainable Development Goal." })
export class SdgFacetBucket {
  @Field(() => Int, { description: "The SDG, 1–17." })
  sdg: number;

  @Field(() => Int, { description: "Hits serving it." })
  count: number;
}

@ObjectType("StatusFacetBucket", { description: "How many hits have one status." })
export class StatusFacetBucket {
  @Field(() => InnovationStatus, { description: "The status." })
  status: InnovationStatus;

  @Field(() => Int, { description: "Hits with it." })
  count: number;
}

@ObjectType("SearchFacets", {
  description:
    "Counts of the hits (all pages) by value, for the current query and filter, most frequent first. " +
    "Only the facets you select are computed. An innovation with several awards counts once in each of its levels, tiers and years.",
})
export class SearchFacets {
  @Field(() => [SectorFacetBucket], { description: "Hits by sector." })
  sector: SectorFacetBucket[];

  @Field(() => [ProvinceFacetBucket], { description: "Hits by province; national bodies, which have none, are not counted." })
  province: ProvinceFacetBucket[];

  @Field(() => [LevelFacetBucket], { description: "Hits by the levels of the competitions they won awards in." })
  level: LevelFacetBucket[];

  @Field(() => [TierFacetBucket], { description: "Hits by the tiers of their awards." })
  tier: TierFacetBucket[];

  @Field(() => [YearFacetBucket], { description: "Hits by the years of their awards." })
  year: YearFacetBucket[];

  @Field(() => [SdgFacetBucket], { description: "Hits by the SDGs they serve." })
  sdg: SdgFacetBucket[];

  @Field(() => [StatusFacetBucket], { description: "Hits by their latest known status." })
  status: StatusFacetBucket[];
}

@ObjectType("SearchHitConnection", { description: "A page of search hits (Relay cursor connection), with facet counts and the engine that answered." })
export class SearchHitConnection extends Connection(SearchHit, "SearchHit", "Number of innovations that match the query and filter.") {
  @Field(() => SearchFacets, { description: "Counts of all hits by sector, province, level, tier, year, SDG and status." })
  facets: SearchFacets;

  @Field(() => SearchEngine, { description: "The engine that answered. When the configured engine is down, this is POSTGRES and extensions.search says why." })
  engine: SearchEngine;
}
