import { Directive, Field, ObjectType } from "type-graphql";
import type { RegionEntity } from "../entities";
import { RegionKind } from "./enums";
import { encodeGlobalId } from "./global-id";
import { Node } from "./node.interface";

@Directive(`@key(fields: "id")`)
@Directive(`@key(fields: "code")`)
@ObjectType("Region", {
  implements: Node,
  description: "A province, regency (kabupaten) or city (kota), identified by its Kemendagri code.",
})
export class Region extends Node {
  readonly __typename = "Region";

  @Field(() => String, { description: 'Kemendagri code: "33" for Jawa Tengah, "33.74" for Kota Semarang.' })
  code: string;

  @Field(() => String, { description: 'Official name, e.g. "Kota Semarang", "Kabupaten Pekalongan".' })
  name: string;

  @Field(() => RegionKind, { description: "Province, regency or city." })
  kind: RegionKind;

  parentCode: string | null;

  static from(entity: RegionEntity): Region {
    return Object.assign(new Region(), {
      id: encodeGlobalId("Region", entity.code),
      code: entity.code,
      name: entity.name,
      kind: entity.kind as RegionKind,
      parentCode: entity.parentCode,
    });
  }
}
