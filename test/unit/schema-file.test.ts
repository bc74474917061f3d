import fs from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { renderSchema, SCHEMA_FILE } from "../../scripts/print-schema";

describe("schema.graphql", () => {
  it("is the schema the code builds (run `npm run schema:print` after changing the API)", async () => {
    expect(await fs.readFile(SCHEMA_FILE, "utf8")).toBe(await renderSchema());
  });
});
