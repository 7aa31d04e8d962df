#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, using the repo's tsconfig (for the `~/` path alias)
// wherever the command is started from.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
const { runCli } = await import("../worker/cli.ts");

const controller = new AbortController();
// First Ctrl-C stops ffmpeg cleanly; a second one exits at once.
process.once("SIGINT", () => {
  controller.abort();
  process.once("SIGINT", () => process.exit(130));
});
process.exitCode = await runCli(process.argv.slice(2), undefined, controller.signal);
