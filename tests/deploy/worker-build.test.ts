import { createHash } from "node:crypto";
import { readFile, readdir, rm, mkdtemp, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artefactComponents, licenceProblems } from "~/scripts/build/sbom";
import { readElf } from "~/scripts/build/worker-elf";
import { runWorkerBuild, zipListing } from "./helpers/worker-lambda";

/**
 * Packaging choices that need no database: the arm64 artefact (what `npm run deploy` ships) and
 * the ffmpeg download step, against a loopback stand-in for GitHub's release downloads.
 */

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "fp-worker-build-"));
});
afterAll(() => rm(work, { recursive: true, force: true }));

async function sha256(file: string): Promise<string> {
  return createHash("sha256").update(await readFile(file)).digest("hex");
}

async function nativeFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.node$|\.so(\.\d+)*$/.test(entry.name)) out.push(path.join(entry.parentPath, entry.name));
  }
  return out;
}

describe("an arm64 worker artefact", () => {
  it("carries sharp and libvips built for aarch64, and nothing native for another CPU", async () => {
    const out = path.join(work, "arm64");
    const build = await runWorkerBuild(["--arch", "arm64", "--skip-ffmpeg", "--out", out, "--cache-dir", path.join(work, "cache")]);
    expect(build.code, build.output).toBe(0);

    const native = await nativeFiles(path.join(out, "worker", "node_modules"));
    expect(native.map((f) => path.basename(f)).sort()).toEqual(["libvips-cpp.so.8.18.7", "sharp-linux-arm64-0.35.5.node"]);
    for (const file of native) expect(await readElf(file)).toMatchObject({ arch: "arm64" });
    const info = JSON.parse(await readFile(path.join(out, "worker", "build-info.json"), "utf8")) as { arch: string; packages: string[] };
    expect(info.arch).toBe("arm64");
    expect(info.packages).toContain("@img/sharp-linux-arm64@0.35.5 (npm pack, integrity checked)");
    // The migration artefact: the bundle and the SQL, nothing else.
    const migrate = (await zipListing(path.join(out, "migrate.zip"))).map((line) => line.split(/\s+/).pop());
    expect(migrate).toEqual(expect.arrayContaining(["handler.mjs", "migrations/0000_init.sql", "migrations/meta/_journal.json"]));
    expect(migrate.some((name) => name?.startsWith("node_modules/"))).toBe(false);
  });

  it("is built byte for byte the same again, with another umask and a fresh package cache", async () => {
    const out = path.join(work, "arm64-again");
    const again = await runWorkerBuild(["--arch", "arm64", "--skip-ffmpeg", "--out", out, "--cache-dir", path.join(work, "cache-again")], {}, { umask: "077" });
    expect(again.code, again.output).toBe(0);
    for (const zip of ["worker.zip", "migrate.zip"]) expect(await sha256(path.join(out, zip)), zip).toBe(await sha256(path.join(work, "arm64", zip)));
  });
});

