import { Field, ID, InterfaceType } from "type-graphql";

/** Relay's Node interface: anything with a stable, opaque global ID that `node(id:)` can fetch. */
@InterfaceType("Node", {
  description: "An object with a stable, opaque global ID. Fetch any of them with `node(id:)` or `nodes(ids:)`.",
  resolveType: (value: { __typename?: string }) => value.__typename,
})
export abstract class Node {
  @Field(() => ID, { description: "Opaque global ID, stable across releases. Pass it to `node(id:)`." })
  id: string;
}
