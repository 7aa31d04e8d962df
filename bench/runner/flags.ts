/** Command-line flags of bench/run.ts. */
import { PICK_QUALITIES } from "~/core/pick-params";

export const ALL_PICKERS = ["thumbnail", "uniform", "random", "original", "baseline", ...PICK_QUALITIES.map((q) => `v2-${q}` as const)] as const;
export type PickerName = (typeof ALL_PICKERS)[number];

export const ALL_SECTIONS = ["quality", "real", "speed", "memory", "job", "ui"] as const;
export type SectionName = (typeof ALL_SECTIONS)[number];

/** Kinds of clip in the real-footage section. */
export const ALL_SOURCES = ["real", "degraded-real", "generator-2", "long-gop"] as const;
export type SourceName = (typeof ALL_SOURCES)[number];

export interface BenchFlags {
  pickers: PickerName[];
  sections: SectionName[];
  /** Which kinds of clip the real-footage section runs on. */
  sources: SourceName[];
  repeats: number;
  /** How many benchmark videos; null = all. */
  videos: number | null;
  /** Run the 300 s and 600 s clips of the memory section. */
  longClips: boolean;
}

export const USAGE = `usage: npm run bench -- [--quick] [--only <picker,...>] [--sections <section,...>] [--sources <kind,...>] [--repeats N] [--videos N]
  --quick       2 videos, 1 repeat, no 300/600 s clips (a fast loop)
  --only        pickers: ${ALL_PICKERS.join(",")}
  --sections    ${ALL_SECTIONS.join(",")} (default: all)
  --sources     clips of the real section: ${ALL_SOURCES.join(",")} (default: all)
  --repeats N   timings on the 60 s clip are the median of N runs (default 3)
  --videos N    only the first N benchmark videos`;

/** Exits with the usage on a bad flag instead of a stack trace. */
export function parseFlagsOrExit(argv: readonly string[]): BenchFlags {
  try {
    return parseFlags(argv);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
}

export function parseFlags(argv: readonly string[]): BenchFlags {
  const flags: BenchFlags = { pickers: [...ALL_PICKERS], sections: [...ALL_SECTIONS], sources: [...ALL_SOURCES], repeats: 3, videos: null, longClips: true };
  let quick = false;
  let repeats: number | null = null;
  let videos: number | null = null;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return next;
    };
    if (flag === "--quick") quick = true;
    else if (flag === "--only") flags.pickers = listOf(value(), ALL_PICKERS, flag);
    else if (flag === "--sections") flags.sections = listOf(value(), ALL_SECTIONS, flag);
    else if (flag === "--sources") flags.sources = listOf(value(), ALL_SOURCES, flag);
    else if (flag === "--repeats") repeats = positiveInt(value(), flag);
    else if (flag === "--videos") videos = positiveInt(value(), flag);
    else if (flag === "--help" || flag === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown flag ${flag}\n${USAGE}`);
  }
  // --quick sets defaults; explicit --repeats / --videos still win.
  flags.repeats = repeats ?? (quick ? 1 : 3);
  flags.videos = videos ?? (quick ? 2 : null);
  flags.longClips = !quick;
  return flags;
}

function listOf<T extends string>(text: string, allowed: readonly T[], flag: string): T[] {
  const items = text.split(",").map((s) => s.trim()).filter(Boolean);
  const unknown = items.filter((item) => !(allowed as readonly string[]).includes(item));
  if (unknown.length > 0 || items.length === 0) throw new Error(`${flag}: unknown ${unknown.join(", ") || "(empty)"}; choose from ${allowed.join(",")}`);
  // Canonical order, whatever order they were typed in: tables always read the same way.
  return allowed.filter((name) => items.includes(name));
}

function positiveInt(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a whole number ≥ 1, got "${text}"`);
  return n;
}
