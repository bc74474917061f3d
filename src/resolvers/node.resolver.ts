import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import { AwardResult } from "../schema/award-result.type";
import { CompetitionEdition } from "../schema/competition-edition.type";
import { Competition } from "../schema/competition.type";
import { decodeGlobalId, type DecodedId } from "../schema/global-id";
import { Innovation } from "../schema/innovation.type";
import { Institution } from "../schema/institution.type";
import { KnowledgeEvent } from "../schema/knowledge-event.type";
import { Node } from "../schema/node.interface";
import { Region } from "../schema/region.type";
import { Replication } from "../schema/replication.type";
import type { RequestContext } from "./context";
import { badUserInput } from "./errors";

const MAX_NODES = 100;

/** Fetches any node through the per-request loaders, so `nodes` batches by type. */
export async function loadNode(ctx: RequestContext, { type, key }: DecodedId): Promise<Node | null> {
  const l = ctx.loaders;
  switch (type) {
    case "Region": {
      const e = await l.regionByCode.load(key);
      return e && Region.from(e);
    }
    case "Innovation": {
      const e = await l.innovationById.load(Number(key));
      return e && Innovation.from(e);
    }
    case "Institution": {
      const e = await l.institutionById.load(Number(key));
      return e && Institution.from(e);
    }
    case "Competition": {
      const e = await l.competitionById.load(Number(key));
      return e && Competition.from(e);
    }
    case "CompetitionEdition": {
      const e = await l.editionById.load(Number(key));
      return e && CompetitionEdition.from(e);
    }
    case "AwardResult": {
      const e = await l.awardById.load(Number(key));
      return e && AwardResult.from(e);
    }
    case "Replication": {
      const e = await l.replicationById.load(Number(key));
      return e && Replication.from(e);
    }
    case "KnowledgeEvent": {
      const e = await l.knowledgeEventById.load(Number(key));
      return e && KnowledgeEvent.from(e);
    }
  }
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: "Any object by its global ID; null when no such object exists. A malformed ID is an error." })
  node(@Ctx() ctx: RequestContext, @Arg("id", () => ID, { description: "A global ID from this API." }) id: string): Promise<Node | null> {
    return loadNode(ctx, decodeGlobalId(id));
  }

  @Query(() => [Node], {
    nullable: "items",
    description: `Several objects by global ID (at most ${MAX_NODES}), in the order asked; null where no such object exists.`,
  })
  nodes(@Ctx() ctx: RequestContext, @Arg("ids", () => [ID], { description: "Global IDs from this API." }) ids: string[]): Promise<(Node | null)[]> {
    if (ids.length > MAX_NODES) throw badUserInput(`"ids" has ${ids.length} IDs; at most ${MAX_NODES} are allowed.`, "ids");
    const decoded = ids.map((id, i) => decodeGlobalId(id, { argument: `ids[${i}]` }));
    return Promise.all(decoded.map((d) => loadNode(ctx, d)));
  }
}
