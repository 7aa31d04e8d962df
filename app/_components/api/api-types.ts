import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "~/server/api/root";

/** What the API returns, named for the components that render it. */
type Outputs = inferRouterOutputs<AppRouter>;

export type UploadTicket = Outputs["upload"]["create"];
export type JobView = Outputs["job"]["status"];
export type JobStatus = JobView["status"];
export type JobStage = JobView["stage"];
export type FrameView = Outputs["job"]["frames"]["frames"][number];
export type StoryboardView = NonNullable<Outputs["job"]["frames"]["storyboard"]>;
export type JobTimelineView = NonNullable<Outputs["job"]["timeline"]>;
export type CropView = FrameView["crops"][number];
export type VideoListItem = Outputs["video"]["list"]["videos"][number];
export type VideoJobSummary = VideoListItem["jobs"][number];

/** A video that is ready to be configured: enough to re-run it without uploading again. */
export interface ReadyVideo {
  videoId: string;
  name: string;
  sizeBytes: number | null;
  durationSec: number | null;
  /** The frame's size as displayed, when known (the browser's reading, or the worker's probe). */
  width: number | null;
  height: number | null;
}
