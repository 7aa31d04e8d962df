/**
 * Prints the synthesized resource counts by type for every stage (fixture artefacts, us-east-1):
 * `npx tsx infra/bin/resource-counts.ts [region]`.
 */
import { STAGES } from "../lib/config";
import { countByType, synth } from "../test/helpers/synth";

const region = process.argv[2] ?? "us-east-1";
const perStage = STAGES.map((stage) => {
  const app = synth(stage, { region });
  const counts: Record<string, number> = {};
  for (const stack of app.all) {
    for (const [type, n] of Object.entries(countByType(app.template(stack)))) counts[type] = (counts[type] ?? 0) + n;
  }
  return { stage, counts, stacks: app.all.map((s) => s.stackName) };
});

const types = [...new Set(perStage.flatMap((s) => Object.keys(s.counts)))].sort();
const width = Math.max(...types.map((t) => t.length));
console.log(`region ${region}; stacks: ${perStage.map((s) => s.stacks.join(" + ")).join(" | ")}`);
console.log(`${"type".padEnd(width)}  ${STAGES.map((s) => s.padStart(7)).join(" ")}`);
for (const type of types) {
  console.log(`${type.padEnd(width)}  ${perStage.map((s) => String(s.counts[type] ?? 0).padStart(7)).join(" ")}`);
}
const totals = perStage.map((s) => Object.values(s.counts).reduce((a, b) => a + b, 0));
console.log(`${"total".padEnd(width)}  ${totals.map((n) => String(n).padStart(7)).join(" ")}`);
