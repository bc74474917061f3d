import { Field, InputType, registerEnumType } from "type-graphql";
import { OrderDirection } from "./enums";

/** The sorts of SEARCH_SORTS (src/search/search-fields.ts), as the API names them. */
export enum SearchOrderField {
  RELEVANCE = "relevance",
  YEAR = "year",
  AWARD_RANK = "awardRank",
}
registerEnumType(SearchOrderField, {
  name: "SearchOrderField",
  description: "What to sort search hits by. Ties are broken by relevance, then by innovation, so pages are stable.",
  valuesConfig: {
    RELEVANCE: {
      description:
        "How well the innovation matches the query (DESC, the default, puts the best first). With an empty query: best award first, then oldest record.",
    },
    YEAR: { description: "Year of the latest award. Innovations without awards come last in either direction." },
    AWARD_RANK: { description: "Best award tier; ASC puts the best first. Innovations without awards come last in either direction." },
  },
});

@InputType("SearchOrder", { description: "Sort order for search hits." })
export class SearchOrder {
  @Field(() => SearchOrderField, { description: "The field to sort by." })
  field: SearchOrderField;

  @Field(() => OrderDirection, {
    nullable: true,
    description: "The direction. Defaults to the natural one: DESC for RELEVANCE and YEAR, ASC (best first) for AWARD_RANK.",
  })
  direction?: OrderDirection | null;
}
