/**
 * `npm run build:worker -- [--arch arm64|x86_64] [--skip-ffmpeg | --ffmpeg-dir DIR [--allow-dynamic-ffmpeg] | --record-ffmpeg-pins]
 *                          [--out DIR] [--cache-dir DIR]`
 *
 * Packages the worker Lambda and the migration Lambda (see worker-artefact.ts for what ships
 * where) into <out>/worker, <out>/migrate and their zips (default out: .build; downloads are cached
 * in .build/cache), prints the sizes
 * and fails when the worker would not fit Lambda's 250 MB unzipped limit.
 *
 * ffmpeg: by default ffmpeg-static's static Linux build for --arch is downloaded (needs GitHub),
 * of the release pinned in ffmpeg-pins.json, and refused unless each binary's SHA-256 matches its
 * pin; --record-ffmpeg-pins records the pins not yet recorded (ffmpeg-pins.ts).
 * --skip-ffmpeg builds without it (CI here cannot download; the size check then adds an estimate).
 * --ffmpeg-dir DIR takes ffmpeg + ffprobe from DIR (checked: ELF for --arch, statically linked;
 * not against the pins: whoever passes DIR chose those binaries;
 * --allow-dynamic-ffmpeg accepts a distro build such as Debian's /usr/bin/ffmpeg, which runs
 * the artefact on this machine but would fail on Lambda).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { formatBytes } from "../../core/tiers";
import { bold, describeError, elapsed, fail, green, say, warn, yellow } from "../local/log";
import { FFMPEG_SIZE_ESTIMATE } from "./ffmpeg-binaries";
import { buildArtefacts, type BuildReport, type FfmpegChoice } from "./worker-artefact";
import { LAMBDA_ARCHES, type LambdaArch } from "./worker-elf";
import { LAMBDA_UNZIPPED_LIMIT } from "./worker-size";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

function parseOptions() {
  const { values } = parseArgs({
    options: {
      arch: { type: "string", default: "arm64" },
      "skip-ffmpeg": { type: "boolean", default: false },
      "ffmpeg-dir": { type: "string" },
      "allow-dynamic-ffmpeg": { type: "boolean", default: false },
      "record-ffmpeg-pins": { type: "boolean", default: false },
      out: { type: "string", default: path.join(repoRoot, ".build") },
      "cache-dir": { type: "string", default: path.join(repoRoot, ".build", "cache") },
    },
  });
  const arch = LAMBDA_ARCHES.find((a) => a === values.arch);
  if (!arch) throw new Error(`--arch must be arm64 or x86_64 (got ${values.arch})`);
  if (values["skip-ffmpeg"] && values["ffmpeg-dir"]) throw new Error("--skip-ffmpeg and --ffmpeg-dir contradict each other; pick one");
  if (values["allow-dynamic-ffmpeg"] && !values["ffmpeg-dir"]) throw new Error("--allow-dynamic-ffmpeg only applies with --ffmpeg-dir");
  if (values["record-ffmpeg-pins"] && (values["skip-ffmpeg"] || values["ffmpeg-dir"])) throw new Error("--record-ffmpeg-pins only applies to the download (not with --skip-ffmpeg or --ffmpeg-dir)");
  const ffmpeg: FfmpegChoice = values["skip-ffmpeg"]
    ? { kind: "skip" }
    : values["ffmpeg-dir"]
      ? { kind: "dir", dir: values["ffmpeg-dir"], allowDynamic: values["allow-dynamic-ffmpeg"] }
      : { kind: "download", recordPins: values["record-ffmpeg-pins"] };
  return { arch: arch satisfies LambdaArch, ffmpeg, outDir: path.resolve(values.out), cacheDir: path.resolve(values["cache-dir"]) };
}

function report(r: BuildReport, arch: LambdaArch): void {
  const limit = formatBytes(LAMBDA_UNZIPPED_LIMIT);
  const w = r.worker;
  say(bold(`worker artefact (${arch}): ${w.dir}`));
  say(`  bundle (handler.mjs, measure-thread.mjs, maps, licences) ${formatBytes(w.bundleBytes)}`);
  say(`  unzipped ${formatBytes(w.unzippedBytes)} (${w.unzippedBytes} bytes), zipped ${formatBytes(w.zippedBytes)} → ${w.zip}`);
  if (w.ffmpeg) {
    say(`  ffmpeg + ffprobe: ${formatBytes(w.ffmpeg.bytes)} from ${w.ffmpeg.origin}`);
    if (!w.ffmpeg.static) {
      warn(yellow(bold("  ffmpeg in bin/ is DYNAMICALLY linked: this artefact runs on this machine only, NOT on Lambda.")));
    }
  } else {
    warn(yellow(bold("  NO ffmpeg in this artefact (--skip-ffmpeg): the worker cannot process videos on Lambda unless FFMPEG_PATH/FFPROBE_PATH point at binaries (e.g. a layer).")));
    const projected = w.unzippedBytes + FFMPEG_SIZE_ESTIMATE.unzippedBytes;
    say(
      `  with ffmpeg (ESTIMATE, binaries not downloaded: ${formatBytes(FFMPEG_SIZE_ESTIMATE.unzippedBytes)} unzipped / ` +
        `${formatBytes(FFMPEG_SIZE_ESTIMATE.zippedBytes)} zipped for the pair): unzipped ~${formatBytes(projected)}, ` +
        `zipped ~${formatBytes(w.zippedBytes + FFMPEG_SIZE_ESTIMATE.zippedBytes)}`,
    );
    if (projected > LAMBDA_UNZIPPED_LIMIT) {
      throw new Error(`with ffmpeg the worker would be about ${formatBytes(projected)} unzipped, over Lambda's ${limit} limit`);
    }
  }
  if (w.unzippedBytes > LAMBDA_UNZIPPED_LIMIT) {
    throw new Error(`the worker artefact is ${formatBytes(w.unzippedBytes)} unzipped, over Lambda's ${limit} limit`);
  }
  say(green(`  fits Lambda's ${limit} unzipped limit`));
  const m = r.migrate;
  say(bold(`migration artefact: ${m.dir}`));
  say(`  unzipped ${formatBytes(m.unzippedBytes)}, zipped ${formatBytes(m.zippedBytes)} → ${m.zip}; migrations hash ${m.migrationsHash}`);
}

async function main(): Promise<void> {
  const started = performance.now();
  const options = parseOptions();
  const result = await buildArtefacts({
    repoRoot,
    ...options,
    log: (line) => say(line),
  });
  report(result, options.arch);
  say(`built in ${elapsed(started)}`);
}

main().catch((error: unknown) => {
  fail(describeError(error));
  process.exit(1);
});
