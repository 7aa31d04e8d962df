import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";

/**
 * Renovate itself cannot run here (it needs GitHub); this checks what the configuration is for:
 * the packages that must move together are each in exactly one group, every rule matches a real
 * dependency (a renamed package would otherwise slip out of its group unnoticed), and versions
 * stay pinned.
 */
const root = path.resolve(import.meta.dirname, "../..");
const config = z
  .object({
    rangeStrategy: z.string(),
    packageRules: z.array(z.object({ groupName: z.string().optional(), matchPackageNames: z.array(z.string()) })),
  })
  .parse(JSON.parse(readFileSync(path.join(root, ".github", "renovate.json"), "utf8")));
const pkg = z.object({ dependencies: z.record(z.string(), z.string()), devDependencies: z.record(z.string(), z.string()) }).parse(JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")));
const dependencies = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });

/** Renovate's matchPackageNames: an exact name, or a regular expression between slashes. */
function matches(pattern: string, name: string): boolean {
  const regex = /^\/(.*)\/$/.exec(pattern);
  return regex ? new RegExp(regex[1]!).test(name) : pattern === name;
}
const groupsOf = (name: string) => config.packageRules.filter((r) => r.groupName && r.matchPackageNames.some((p) => matches(p, name))).map((r) => r.groupName);

describe("the Renovate configuration", () => {
  it("puts the AWS SDK, Next + React, tRPC and drizzle each in one group", () => {
    const expected: Array<[RegExp, string]> = [
      [/^@aws-sdk\//, "AWS SDK"],
      [/^(next|react|react-dom|eslint-config-next|@types\/react|@types\/react-dom)$/, "Next and React"],
      [/^@trpc\//, "tRPC"],
      [/^drizzle-(orm|kit)$/, "drizzle"],
    ];
    for (const [family, group] of expected) {
      const members = dependencies.filter((name) => family.test(name));
      expect(members.length, group).toBeGreaterThan(0);
      for (const name of members) expect(groupsOf(name), name).toEqual([group]);
    }
  });

  it("has no rule that matches none of the dependencies", () => {
    for (const rule of config.packageRules) expect(dependencies.some((name) => rule.matchPackageNames.some((p) => matches(p, name))), JSON.stringify(rule.matchPackageNames)).toBe(true);
  });

  it("keeps versions pinned, as package.json has them", () => {
    expect(config.rangeStrategy).toBe("pin");
    for (const [name, version] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) expect(version, name).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?$/);
  });
});
