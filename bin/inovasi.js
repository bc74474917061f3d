#!/usr/bin/env node
// The `inovasi` command (package.json "bin"). It runs the TypeScript CLI through tsx in this same
// process, so signals reach the server directly and no build step is needed. The tsconfig is named
// explicitly because tsx would otherwise look for one in the current directory, and the schema needs
// its legacy-decorator setting.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
await import("../src/cli/main.ts");
