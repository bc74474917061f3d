import { describe, expect, it } from "vitest";
import { buildCatalogueSchema } from "../../src/schema/build-schema";
import { undescribedSchemaElements } from "../../src/schema/describe-check";

describe("the public schema", () => {
  it("describes every type, field, argument, input field and enum value", async () => {
    expect(undescribedSchemaElements(await buildCatalogueSchema())).toEqual([]);
  });
});
