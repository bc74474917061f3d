import { Field, ObjectType } from "type-graphql";
import type { SourceEntity } from "../entities";
import { LocalDate } from "./scalars";

@ObjectType("Source", { description: "A public page that states facts held in the catalogue (provenance)." })
export class Source {
  @Field(() => String, { description: "Address of the page." })
  url: string;

  @Field(() => String, { nullable: true, description: "Title of the page, where recorded." })
  title: string | null;

  @Field(() => String, { nullable: true, description: "Who published the page (a site or organisation)." })
  publisher: string | null;

  @Field(() => LocalDate, { nullable: true, description: "When the page was read, where recorded." })
  retrievedAt: string | null;

  static from(entity: SourceEntity): Source {
    return Object.assign(new Source(), {
      url: entity.url,
      title: entity.title,
      publisher: entity.publisher,
      retrievedAt: entity.retrievedAt,
    });
  }
}