describe("the ffmpeg download step", () => {
  // A statically linked ELF for this machine's CPU stands in for ffmpeg: esbuild's own Go binary.
  const hostArch = process.arch === "arm64" ? "arm64" : "x86_64";
  const npmArch = process.arch === "arm64" ? "arm64" : "x64";
  const staticBinary = createRequire(import.meta.url).resolve(`@esbuild/linux-${npmArch}/bin/esbuild`);
  let server: Server;
  let base: string;
  const hits: string[] = [];

  /** Pins for the stand-in: release b-test, both tools pinned to its hash (what a recorded pin looks like). */
  let pins: string;
  const writePins = async (file: string, hash: string | null) => {
    const platforms = { "linux-x64": { ffmpeg: hash, ffprobe: hash }, "linux-arm64": { ffmpeg: hash, ffprobe: hash } };
    await writeFile(file, `${JSON.stringify({ release: "b-test", sha256: platforms }, null, 2)}\n`);
    return file;
  };

  beforeAll(async () => {
    pins = await writePins(path.join(work, "pins.json"), await sha256(staticBinary));
    const body = gzipSync(await readFile(staticBinary));
    server = createServer((req, res) => {
      hits.push(req.url ?? "");
      if (req.url === `/b-test/ffmpeg-linux-${npmArch}.gz` || req.url === `/b-test/ffprobe-linux-${npmArch}.gz`) {
        res.end(body);
      } else if (req.url === `/b-test/linux-${npmArch}.LICENSE`) {
        res.end("GNU GENERAL PUBLIC LICENSE Version 3\n");
      } else {
        res.statusCode = 404;
        res.statusMessage = "Not Found";
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("stops the build, before anything is packaged, with what to do instead", async () => {
    const out = path.join(work, "no-download");
    const other = hostArch === "arm64" ? "x86_64" : "arm64";
    const build = await runWorkerBuild(["--arch", other, "--out", out, "--cache-dir", path.join(work, "cache")], {
      FFMPEG_BINARIES_URL: base,
      FFMPEG_PINS_FILE: pins,
    });
    expect(build.code).toBe(1);
    expect(build.output).toContain(
      `could not download ffmpeg for ${other} from ${base}/b-test/ffmpeg-linux-${other === "arm64" ? "arm64" : "x64"}.gz: HTTP 404 Not Found; ` +
        "pass --skip-ffmpeg for a bundle without it, or --ffmpeg-dir DIR with ffmpeg and ffprobe already downloaded",
    );
    expect(build.output).not.toContain("bundling");
    expect(await readdir(out)).toEqual([]);
  });

  it("unpacks ffmpeg and ffprobe into bin/, executable, and reuses the download next time", async () => {
    const cache = path.join(work, "download-cache");
    const env = { FFMPEG_BINARIES_URL: base, FFMPEG_PINS_FILE: pins };
    hits.length = 0;
    const first = await runWorkerBuild(["--arch", hostArch, "--out", path.join(work, "downloaded"), "--cache-dir", cache], env);
    expect(first.code, first.output).toBe(0);
    expect(hits.filter((url) => url.endsWith(".gz")).sort()).toEqual([`/b-test/ffmpeg-linux-${npmArch}.gz`, `/b-test/ffprobe-linux-${npmArch}.gz`]);
    expect(first.output).not.toContain("ESTIMATE");
    expect(first.output).toContain("fits Lambda's 250 MB unzipped limit");

    const worker = path.join(work, "downloaded", "worker");
    const original = await readFile(staticBinary);
    for (const tool of ["ffmpeg", "ffprobe"]) expect((await readFile(path.join(worker, "bin", tool))).equals(original)).toBe(true);
    expect(await readFile(path.join(worker, "bin", "ffmpeg.LICENSE"), "utf8")).toContain("GENERAL PUBLIC LICENSE");
    const info = JSON.parse(await readFile(path.join(worker, "build-info.json"), "utf8")) as { ffmpeg: unknown };
    expect(info.ffmpeg).toMatchObject({ included: true, static: true });
    const listing = await zipListing(path.join(work, "downloaded", "worker.zip"));
    expect(listing.filter((line) => / bin\/ff(mpeg|probe)$/.test(line)).map((line) => line.slice(0, 10))).toEqual(["-rwxr-xr-x", "-rwxr-xr-x"]);
    // Its SBOM names the binaries by the release they came from, and the packages it ships.
    const components = await artefactComponents(worker);
    expect(components.filter((c) => c.in === "bin")).toEqual([
      expect.objectContaining({ name: "ffmpeg", version: "b-test", licence: "GPL-3.0-or-later" }),
      expect.objectContaining({ name: "ffprobe", version: "b-test", licence: "GPL-3.0-or-later" }),
    ]);
    expect(components).toContainEqual(expect.objectContaining({ name: `@img/sharp-linux-${npmArch}`, in: "node_modules", purl: expect.stringMatching(/^pkg:npm\/%40img\/sharp-linux-/) }));
    expect(licenceProblems(components)).toEqual([]);

    hits.length = 0;
    const second = await runWorkerBuild(["--arch", hostArch, "--out", path.join(work, "from-cache"), "--cache-dir", cache], env);
    expect(second.code, second.output).toBe(0);
    expect(hits).toEqual([]);
    expect(second.output).toContain("(cached in");
  });

  it("refuses a download whose SHA-256 is not the pinned one, and forgets it", async () => {
    const wrong = await writePins(path.join(work, "wrong-pins.json"), "0".repeat(64));
    const out = path.join(work, "mismatch");
    const cache = path.join(work, "mismatch-cache");
    const build = await runWorkerBuild(["--arch", hostArch, "--out", out, "--cache-dir", cache], { FFMPEG_BINARIES_URL: base, FFMPEG_PINS_FILE: wrong });
    expect(build.code).toBe(1);
    expect(build.output).toContain(`ffmpeg for linux-${npmArch} (release b-test) has SHA-256 ${await sha256(staticBinary)}, but ${wrong} pins ${"0".repeat(64)}: this is not the build that was checked, so it is refused.`);
    expect(build.output).not.toContain("bundling");
    expect(await readdir(out)).toEqual([]);
    expect(await readdir(path.join(cache, "ffmpeg", "b-test"))).toEqual([]);
  });

  it("refuses unrecorded pins, printing the hashes, until --record-ffmpeg-pins records them", async () => {
    const unrecorded = await writePins(path.join(work, "unrecorded-pins.json"), null);
    const env = { FFMPEG_BINARIES_URL: base, FFMPEG_PINS_FILE: unrecorded };
    const args = ["--arch", hostArch, "--out", path.join(work, "recorded"), "--cache-dir", path.join(work, "record-cache")];
    const refused = await runWorkerBuild(args, env);
    expect(refused.code).toBe(1);
    const hash = await sha256(staticBinary);
    expect(refused.output).toContain(`is not pinned yet in ${unrecorded}; the download has SHA-256 ffmpeg ${hash}, ffprobe ${hash}`);

    const recorded = await runWorkerBuild([...args, "--record-ffmpeg-pins"], env);
    expect(recorded.code, recorded.output).toBe(0);
    const written = JSON.parse(await readFile(unrecorded, "utf8")) as { sha256: Record<string, { ffmpeg: string | null; ffprobe: string | null }> };
    expect(written.sha256[`linux-${npmArch}`]).toEqual({ ffmpeg: hash, ffprobe: hash });
    // Only this platform was looked at: the other stays unrecorded.
    expect(written.sha256[`linux-${npmArch === "x64" ? "arm64" : "x64"}`]).toEqual({ ffmpeg: null, ffprobe: null });
  });
});
