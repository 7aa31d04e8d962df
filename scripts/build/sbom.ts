/**
 * `npm run sbom`: a CycloneDX 1.5 SBOM (JSON) for each artefact that ships, the web server function
 * (.open-next/server-functions/default) and the worker Lambda (.build/worker), written beside it
 * as <artefact>.cdx.json, and a licence check that fails on what the project cannot ship.
 *
 * What an SBOM lists:
 * - every package in the artefact's own node_modules, as shipped (its package.json);
 * - the code esbuild and Next bundled into the artefact's JavaScript: the lock's production tree
 *   (its platform-specific binaries excepted, which ship in node_modules if at all). That is a
 *   superset (the web bundle does not use the worker's packages), marked as such;
 * - ffmpeg and ffprobe when the artefact carries them (bin/), with the release they came from.
 * Run the builds first (`npm run build:web`, `npm run build:worker`); a missing artefact is skipped
 * with a note, so `npm run sbom` after one build covers that one.
 */
import { existsSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { packageNameOf, readPackageLock } from "../checks/package-lock";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface Component {
  name: string;
  version: string;
  /** SPDX expression as the package states it, or null when it states none. */
  licence: string | null;
  purl: string;
  /** How it is in the artefact. */
  in: "node_modules" | "bundled (production tree)" | "bin";
}

const packageJson = z.object({ name: z.string(), version: z.string(), license: z.union([z.string(), z.object({ type: z.string() })]).optional() });

const npmPurl = (name: string, version: string) => `pkg:npm/${name.startsWith("@") ? `%40${name.slice(1)}` : name}@${version}`;

/** Packages in `dir`'s node_modules (nested ones too), from their own package.json. */
async function shippedPackages(dir: string): Promise<Component[]> {
  const found: Component[] = [];
  const visit = async (modules: string): Promise<void> => {
    if (!existsSync(modules)) return;
    for (const entry of await readdir(modules, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
      const dirs = entry.name.startsWith("@") ? (await readdir(path.join(modules, entry.name), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => path.join(modules, entry.name, e.name)) : [path.join(modules, entry.name)];
      for (const pkgDir of dirs) {
        const parsed = packageJson.safeParse(JSON.parse(await readFile(path.join(pkgDir, "package.json"), "utf8").catch(() => "{}")));
        if (parsed.success) {
          const { name, version, license } = parsed.data;
          found.push({ name, version, licence: typeof license === "object" ? license.type : (license ?? null), purl: npmPurl(name, version), in: "node_modules" });
        }
        await visit(path.join(pkgDir, "node_modules"));
      }
    }
  };
  await visit(path.join(dir, "node_modules"));
  return found;
}

/** The lock's production tree, without other platforms' binaries: what the bundles are built from. */
export async function productionTree(lockPath = path.join(repoRoot, "package-lock.json")): Promise<Component[]> {
  const lock = await readPackageLock(lockPath);
  return Object.entries(lock.packages).flatMap(([where, entry]) => {
    const name = packageNameOf(where);
    if (!name || entry.dev || entry.devOptional || entry.os || entry.cpu || !entry.version) return [];
    return [{ name, version: entry.version, licence: entry.license ?? null, purl: npmPurl(name, entry.version), in: "bundled (production tree)" as const }];
  });
}

/** ffmpeg and ffprobe in the worker's bin/, versioned by the release build-info.json records (b6.1.1 → 6.1.1). */
async function ffmpegBinaries(dir: string): Promise<Component[]> {
  if (!existsSync(path.join(dir, "bin", "ffmpeg"))) return [];
  const info = z.object({ ffmpeg: z.object({ release: z.string().nullable().optional() }) }).parse(JSON.parse(await readFile(path.join(dir, "build-info.json"), "utf8")));
  // Binaries the operator supplied (--ffmpeg-dir) come from no pinned release.
  const release = info.ffmpeg.release ?? "unknown";
  const version = /^b(\d[\w.]*)$/.exec(release)?.[1] ?? release;
  // johnvansickle.com's static Linux builds are configured with --enable-gpl --enable-version3.
  return ["ffmpeg", "ffprobe"].map((name) => ({ name, version, licence: "GPL-3.0-or-later", purl: `pkg:generic/${name}@${version}?download_url=https://johnvansickle.com/ffmpeg/`, in: "bin" as const }));
}

export async function artefactComponents(dir: string, lockPath = path.join(repoRoot, "package-lock.json")): Promise<Component[]> {
  const all = [...(await ffmpegBinaries(dir)), ...(await shippedPackages(dir)), ...(await productionTree(lockPath))];
  // One entry per package and version, the shipped one first.
  const seen = new Set<string>();
  return all.filter((c) => !seen.has(c.purl) && seen.add(c.purl));
}

export function cycloneDx(artefact: string, components: readonly Component[]): object {
  return {
    bomFormat: "CycloneDX",
    specVersion: "1.5",
    version: 1,
    metadata: { component: { type: "application", name: `frame-picker-${artefact}`, "bom-ref": `frame-picker-${artefact}` } },
    components: components.map((c) => ({
      type: c.in === "bin" ? "application" : "library",
      "bom-ref": c.purl,
      name: c.name,
      version: c.version,
      purl: c.purl,
      ...(c.licence ? { licenses: [{ expression: c.licence }] } : {}),
      properties: [{ name: "frame-picker:in", value: c.in }],
    })),
  };
}

/**
 * What the project cannot ship, by SPDX id: copyleft that would reach our own code, non-commercial
 * or source-available terms, and no licence at all. Two exceptions, each a separate program or
 * library that our code does not link statically: the ffmpeg binaries (GPL, run as child
 * processes) and sharp's prebuilt libvips (LGPL, a shared library the package loads).
 */
const DENIED = [/^AGPL-/, /^GPL-/, /^LGPL-/, /^SSPL-/, /^BUSL-/, /^CC-BY-NC/, /^CC-BY-SA/, /Commons-Clause/, /^UNLICENSED$/];
const EXCEPTIONS: ReadonlyArray<{ name: RegExp; ids: RegExp; why: string }> = [
  { name: /^(ffmpeg|ffprobe)$/, ids: /^GPL-3\.0-or-later$/, why: "separate programs, run as child processes" },
  { name: /^@img\/sharp-(libvips-)?[\w-]+$/, ids: /^LGPL-3\.0-or-later$/, why: "libvips, a shared library loaded by sharp" },
];

export function licenceProblems(components: readonly Component[]): string[] {
  const problems: string[] = [];
  for (const c of components) {
    if (!c.licence) {
      problems.push(`${c.name}@${c.version}: states no licence`);
      continue;
    }
    // An OR offers a choice: one acceptable alternative is enough. AND needs every part.
    const alternatives = c.licence.replace(/[()]/g, " ").split(/\s+OR\s+/);
    const refused = alternatives.map((alternative) =>
      alternative
        .split(/\s+AND\s+/)
        .map((id) => id.trim())
        .filter((id) => DENIED.some((d) => d.test(id)) && !EXCEPTIONS.some((e) => e.name.test(c.name) && e.ids.test(id))),
    );
    if (refused.every((ids) => ids.length > 0)) problems.push(`${c.name}@${c.version}: ${c.licence} (${[...new Set(refused.flat())].join(", ")} cannot ship)`);
  }
  return problems;
}

const ARTEFACTS = [
  { name: "web", dir: path.join(repoRoot, ".open-next", "server-functions", "default") },
  { name: "worker", dir: path.join(repoRoot, ".build", "worker") },
];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let failed = false;
  for (const { name, dir } of ARTEFACTS) {
    if (!existsSync(dir)) {
      console.log(`${name}: no artefact at ${path.relative(repoRoot, dir)} (build it first), skipped`);
      continue;
    }
    const components = await artefactComponents(dir);
    const out = `${dir}.cdx.json`;
    await writeFile(out, `${JSON.stringify(cycloneDx(name, components), null, 2)}\n`);
    const counts = [...new Set(components.map((c) => c.in))].map((where) => `${components.filter((c) => c.in === where).length} ${where}`);
    console.log(`${name}: ${components.length} components (${counts.join(", ")}) → ${path.relative(repoRoot, out)}`);
    const problems = licenceProblems(components);
    for (const p of problems) console.error(`  licence: ${p}`);
    failed ||= problems.length > 0;
  }
  if (failed) process.exit(1);
  console.log("licences: nothing the project cannot ship");
}
