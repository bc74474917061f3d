import { Field, InputType } from "type-graphql";
import { LocalDate } from "./scalars";

@InputType("SourceCitationInput", { description: "The public page a write cites. Every write names one; it becomes a source of what it wrote." })
export class SourceCitationInput {
  @Field(() => String, { description: "http(s) URL of the page." })
  url: string;

  @Field(() => String, { nullable: true, description: "Title of the page." })
  title?: string | null;

  @Field(() => LocalDate, { nullable: true, description: "When the page was read; the day of the write when omitted." })
  retrievedAt?: string | null;
}
