import { runCli } from "./run-cli";

// The entry point of `inovasi` (bin/inovasi.js, npm start). The exit code is set rather than forced
// with process.exit(), so that output piped to another process is flushed before exit.
process.exitCode = await runCli(process.argv.slice(2));
