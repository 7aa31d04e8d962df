import { statSync } from "node:fs";
import path from "node:path";

/**
 * Where the worker artefact (scripts/build/worker.ts) puts the files the code otherwise finds in
 * node_modules or on the system: ffmpeg/ffprobe in bin/, the watermark font and a fontconfig file
 * in fonts/ (Lambda has no /etc/fonts). Each default applies only when the file is there and the
 * variable is not already set, so an explicit FFMPEG_PATH (tests, a layer) always wins.
 */
export const ARTEFACT_FILES = {
  FFMPEG_PATH: "bin/ffmpeg",
  FFPROBE_PATH: "bin/ffprobe",
  WATERMARK_FONT_FILE: "fonts/Geist-SemiBold.ttf",
  FONTCONFIG_FILE: "fonts/fonts.conf",
} as const;

export function applyArtefactDefaults(artefactDir: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const applied: string[] = [];
  for (const [name, relative] of Object.entries(ARTEFACT_FILES)) {
    if (env[name]) continue;
    const file = path.join(artefactDir, relative);
    if (statSync(file, { throwIfNoEntry: false })?.isFile()) {
      env[name] = file;
      applied.push(name);
    }
  }
  return applied;
}
