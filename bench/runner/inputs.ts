/** The labelled benchmark videos and the 1080p length clips, from the generator (made once, then cached). */
import { ensureBenchVideos, ensureLengthClips, type ClipSeconds } from "../generate";
import type { GroundTruth } from "../ground-truth";

export type { ClipSeconds } from "../generate";

export interface BenchVideo {
  name: string;
  videoPath: string;
  truth: GroundTruth;
}

/** The first `limit` videos (the generator's plan is prefix-stable), or its default set. */
export async function benchVideos(limit: number | null, log: (line: string) => void): Promise<BenchVideo[]> {
  const videos = await ensureBenchVideos({ ...(limit === null ? {} : { count: limit }), log });
  return videos.map(({ name, videoPath, truth }) => ({ name, videoPath, truth }));
}

export async function lengthClips(seconds: readonly ClipSeconds[], log: (line: string) => void): Promise<Array<{ seconds: ClipSeconds; path: string }>> {
  return ensureLengthClips(seconds, log);
}
