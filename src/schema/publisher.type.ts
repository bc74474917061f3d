import { Field, ObjectType, registerEnumType } from "type-graphql";
import type { PublisherEntity } from "../entities";

/** GraphQL mirror of PUBLISHER_KINDS (publishing/publisher-kind.ts); internal values are the stored codes. */
export enum PublisherKind {
  NATIONAL_BODY = "national_body",
  REGIONAL_GOVERNMENT = "regional_government",
  ORGANISER = "organiser",
  OTHER = "other",
}
registerEnumType(PublisherKind, {
  name: "PublisherKind",
  description: "What kind of body a publisher is. What it may write is set by its scope, not its kind.",
  valuesConfig: {
    NATIONAL_BODY: { description: "A ministry or national agency, e.g. KemenPANRB." },
    REGIONAL_GOVERNMENT: { description: "A provincial, regency or city government body, e.g. a provincial organisation bureau." },
    ORGANISER: { description: "Another competition organiser: a university, a newspaper, a foundation." },
    OTHER: { description: "Anyone else." },
  },
});

@ObjectType("Publisher", {
  description:
    "Someone who writes to the catalogue through the API, within a scope: a region (a province covers its regencies and cities) " +
    "and/or the competitions it organises.",
})
export class Publisher {
  rowId: number;
  regionCode: string | null;

  @Field(() => String, { description: 'Name, e.g. "Biro Organisasi Setda Provinsi Jawa Tengah".' })
  name: string;

  @Field(() => PublisherKind, { description: "What kind of body it is." })
  kind: PublisherKind;

  static from(entity: PublisherEntity): Publisher {
    return Object.assign(new Publisher(), {
      rowId: entity.id,
      regionCode: entity.regionCode,
      name: entity.name,
      kind: entity.kind as PublisherKind,
    });
  }
}
