import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTEFACT_FILES, ARTEFACT_FONTS_CONF } from "~/worker/lambda-defaults";
import { textFontFile } from "~/worker/media/text-image";

/**
 * The watermark's text goes through fontconfig, which on a cold start (Lambda: an empty /tmp)
 * has no cache folder yet. Each run here is a fresh Node process given the worker artefact's
 * fonts folder and a fresh, empty temp folder, as a Lambda container is. Before the folder was
 * made up front, about 1 such process in 20 printed "Fontconfig error: No writable cache
 * directories" (fontconfig and pango's own fontconfig thread racing to create it).
 */

const run = promisify(execFile);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const COLD_STARTS = 16;

let dir: string;
let artefact: string;
let script: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "fp-watermark-fonts-"));
  artefact = path.join(dir, "artefact");
  await mkdir(path.join(artefact, "fonts"), { recursive: true });
  await copyFile(textFontFile()!, path.join(artefact, ARTEFACT_FILES.WATERMARK_FONT_FILE));
  await writeFile(path.join(artefact, ARTEFACT_FILES.FONTCONFIG_FILE), ARTEFACT_FONTS_CONF);
  // What worker/lambda-handler.ts does at load, then one watermarked frame delivered.
  script = path.join(dir, "cold-start.mts");
  const url = (file: string) => JSON.stringify(pathToFileURL(path.join(repo, file)).href);
  await writeFile(
    script,
    `import { applyArtefactDefaults } from ${url("worker/lambda-defaults.ts")};
applyArtefactDefaults(${JSON.stringify(artefact)});
const { renderWholeFrame } = await import(${url("worker/media/render.ts")});
const frame = { pixels: Buffer.alloc(1280 * 720 * 3, 128), width: 1280, height: 720, channels: 3 };
await renderWholeFrame(frame, { maxLongSide: null, watermark: true, format: "jpeg" });
console.log("rendered");
`,
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function coldStart(index: number): Promise<{ output: string; cacheFiles: string[] }> {
  const tmp = path.join(dir, `tmp-${index}`);
  await mkdir(tmp);
  const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", script], {
    cwd: repo,
    env: { NODE_ENV: "production", PATH: process.env.PATH, HOME: tmp, TMPDIR: tmp },
  });
  const cacheFiles = await readdir(path.join(tmp, "cache", "fontconfig")).catch(() => []);
  return { output: stdout + stderr, cacheFiles };
}

describe("the watermark on a cold start with an empty temp folder", () => {
  it(`renders in ${COLD_STARTS} fresh processes without a fontconfig error, caching fonts in the temp folder`, async () => {
    const results = [];
    // Two at a time, like a machine with two cores.
    for (let i = 0; i < COLD_STARTS; i += 2) results.push(...(await Promise.all([coldStart(i), coldStart(i + 1)])));
    for (const { output, cacheFiles } of results) {
      expect(output.trim()).toBe("rendered");
      expect(cacheFiles.some((f) => /\.cache-\d+$/.test(f))).toBe(true);
    }
  });
});
