import { mkdtemp, mkdir, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTEFACT_FILES, applyArtefactDefaults } from "~/worker/lambda-defaults";
import { ensureFontCacheDir, fontCacheDir } from "~/worker/media/font-cache";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "fp-font-cache-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the font cache folder", () => {
  it("is made under XDG_CACHE_HOME, parents included, and making it twice is fine", async () => {
    const env = { XDG_CACHE_HOME: path.join(dir, "fresh", "cache") };
    expect(ensureFontCacheDir(env)).toBe(path.join(dir, "fresh", "cache", "fontconfig"));
    expect(ensureFontCacheDir(env)).toBe(path.join(dir, "fresh", "cache", "fontconfig"));
    expect((await stat(path.join(dir, "fresh", "cache", "fontconfig"))).isDirectory()).toBe(true);
  });

  it("falls back to ~/.cache/fontconfig, as fontconfig does", () => {
    expect(fontCacheDir({ HOME: "/home/someone" })).toBe("/home/someone/.cache/fontconfig");
  });

  it("is reported as unavailable, not thrown, where it cannot be made", async () => {
    const file = path.join(dir, "a-file");
    await writeFile(file, "");
    expect(ensureFontCacheDir({ XDG_CACHE_HOME: file })).toBeNull();
  });
});

describe("the worker artefact's defaults", () => {
  it("point fontconfig's cache at the temp folder (the only writable one on Lambda) when the artefact brings fonts.conf", async () => {
    const artefact = path.join(dir, "artefact");
    await mkdir(path.join(artefact, path.dirname(ARTEFACT_FILES.FONTCONFIG_FILE)), { recursive: true });
    await writeFile(path.join(artefact, ARTEFACT_FILES.FONTCONFIG_FILE), "<fontconfig/>");
    const env: Record<string, string | undefined> = {};
    expect(applyArtefactDefaults(artefact, env)).toEqual(["FONTCONFIG_FILE", "XDG_CACHE_HOME"]);
    expect(env.XDG_CACHE_HOME).toBe(path.join(os.tmpdir(), "cache"));

    const configured: Record<string, string | undefined> = { XDG_CACHE_HOME: "/elsewhere" };
    applyArtefactDefaults(artefact, configured);
    expect(configured.XDG_CACHE_HOME).toBe("/elsewhere");
  });

  it("leave XDG_CACHE_HOME alone without the artefact's fonts.conf", async () => {
    const env: Record<string, string | undefined> = {};
    expect(applyArtefactDefaults(path.join(dir, "empty"), env)).toEqual([]);
    expect(env.XDG_CACHE_HOME).toBeUndefined();
  });
});
