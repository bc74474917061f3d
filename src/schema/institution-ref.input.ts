import { Field, ID, InputType } from "type-graphql";
import { InstitutionKind } from "./enums";

@InputType("InstitutionRefInput", {
  description:
    "An institution, by `id`, or by `name` (exactly one). A name is matched, ignoring case, punctuation and bracketed expansions, " +
    "to an institution in `region`; when there is none it is created, which needs `kind`.",
})
export class InstitutionRefInput {
  @Field(() => ID, { nullable: true, description: "Global ID of an existing institution." })
  id?: string | null;

  @Field(() => String, { nullable: true, description: 'Name of the institution, e.g. "Puskesmas Mangunsari".' })
  name?: string | null;

  @Field(() => InstitutionKind, { nullable: true, description: "Kind of the institution; needed only to create it." })
  kind?: InstitutionKind | null;

  @Field(() => String, {
    nullable: true,
    description: "Where a named institution is: a Kemendagri code or a region name. Defaults to the region of the record it is named for.",
  })
  region?: string | null;
}
