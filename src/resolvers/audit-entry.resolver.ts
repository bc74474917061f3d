import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { AuditEntryEntity } from "../entities";
import type { SourceSubjectType } from "../entities/source-link.entity";
import { AuditEntryFilter } from "../schema/audit-entry-filter.input";
import { AuditEntry, AuditEntryConnection, SUBJECT_NODE_TYPES } from "../schema/audit-entry.type";
import { Competition } from "../schema/competition.type";
import { ConnectionArgs, parsePageRequest, toConnection } from "../schema/connection";
import { decodeGlobalId, decodeIntId } from "../schema/global-id";
import { Node } from "../schema/node.interface";
import { Publisher } from "../schema/publisher.type";
import { Region } from "../schema/region.type";
import type { RequestContext } from "./context";
import { badUserInput } from "./errors";
import { checkedList } from "./filters";
import { loadNode } from "./node.resolver";
import { keysetPage, selectColumns, SqlParams } from "./sql";

const SUBJECT_TYPE_OF_NODE = new Map(Object.entries(SUBJECT_NODE_TYPES).map(([subject, node]) => [node as string, subject as SourceSubjectType]));

/** WHERE conditions (alias `a`) for an audit filter. */
function auditConditions(filter: AuditEntryFilter | null | undefined, params: SqlParams): string[] {
  const where: string[] = [];
  const names = checkedList(filter?.publisherNames, "filter.publisherNames");
  if (names) where.push(`a.publisher_id IN (SELECT id FROM publisher WHERE name = ANY(${params.add(names)}::text[]))`);
  const operations = checkedList(filter?.operations, "filter.operations");
  if (operations) where.push(`a.operation = ANY(${params.add(operations)}::text[])`);
  const subjects = checkedList(filter?.subjectIds, "filter.subjectIds");
  if (subjects) {
    const decoded = subjects.map((id) => decodeGlobalId(id, { argument: "filter.subjectIds" }));
    const types = decoded.map(({ type }) => {
      const subjectType = SUBJECT_TYPE_OF_NODE.get(type);
      if (!subjectType) throw badUserInput(`"filter.subjectIds" holds the ID of a ${type}; writes to ${type}s are not audited.`, "filter.subjectIds");
      return subjectType;
    });
    where.push(
      `(a.subject_type, a.subject_id) IN (SELECT * FROM unnest(${params.add(types)}::text[], ${params.add(decoded.map((d) => Number(d.key)))}::int[]))`,
    );
  }
  const innovations = checkedList(filter?.innovationIds, "filter.innovationIds");
  if (innovations) {
    const ids = params.add(innovations.map((id) => decodeIntId(id, "Innovation", "filter.innovationIds")));
    where.push(`((a.subject_type = 'innovation' AND a.subject_id = ANY(${ids}::int[]))
      OR (a.subject_type = 'award_result' AND a.subject_id IN (SELECT id FROM award_result WHERE innovation_id = ANY(${ids}::int[])))
      OR (a.subject_type = 'replication' AND a.subject_id IN (SELECT id FROM replication WHERE origin_innovation_id = ANY(${ids}::int[]))))`);
  }
  return where;
}

@Resolver(() => AuditEntry)
export class AuditEntryResolver {
  @Query(() => AuditEntryConnection, {
    description: "The audit trail of every write publishers made through the API, newest first: who, when, what changed, citing which page.",
  })
  async auditEntries(
    @Ctx() ctx: RequestContext,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
    @Arg("filter", () => AuditEntryFilter, { nullable: true, description: "What to narrow the trail to." }) filter?: AuditEntryFilter | null,
  ): Promise<AuditEntryConnection> {
    const page = parsePageRequest(paging);
    const params = new SqlParams();
    return toConnection(
      AuditEntryConnection,
      await keysetPage(ctx.dataSource, {
        from: "FROM audit_entry a",
        select: selectColumns(ctx.dataSource, AuditEntryEntity, "a"),
        where: auditConditions(filter, params),
        params,
        sort: [{ expr: "a.id", direction: "DESC" }],
        page,
        cursorKind: "auditEntries",
        map: (row: AuditEntryEntity) => AuditEntry.from(row),
      }),
    );
  }

  @FieldResolver(() => Publisher, { description: "Who made the write." })
  async publisher(@Root() entry: AuditEntry, @Ctx() ctx: RequestContext): Promise<Publisher> {
    const entity = await ctx.loaders.publisherById.load(entry.publisherId);
    if (!entity) throw new Error(`Audit entry ${entry.rowId} has no publisher ${entry.publisherId}`);
    return Publisher.from(entity);
  }

  @FieldResolver(() => Node, { nullable: true, description: "The record written, as it is now." })
  subject(@Root() entry: AuditEntry, @Ctx() ctx: RequestContext): Promise<Node | null> {
    return loadNode(ctx, { type: SUBJECT_NODE_TYPES[entry.subjectType], key: String(entry.subjectRowId) });
  }
}

@Resolver(() => Publisher)
export class PublisherResolver {
  @FieldResolver(() => Region, { nullable: true, description: "The region it writes in (a province covers its regencies and cities); null for none." })
  async scopeRegion(@Root() publisher: Publisher, @Ctx() ctx: RequestContext): Promise<Region | null> {
    if (!publisher.regionCode) return null;
    const entity = await ctx.loaders.regionByCode.load(publisher.regionCode);
    return entity ? Region.from(entity) : null;
  }

  @FieldResolver(() => [Competition], { description: "The competition series it organises, whose editions and results it records." })
  async scopeCompetitions(@Root() publisher: Publisher, @Ctx() ctx: RequestContext): Promise<Competition[]> {
    return (await ctx.loaders.competitionsByPublisherId.load(publisher.rowId)).map((c) => Competition.from(c));
  }
}
