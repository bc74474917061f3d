import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { printSubgraphSchema } from "@apollo/subgraph";
import { buildCatalogueSchema } from "../src/schema/build-schema";

// Writes the public schema's subgraph SDL to schema.graphql at the repository root, or with `--check`
// exits 1 when the committed file differs from what the code builds. The subgraph SDL is what
// `_service { sdl }` answers, with the @link and @key directives that `rover supergraph compose`
// reads. It is printed in the schema's own order; only line endings and the final newline are
// normalised, so the output is the same on every machine and a diff of schema.graphql shows exactly
// the API change.

/** Where the committed SDL lives: schema.graphql at the repository root. */
export const SCHEMA_FILE = fileURLToPath(new URL("../schema.graphql", import.meta.url));

/** The subgraph SDL of `buildCatalogueSchema()`, as committed in schema.graphql. */
export async function renderSchema(): Promise<string> {
  const sdl = printSubgraphSchema(await buildCatalogueSchema());
  return `${sdl.replace(/\r\n/g, "\n").trimEnd()}\n`;
}

function firstDifferentLine(a: string, b: string): number {
  const left = a.split("\n");
  const right = b.split("\n");
  const length = Math.max(left.length, right.length);
  for (let i = 0; i < length; i++) if (left[i] !== right[i]) return i + 1;
  return length;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { check: { type: "boolean", default: false } } });
  const rendered = await renderSchema();
  if (!values.check) {
    await fs.writeFile(SCHEMA_FILE, rendered);
    process.stdout.write(`Wrote ${SCHEMA_FILE}\n`);
    return 0;
  }
  const committed = await fs.readFile(SCHEMA_FILE, "utf8").catch(() => null);
  if (committed === null) {
    process.stderr.write(`schema.graphql is missing. Run "npm run schema:print" and commit the file.\n`);
    return 1;
  }
  if (committed !== rendered) {
    process.stderr.write(
      `schema.graphql is out of date (first difference at line ${firstDifferentLine(committed, rendered)}). ` +
        `Run "npm run schema:print" and commit the file.\n`,
    );
    return 1;
  }
  process.stdout.write("schema.graphql is up to date.\n");
  return 0;
}

// Importable (a staleness test can call renderSchema); runs only when executed as a script.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main();
}
