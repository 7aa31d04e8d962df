/**
 * ffmpeg work for one video: each segment is rendered on its own into a lossless intermediate
 * (the compressed one at a very high QP instead, so its blocks survive), then one final encode
 * joins them with the planned cuts and dissolves. A fade through black is a fade-out at the end of
 * one segment and a fade-in at the start of the next (xfade's "fadeblack" is lopsided and goes
 * below video black).
 */
import { effectFilter, overexposureGain } from "./effects";
import { runTool, runToolRaw } from "./exec";
import { cropExpressions, OUT_HEIGHT, OUT_WIDTH } from "./framing";
import { photoFile } from "./photo-sources";
import { FPS, SEGMENT_FRAMES, type SegmentPlan, type TransitionPlan, type VideoPlan } from "./plan";

export interface SegmentJob {
  segment: SegmentPlan;
  /** Extra frames before and after the nominal 150, shown during a dissolve. */
  pre: number;
  post: number;
  /** Frames of a fade from / to black at the start / end (a fade through black is two of these and a cut). */
  fadeIn: number;
  fadeOut: number;
  file: string;
}

/** One job per segment, with the extra frames or fades the transitions around it need. */
export function segmentJobs(plan: VideoPlan, fileFor: (index: number) => string): SegmentJob[] {
  return plan.segments.map((segment, index) => {
    const before = plan.transitions.find((t) => t.boundary === index);
    const after = plan.transitions.find((t) => t.boundary === index + 1);
    const dip = (t: TransitionPlan | undefined) => (t?.kind === "fade-through-black" ? t.frames / 2 : 0);
    return {
      segment,
      pre: before?.kind === "dissolve" ? Math.floor(before.frames / 2) : 0,
      post: after?.kind === "dissolve" ? Math.ceil(after.frames / 2) : 0,
      fadeIn: dip(before),
      fadeOut: dip(after),
      file: fileFor(index),
    };
  });
}

export async function renderSegment(ffmpeg: string, job: SegmentJob): Promise<void> {
  const frames = job.pre + SEGMENT_FRAMES + job.post;
  const { effect } = job.segment;
  const { input, chain: framed } = framedSegment(job, frames);
  const gain = effect.kind === "overexposed" ? overexposureGain(await nominalLuma(ffmpeg, job, frames), OUT_WIDTH * OUT_HEIGHT, effect.clipShare) : undefined;
  let chain = framed + effectFilter(effect, job.pre, frames, gain);
  if (job.fadeIn > 0) chain += `,fade=t=in:start_frame=0:nb_frames=${job.fadeIn}`;
  if (job.fadeOut > 0) chain += `,fade=t=out:start_frame=${frames - job.fadeOut}:nb_frames=${job.fadeOut}`;
  chain += "[v]";
  const codec =
    effect.kind === "compressed"
      ? ["-c:v", "libx264", "-preset", "veryfast", "-qp", String(effect.qp)]
      : ["-c:v", "libx264", "-preset", "ultrafast", "-qp", "0"];
  await runTool(ffmpeg, ["-nostdin", "-v", "error", "-y", ...input, "-filter_complex", chain, "-map", "[v]", "-frames:v", String(frames), "-r", String(FPS), ...codec, "-pix_fmt", "yuv420p", job.file]);
}

/** Input and filter chain of a segment's framed picture, before any effect (yuv420p). */
function framedSegment(job: SegmentJob, frames: number): { input: string[]; chain: string } {
  const { photo, framing } = job.segment;
  // Timestamps are rewritten as plain frame numbers at 1/30 s, so every frame lands exactly.
  const exact = `settb=1/${FPS},setpts=N`;
  if (!photo || !framing) {
    return { input: ["-f", "lavfi", "-i", `color=c=black:s=${OUT_WIDTH}x${OUT_HEIGHT}:r=${FPS}`], chain: `[0:v]format=yuv420p,${exact}` };
  }
  const { x, y } = cropExpressions(framing, job.pre);
  const sourceCrop = photo.crop ? `crop=${photo.crop.width}:${photo.crop.height}:${photo.crop.x}:${photo.crop.y},` : "";
  // Scale once, then repeat that one frame: cheaper than re-decoding and re-scaling per frame.
  // The window moves in RGB so odd x/y offsets are kept (yuv420p would round them to even).
  const chain =
    `[0:v]${sourceCrop}scale=${framing.width}:${framing.height}:flags=lanczos,format=rgb24,` +
    `loop=loop=${frames - 1}:size=1:start=0,${exact},crop=${OUT_WIDTH}:${OUT_HEIGHT}:x='${x}':y='${y}',setsar=1,format=yuv420p`;
  return { input: ["-framerate", String(FPS), "-i", photoFile(photo)], chain };
}

/** Y planes (limited range) of the framed picture at the segment's nominal first, middle and last frame. */
async function nominalLuma(ffmpeg: string, job: SegmentJob, frames: number): Promise<Uint8Array> {
  const { input, chain } = framedSegment(job, frames);
  const at = [job.pre, job.pre + SEGMENT_FRAMES / 2, job.pre + SEGMENT_FRAMES - 1];
  const select = `select='${at.map((n) => `eq(n,${n})`).join("+")}'`;
  const planes = await runToolRaw(ffmpeg, [
    "-nostdin", "-v", "error", ...input, "-filter_complex", `${chain},${select},extractplanes=y[v]`,
    "-map", "[v]", "-frames:v", String(at.length), "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "gray", "-",
  ]);
  if (planes.length !== at.length * OUT_WIDTH * OUT_HEIGHT) throw new Error(`measuring luma: got ${planes.length} bytes`);
  return planes;
}

/** The single final encode: hard cuts by concat, dissolves by xfade at their exact frames. */
export async function assembleVideo(ffmpeg: string, plan: VideoPlan, jobs: readonly SegmentJob[], out: string): Promise<void> {
  const exact = `settb=1/${FPS},setpts=N`;
  const parts = jobs.map((_, i) => `[${i}:v]setsar=1,${exact}[s${i}]`);
  let current = "s0";
  for (let i = 1; i < jobs.length; i++) {
    // Fades through black are already in the segments: only dissolves overlap two of them.
    const dissolve = plan.transitions.find((t) => t.boundary === i && t.kind === "dissolve");
    const join = dissolve
      ? // xfade "fade" is a plain cross-dissolve; its "dissolve" is a pixel dither, not what we want.
        `xfade=transition=fade:duration=${(dissolve.frames / FPS).toFixed(6)}:offset=${dissolve.startSec.toFixed(6)}`
      : "concat=n=2:v=1:a=0";
    parts.push(`[${current}][s${i}]${join},${exact}[j${i}]`);
    current = `j${i}`;
  }
  parts.push(`[${current}]format=yuv420p[out]`);
  const gop = String(plan.truth.gopFrames);
  await runTool(ffmpeg, [
    "-nostdin", "-v", "error", "-y",
    ...jobs.flatMap((job) => ["-i", job.file]),
    "-filter_complex", parts.join(";"),
    "-map", "[out]", "-an",
    "-c:v", "libx264", "-preset", "veryfast", "-crf", "20",
    // Regular keyframes: same min and max interval, no scene-cut keyframes.
    "-g", gop, "-keyint_min", gop, "-sc_threshold", "0",
    "-pix_fmt", "yuv420p", "-r", String(FPS), "-fps_mode", "cfr", "-movflags", "+faststart",
    out,
  ]);
}
