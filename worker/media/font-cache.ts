import { mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * The folder fontconfig (inside sharp's libvips, for the watermark's text) writes its cache in:
 * `$XDG_CACHE_HOME/fontconfig`, else `~/.cache/fontconfig`. The worker artefact's fonts.conf names
 * only this one, and system configurations list it too.
 */
export function fontCacheDir(env: Record<string, string | undefined> = process.env): string {
  return path.join(env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), ".cache"), "fontconfig");
}

/**
 * Makes the font cache folder before anything renders text. fontconfig creates a missing one on
 * first use, but pango initialises fontconfig on a thread of its own as well, and when both race
 * to create the folder the loser finds "No writable cache directories" (seen in about 1 process in
 * 20 with a fresh temp folder, as on every Lambda cold start). An existing folder is never
 * created again, so nothing races. Best effort: without it fontconfig still renders, uncached.
 */
export function ensureFontCacheDir(env: Record<string, string | undefined> = process.env): string | null {
  const dir = fontCacheDir(env);
  try {
    mkdirSync(dir, { recursive: true });
    return dir;
  } catch {
    return null;
  }
}
