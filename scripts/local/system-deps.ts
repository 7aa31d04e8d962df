import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execVisible } from "./exec";
import { describeError, dim, fail, say } from "./log";

/**
 * The programs the app needs from the operating system, found (or installed) in one place.
 * Lookups are synchronous so config files (playwright.config.ts) can use them too.
 */

export type SystemDep = "ffmpeg" | "postgres" | "chromium" | "zip" | "opencv";

export interface FoundDeps {
  ffmpegPath?: string;
  ffprobePath?: string;
  /** Folder holding initdb, pg_ctl and postgres. */
  pgBinDir?: string;
  chromiumPath?: string;
  zipPath?: string;
  /** A Python 3 that can `import cv2` (the benchmark's original algorithm, bench/pickers/original.py). */
  opencvPython?: string;
  /** OpenCV's frontal-face Haar cascade, haarcascade_frontalface_default.xml. */
  haarCascade?: string;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The first executable of that name on PATH. */
export function which(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

/** An env override must point at a real program: a typo should fail loudly, not fall back silently. */
function fromEnv(variable: string): string | undefined {
  const value = process.env[variable];
  if (!value) return undefined;
  if (!isExecutable(value)) throw new Error(`${variable}=${value} is not an executable file`);
  return value;
}

export function findFfmpeg(): { ffmpegPath: string; ffprobePath: string } | undefined {
  const ffmpegPath = fromEnv("FFMPEG_PATH") ?? which("ffmpeg");
  const ffprobePath =
    fromEnv("FFPROBE_PATH") ??
    (ffmpegPath && isExecutable(path.join(path.dirname(ffmpegPath), "ffprobe"))
      ? path.join(path.dirname(ffmpegPath), "ffprobe")
      : which("ffprobe"));
  return ffmpegPath && ffprobePath ? { ffmpegPath, ffprobePath } : undefined;
}

const pgServerPrograms = ["initdb", "pg_ctl", "postgres"];
const hasPgServer = (dir: string) => pgServerPrograms.every((p) => isExecutable(path.join(dir, p)));

/** Versioned install folders (Debian, Homebrew), newest major version first. */
function versionedDirs(parent: string, pattern: RegExp, suffix: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(parent);
  } catch {
    return [];
  }
  return names
    .map((name) => ({ name, version: Number(pattern.exec(name)?.[1]) }))
    .filter((d) => Number.isFinite(d.version) && d.version > 0)
    .sort((a, b) => b.version - a.version)
    .map((d) => path.join(parent, d.name, suffix));
}

export function findPostgresBinDir(): string | undefined {
  const override = process.env.PG_BIN_DIR;
  if (override) {
    if (!hasPgServer(override)) throw new Error(`PG_BIN_DIR=${override} does not hold ${pgServerPrograms.join(", ")}`);
    return override;
  }
  const onPath = which("pg_ctl");
  const candidates = [
    ...(onPath ? [path.dirname(fs.realpathSync(onPath))] : []),
    ...versionedDirs("/usr/lib/postgresql", /^(\d+)$/, "bin"),
    ...versionedDirs("/opt/homebrew/opt", /^postgresql@(\d+)$/, "bin"),
    ...versionedDirs("/usr/local/opt", /^postgresql@(\d+)$/, "bin"),
    "/opt/homebrew/opt/postgresql/bin",
    "/usr/local/opt/postgresql/bin",
    "/Applications/Postgres.app/Contents/Versions/latest/bin",
  ];
  return candidates.find(hasPgServer);
}

export function findChromium(): string | undefined {
  const override = fromEnv("CHROMIUM_PATH");
  if (override) return override;
  const named = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"].map(which).find(Boolean);
  const macApps = [
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  ];
  return named ?? macApps.find(isExecutable);
}

const HAAR_CASCADE = "haarcascade_frontalface_default.xml";

/** Where cv2 says its cascades are (pip wheels ship them; Debian's cv2 has no cv2.data), "" if it does not say. */
const CV2_PROBE = "import cv2; print(getattr(getattr(cv2, 'data', None), 'haarcascades', ''))";

/** The cascade folder this Python's cv2 reports, "" when it reports none; undefined when it cannot import cv2. */
function probeCv2(python: string): string | undefined {
  const result = spawnSync(python, ["-c", CV2_PROBE], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 60_000 });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/**
 * A Python 3 with OpenCV and the face cascade: BENCH_PYTHON, else /usr/bin/python3 (Debian's
 * python3-opencv; a pyenv or venv python3 earlier on PATH usually has no cv2), else python3 on PATH.
 */
export function findOpencv(): { opencvPython: string; haarCascade: string } | undefined {
  const override = fromEnv("BENCH_PYTHON");
  if (override && probeCv2(override) === undefined) throw new Error(`BENCH_PYTHON=${override} cannot \`import cv2\``);
  // Not /usr/bin/python3 on macOS: without the command line tools it is a stub that opens an installer.
  const candidates = override ? [override] : [...new Set([...(process.platform === "linux" ? ["/usr/bin/python3"] : []), which("python3")])];
  for (const python of candidates) {
    if (!python || !isExecutable(python)) continue;
    const cv2Dir = probeCv2(python);
    if (cv2Dir === undefined) continue;
    const dirs = [
      ...(cv2Dir ? [cv2Dir] : []),
      "/usr/share/opencv4/haarcascades",
      "/usr/share/opencv/haarcascades",
      "/opt/homebrew/share/opencv4/haarcascades",
      "/usr/local/share/opencv4/haarcascades",
    ];
    const haarCascade = dirs.map((dir) => path.join(dir, HAAR_CASCADE)).find((file) => fs.existsSync(file));
    if (haarCascade) return { opencvPython: python, haarCascade };
  }
  return undefined;
}

interface DepInfo {
  label: string;
  /** One or more Debian packages, space-separated. */
  aptPackage: string;
  find: () => Partial<FoundDeps> | undefined;
  describe: (found: Partial<FoundDeps>) => string;
  howToInstall: string;
  /** Checked only when named: `npm run system-deps` with no arguments leaves it out. */
  onlyWhenAsked?: boolean;
}

const deps: Record<SystemDep, DepInfo> = {
  ffmpeg: {
    label: "ffmpeg + ffprobe (video decoding)",
    aptPackage: "ffmpeg",
    find: findFfmpeg,
    describe: (f) => `${f.ffmpegPath}, ${f.ffprobePath}`,
    howToInstall: "Debian/Ubuntu: `sudo apt-get install ffmpeg`; macOS: `brew install ffmpeg`; or set FFMPEG_PATH and FFPROBE_PATH",
  },
  postgres: {
    label: "PostgreSQL server binaries (initdb, pg_ctl, postgres)",
    aptPackage: "postgresql",
    find: () => {
      const pgBinDir = findPostgresBinDir();
      return pgBinDir ? { pgBinDir } : undefined;
    },
    describe: (f) => `${f.pgBinDir}`,
    howToInstall:
      "Debian/Ubuntu: `sudo apt-get install postgresql`; macOS: `brew install postgresql@16`; or set PG_BIN_DIR to the folder that holds initdb and pg_ctl",
  },
  chromium: {
    label: "Chromium (browser tests)",
    aptPackage: "chromium",
    find: () => {
      const chromiumPath = findChromium();
      return chromiumPath ? { chromiumPath } : undefined;
    },
    describe: (f) => `${f.chromiumPath}`,
    howToInstall:
      "Debian: `sudo apt-get install chromium`; elsewhere install Chromium or Google Chrome; or set CHROMIUM_PATH to its executable",
  },
  zip: {
    label: "zip, unzip, zipinfo (Lambda artefacts)",
    aptPackage: "zip unzip",
    find: () => {
      const zipPath = which("zip");
      return zipPath && which("unzip") && which("zipinfo") ? { zipPath } : undefined;
    },
    describe: (f) => `${f.zipPath}`,
    howToInstall: "Debian/Ubuntu: `sudo apt-get install zip unzip`; macOS ships them",
  },
  opencv: {
    label: "Python 3 with OpenCV (the benchmark's original algorithm)",
    aptPackage: "python3-opencv opencv-data",
    find: findOpencv,
    describe: (f) => `${f.opencvPython}, ${f.haarCascade}`,
    howToInstall:
      "Debian/Ubuntu: `sudo apt-get install python3-opencv opencv-data`; elsewhere: `pip install opencv-python-headless` (it ships the face cascades), and set BENCH_PYTHON to that python if it is not python3 on PATH",
    // Only the benchmark needs it.
    onlyWhenAsked: true,
  },
};

/** How long apt-get waits for another apt or dpkg process to let go of its lock. */
const APT_LOCK_WAIT_SEC = 600;

const canUseApt = () => process.getuid?.() === 0 && which("apt-get") !== undefined;

async function aptInstall(packages: string[]): Promise<void> {
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  // A fresh machine may still be busy with apt (boot-time updates, another install): wait for its
  // lock rather than fail at once.
  const waitForLock = ["-o", `DPkg::Lock::Timeout=${APT_LOCK_WAIT_SEC}`];
  say(`installing ${packages.join(", ")} with apt-get (running as root) …`);
  // `update` only here: when everything is installed already we never touch apt.
  if ((await execVisible("apt-get", [...waitForLock, "update"], { env })) !== 0) throw new Error("apt-get update failed");
  const code = await execVisible("apt-get", [...waitForLock, "install", "-y", "--no-install-recommends", ...packages], { env });
  if (code !== 0) throw new Error(`apt-get install ${packages.join(" ")} failed (exit ${code})`);
}

/**
 * Makes sure the named programs exist: uses what is there (env overrides, PATH, the usual install
 * folders), installs the rest with apt-get when running as root on Debian, else fails with what to
 * install. Returns where everything is.
 */
export async function ensureSystemDeps(needs: readonly SystemDep[]): Promise<FoundDeps> {
  const found: FoundDeps = {};
  const missing: SystemDep[] = [];
  for (const dep of needs) {
    const result = deps[dep].find();
    if (result) {
      Object.assign(found, result);
      say(`${deps[dep].label}: ${dim(deps[dep].describe(result))}`);
    } else {
      say(`${deps[dep].label}: not found`);
      missing.push(dep);
    }
  }
  if (missing.length === 0) return found;

  if (canUseApt()) {
    await aptInstall(missing.flatMap((dep) => deps[dep].aptPackage.split(" ")));
  }
  const stillMissing: SystemDep[] = [];
  for (const dep of missing) {
    const result = deps[dep].find();
    if (result) {
      Object.assign(found, result);
      say(`${deps[dep].label}: ${dim(deps[dep].describe(result))}`);
    } else {
      stillMissing.push(dep);
    }
  }
  if (stillMissing.length > 0) {
    const lines = stillMissing.map((dep) => `  - ${deps[dep].label}: ${deps[dep].howToInstall}`);
    throw new Error(`Missing system programs:\n${lines.join("\n")}`);
  }
  return found;
}

/** The env vars that tell the app, the tests and Playwright where the programs are. */
export function depsEnv(found: FoundDeps): Record<string, string> {
  const env: Record<string, string> = {};
  if (found.ffmpegPath) env.FFMPEG_PATH = found.ffmpegPath;
  if (found.ffprobePath) env.FFPROBE_PATH = found.ffprobePath;
  if (found.pgBinDir) env.PG_BIN_DIR = found.pgBinDir;
  if (found.chromiumPath) env.CHROMIUM_PATH = found.chromiumPath;
  return env;
}

// `tsx scripts/local/system-deps.ts ffmpeg postgres chromium` (no arguments: all but the only-when-asked ones)
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const isSystemDep = (name: string): name is SystemDep => name in deps;
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !isSystemDep(name));
  if (unknown.length > 0) {
    fail(`unknown dependency ${unknown.join(", ")} (choose from ${Object.keys(deps).join(", ")})`);
    process.exit(2);
  }
  const needs = asked.length > 0 ? asked.filter(isSystemDep) : Object.keys(deps).filter(isSystemDep).filter((dep) => !deps[dep].onlyWhenAsked);
  ensureSystemDeps(needs).catch((error: unknown) => {
    fail(describeError(error));
    process.exit(1);
  });
}
