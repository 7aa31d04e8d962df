import { UserError } from "~/core/errors";
import type { Video } from "~/db/schema";

/** A job can only be made from a finished, accepted upload; the same words wherever one is asked for. */
export function assertRunnable(video: Pick<Video, "status" | "rejectReason">): void {
  if (video.status === "uploading") {
    throw new UserError("PRECONDITION_FAILED", "The upload has not finished yet. Wait for it to complete, then try again.");
  }
  if (video.status === "rejected") {
    throw new UserError("BAD_REQUEST", video.rejectReason ?? "This file cannot be processed.");
  }
}
