/**
 * Checks a finished video against its labels before they are written: frame count, size, and
 * keyframes exactly every GOP (the runner compares pickers across GOPs, so this must hold).
 * Reads packet headers only, no decoding, so it costs well under a second.
 */
import type { GroundTruth } from "~/bench/ground-truth";
import { runTool } from "./exec";

interface ProbeJson {
  streams?: Array<{ width?: number; height?: number }>;
  packets?: Array<{ pts?: number; flags?: string }>;
}

export async function verifyVideo(ffprobe: string, file: string, truth: GroundTruth): Promise<void> {
  const json = JSON.parse(
    await runTool(ffprobe, ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height:packet=pts,flags", "-of", "json", file]),
  ) as ProbeJson;
  const stream = json.streams?.[0];
  const packets = [...(json.packets ?? [])].sort((a, b) => (a.pts ?? 0) - (b.pts ?? 0));
  const expectedFrames = Math.round(truth.durationSec * truth.fps);
  const problems: string[] = [];
  if (stream?.width !== truth.width || stream.height !== truth.height) problems.push(`size ${stream?.width}×${stream?.height}`);
  if (packets.length !== expectedFrames) problems.push(`${packets.length} frames, expected ${expectedFrames}`);
  const keyframes = packets.flatMap((p, i) => (p.flags?.startsWith("K") ? [i] : []));
  const expectedKeys = Math.ceil(expectedFrames / truth.gopFrames);
  if (keyframes.length !== expectedKeys || keyframes.some((i) => i % truth.gopFrames !== 0)) {
    problems.push(`keyframes at frames ${keyframes.slice(0, 8).join(",")}…, expected every ${truth.gopFrames}`);
  }
  if (problems.length > 0) throw new Error(`${file}: ${problems.join("; ")}`);
}
