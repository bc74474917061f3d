import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Innovation } from "../schema/innovation.type";
import { Institution } from "../schema/institution.type";
import { Replication } from "../schema/replication.type";
import { Source } from "../schema/source.type";
import type { RequestContext } from "./context";
import { subjectKey } from "./loaders";

@Resolver(() => Replication)
export class ReplicationResolver {
  @FieldResolver(() => Innovation, { description: "The innovation being copied." })
  async origin(@Root() replication: Replication, @Ctx() ctx: RequestContext): Promise<Innovation> {
    const entity = await ctx.loaders.innovationById.load(replication.originInnovationId);
    if (!entity) throw new Error(`Replication ${replication.rowId} has no origin`);
    return Innovation.from(entity);
  }

  @FieldResolver(() => Institution, { description: "The institution copying it." })
  async adopter(@Root() replication: Replication, @Ctx() ctx: RequestContext): Promise<Institution> {
    const entity = await ctx.loaders.institutionById.load(replication.adopterInstitutionId);
    if (!entity) throw new Error(`Replication ${replication.rowId} has no adopter`);
    return Institution.from(entity);
  }

  @FieldResolver(() => Innovation, { nullable: true, description: "The adopter's own innovation derived from it, if it has one." })
  async derivedInnovation(@Root() replication: Replication, @Ctx() ctx: RequestContext): Promise<Innovation | null> {
    if (replication.derivedInnovationId == null) return null;
    const entity = await ctx.loaders.innovationById.load(replication.derivedInnovationId);
    return entity ? Innovation.from(entity) : null;
  }

  @FieldResolver(() => [Source], { description: "The public pages that state this replication." })
  async sources(@Root() replication: Replication, @Ctx() ctx: RequestContext): Promise<Source[]> {
    return (await ctx.loaders.sourcesBySubject.load(subjectKey("replication", replication.rowId))).map((s) => Source.from(s));
  }
}
