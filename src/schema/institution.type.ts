import { Directive, Field, ObjectType } from "type-graphql";
import type { InstitutionEntity } from "../entities";
import { InstitutionKind } from "./enums";
import { encodeGlobalId } from "./global-id";
import { Node } from "./node.interface";

@Directive(`@key(fields: "id")`)
@Directive(`@key(fields: "slug")`)
@ObjectType("Institution", {
  implements: Node,
  description: "A government body or enterprise (instansi) that runs innovations or adopts them.",
})
export class Institution extends Node {
  readonly __typename = "Institution";

  rowId: number;
  regionCode: string | null;
  parentId: number | null;

  @Field(() => String, { description: "Stable, readable identifier, e.g. \"pemerintah-kota-semarang\"." })
  slug: string;

  @Field(() => String, { description: "Name as sources print it." })
  name: string;

  @Field(() => InstitutionKind, { description: "Kind of institution." })
  kind: InstitutionKind;

  static from(entity: InstitutionEntity): Institution {
    return Object.assign(new Institution(), {
      id: encodeGlobalId("Institution", entity.id),
      rowId: entity.id,
      slug: entity.slug,
      name: entity.name,
      kind: entity.kind as InstitutionKind,
      regionCode: entity.regionCode,
      parentId: entity.parentId,
    });
  }
}
