import { statSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Where the worker artefact (scripts/build/worker.ts) puts the files the code otherwise finds in
 * node_modules or on the system: ffmpeg/ffprobe in bin/, the watermark font and a fontconfig file
 * in fonts/ (Lambda has no /etc/fonts). Each default applies only when the file is there and the
 * variable is not already set, so an explicit FFMPEG_PATH (tests, a layer) always wins.
 * With the artefact's fonts.conf, fontconfig caches under XDG_CACHE_HOME, which then defaults to
 * the temp folder: the only writable place on Lambda.
 */
export const ARTEFACT_FILES = {
  FFMPEG_PATH: "bin/ffmpeg",
  FFPROBE_PATH: "bin/ffprobe",
  WATERMARK_FONT_FILE: "fonts/Geist-SemiBold.ttf",
  FONTCONFIG_FILE: "fonts/fonts.conf",
} as const;

/**
 * The artefact's fonts.conf: the fonts folder itself (paths relative to the file), and a cache in
 * $XDG_CACHE_HOME/fontconfig, which applyArtefactDefaults places in the temp folder.
 */
export const ARTEFACT_FONTS_CONF = `<?xml version="1.0"?>
<fontconfig>
  <dir prefix="relative">.</dir>
  <cachedir prefix="xdg">fontconfig</cachedir>
</fontconfig>
`;

export function applyArtefactDefaults(artefactDir: string, env: Record<string, string | undefined> = process.env): string[] {
  const applied: string[] = [];
  for (const [name, relative] of Object.entries(ARTEFACT_FILES)) {
    if (env[name]) continue;
    const file = path.join(artefactDir, relative);
    if (statSync(file, { throwIfNoEntry: false })?.isFile()) {
      env[name] = file;
      applied.push(name);
    }
  }
  if (applied.includes("FONTCONFIG_FILE") && !env.XDG_CACHE_HOME) {
    env.XDG_CACHE_HOME = path.join(os.tmpdir(), "cache");
    applied.push("XDG_CACHE_HOME");
  }
  return applied;
}
