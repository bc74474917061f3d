import { CompetitionEdition } from "../schema/competition-edition.type";
import { Competition } from "../schema/competition.type";
import { decodeGlobalId, decodeIntId } from "../schema/global-id";
import { Innovation } from "../schema/innovation.type";
import { Institution } from "../schema/institution.type";
import { Region } from "../schema/region.type";
import type { RequestContext } from "./context";
import { badUserInput } from "./errors";

/** A representation sent by a gateway: `__typename` plus the fields of one of the type's `@key`s. */
type Representation = Readonly<Record<string, unknown>>;

/** Reference resolvers by type name, in the shape `buildSubgraphSchema` merges into its resolver map. */
export type ReferenceResolverMap = Readonly<
  Record<string, { __resolveReference(representation: Representation, ctx: RequestContext): Promise<unknown> }>
>;

/** How one key field of an entity finds its row, through the request's loaders. */
type KeyLookup<E> = (value: string, ctx: RequestContext) => Promise<E | null>;

// The `_entities` argument every representation error points at.
const ARGUMENT = "representations";

/**
 * The reference resolver of an entity whose rows `lookups` find by key field (in the order its
 * `@key`s are declared) and `from` maps to the API type. The first key field present in the
 * representation decides the lookup. A representation with none of them, or with a key value that is
 * not a string, is BAD_USER_INPUT.
 */
function entity<E, T>(typeName: string, from: (row: E) => T, lookups: Readonly<Record<string, KeyLookup<E>>>) {
  const fields = Object.keys(lookups);
  return {
    async __resolveReference(representation: Representation, ctx: RequestContext): Promise<T | null> {
      for (const field of fields) {
        const value = representation[field];
        if (value === undefined || value === null) continue;
        if (typeof value !== "string") {
          throw badUserInput(`A representation of ${typeName} has a non-string "${field}": ${JSON.stringify(value)}.`, ARGUMENT);
        }
        const row = await lookups[field](value, ctx);
        return row && from(row);
      }
      throw badUserInput(`A representation of ${typeName} needs one of its key fields: ${fields.map((f) => `"${f}"`).join(" or ")}.`, ARGUMENT);
    },
  };
}

/**
 * Federation reference resolvers (`__resolveReference`) of the catalogue's entities: how a gateway's
 * representation, such as `{ __typename: "Innovation", slug: "lapor-hendi" }`, becomes the object.
 *
 * Contract:
 * - Keys: Innovation `id` | `slug`; Institution `id` | `slug`; Region `id` | `code`; Competition
 *   `id` | `slug`; CompetitionEdition `id`. `id` is the global ID (as `node(id:)` takes it); the other
 *   keys match exactly, as this API returns them.
 * - Every lookup goes through the request's DataLoaders, so any number of representations of one
 *   type and key costs one SQL statement.
 * - A key that matches nothing resolves to null, as federation expects of an entity that does not
 *   exist; a malformed key (a wrong-type or undecodable ID) is a BAD_USER_INPUT error for that entity.
 */
export const REFERENCE_RESOLVERS: ReferenceResolverMap = {
  Innovation: entity("Innovation", Innovation.from, {
    id: (id, ctx) => ctx.loaders.innovationById.load(decodeIntId(id, "Innovation", ARGUMENT)),
    slug: (slug, ctx) => ctx.loaders.innovationBySlug.load(slug),
  }),
  Institution: entity("Institution", Institution.from, {
    id: (id, ctx) => ctx.loaders.institutionById.load(decodeIntId(id, "Institution", ARGUMENT)),
    slug: (slug, ctx) => ctx.loaders.institutionBySlug.load(slug),
  }),
  Region: entity("Region", Region.from, {
    id: (id, ctx) => ctx.loaders.regionByCode.load(decodeGlobalId(id, { expected: "Region", argument: ARGUMENT }).key),
    code: (code, ctx) => ctx.loaders.regionByCode.load(code),
  }),
  Competition: entity("Competition", Competition.from, {
    id: (id, ctx) => ctx.loaders.competitionById.load(decodeIntId(id, "Competition", ARGUMENT)),
    slug: (slug, ctx) => ctx.loaders.competitionBySlug.load(slug),
  }),
  CompetitionEdition: entity("CompetitionEdition", CompetitionEdition.from, {
    id: (id, ctx) => ctx.loaders.editionById.load(decodeIntId(id, "CompetitionEdition", ARGUMENT)),
  }),
};
