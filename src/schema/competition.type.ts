import { Directive, Field, ObjectType } from "type-graphql";
import type { CompetitionEntity } from "../entities";
import { CompetitionLevel } from "./enums";
import { encodeGlobalId } from "./global-id";
import { Node } from "./node.interface";

@Directive(`@key(fields: "id")`)
@Directive(`@key(fields: "slug")`)
@ObjectType("Competition", {
  implements: Node,
  description: "A competition series, such as KIPP (held as SINOVIK in 2014–2016) or KIPP Provinsi Jawa Tengah.",
})
export class Competition extends Node {
  readonly __typename = "Competition";

  rowId: number;
  scopeRegionCode: string | null;

  @Field(() => String, { description: 'Stable, readable identifier, e.g. "kipp".' })
  slug: string;

  @Field(() => String, { description: "Name of the series." })
  name: string;

  @Field(() => String, { nullable: true, description: 'Short name, e.g. "KIPP".' })
  shortName: string | null;

  @Field(() => [String], { description: "Other names the series has carried, e.g. SINOVIK for 2014–2016." })
  aliases: string[];

  @Field(() => String, { description: "Who organises it, e.g. KemenPANRB." })
  organizer: string;

  @Field(() => CompetitionLevel, { description: "Level at which it is held." })
  level: CompetitionLevel;

  @Field(() => String, { nullable: true, description: "What the series is, where recorded." })
  description: string | null;

  static from(entity: CompetitionEntity): Competition {
    return Object.assign(new Competition(), {
      id: encodeGlobalId("Competition", entity.id),
      rowId: entity.id,
      slug: entity.slug,
      name: entity.name,
      shortName: entity.shortName,
      aliases: entity.aliases,
      organizer: entity.organizer,
      level: entity.level as CompetitionLevel,
      description: entity.description,
      scopeRegionCode: entity.scopeRegionCode,
    });
  }
}
