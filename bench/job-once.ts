/**
 * One job through the worker's real path, in a fresh process, for the end-to-end section:
 *
 *   node --import tsx bench/job-once.ts <jobId>
 *
 * The environment names the local stand-ins (PostgreSQL, S3 + SQS) the runner started, as the
 * worker's own would. A warm worker has its face model and its measuring thread up already, so
 * both start before the clock; then `processJob` runs the job from claim to commit, exactly as a
 * delivery of its message does. Then one moment added by hand (at 61 % of the video, between
 * keyframes) is rendered as `processMoment` does for the owner's "Add … to the picks". Prints one
 * marked JSON line (runner/child-protocol.ts).
 */
import { eq } from "drizzle-orm";
import { closeDb } from "~/db/client";
import { jobs, momentRequests, videos } from "~/db/schema";
import { defaultWorkerDeps } from "~/worker/handler";
import { sharedFrameMeasurer } from "~/worker/picker/frame-measurer";
import { processJob } from "~/worker/process-job";
import { processMoment } from "~/worker/process-moment";
import { RESULT_MARKER, type JobOnceResult } from "./runner/child-protocol";

const jobId = process.argv[2];
if (!jobId) throw new Error("usage: job-once.ts <jobId>");

const deps = defaultWorkerDeps();
const loadStart = performance.now();
await deps.faceDetector();
const detectorLoadMs = performance.now() - loadStart;
await sharedFrameMeasurer().measure(new Uint8Array(64 * 36), 64, 36, 0, null);

const start = performance.now();
const outcome = await processJob(deps, jobId, 1);
const processMs = performance.now() - start;

const [row] = await deps.db.select({ status: jobs.status, errorReason: jobs.errorReason, timings: jobs.timings, videoId: jobs.videoId }).from(jobs).where(eq(jobs.id, jobId));

// A moment by hand, as the page asks for one (its rank past any the job could have).
let momentMs: number | null = null;
if (row?.status === "done") {
  const [video] = await deps.db.select({ durationSec: videos.durationSec }).from(videos).where(eq(videos.id, row.videoId));
  const [moment] = await deps.db.insert(momentRequests).values({ jobId, timestampSec: (video?.durationSec ?? 1) * 0.61, rank: 99 }).returning();
  const momentStart = performance.now();
  if ((await processMoment(deps, moment!.id, 1)) === "ack") momentMs = performance.now() - momentStart;
}
await closeDb();
const result: JobOnceResult = {
  outcome,
  status: row?.status ?? "missing",
  errorReason: row?.errorReason ?? null,
  timings: row?.timings ?? null,
  // The job's own claim → done; the storyboard comes after it.
  jobMs: row?.timings?.totalMs ?? processMs,
  afterDoneMs: processMs - (row?.timings?.totalMs ?? processMs),
  momentMs,
  detectorLoadMs,
  processMaxRssMb: process.resourceUsage().maxRSS / 1024,
};
process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`);
// The measuring thread and the pool's sockets would keep the process alive.
process.exit(0);
