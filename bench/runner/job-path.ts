/**
 * Section 6: the whole job, as the worker runs it. Each run is `processJob` (bench/job-once.ts, a
 * fresh worker process with its face model and measuring thread up, as a warm worker has them)
 * against the local stand-ins the app uses without AWS: a throwaway PostgreSQL cluster and S3 +
 * SQS in this process. It downloads the upload from S3, probes, picks, renders, uploads and
 * commits; the job's own stage timings (core/stage-timings.ts) give the split. Clips: 60 s of
 * noisy test pattern at 720p, 1080p and 2160p with 1 s and 5 s GOPs; every preset in both modes,
 * for a Pro owner (full-size output, the heaviest render). Each clip's decode anchors are timed in
 * the same run.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CompleteMultipartUploadCommand, CreateMultipartUploadCommand, S3Client, UploadPartCommand } from "@aws-sdk/client-s3";
import { ReceiveMessageCommand, SendMessageCommand, SQSClient, type Message } from "@aws-sdk/client-sqs";
import { eq } from "drizzle-orm";
import { DEFAULT_PICK_PARAMS, PICK_MODES, type PickMode, type PickQuality } from "~/core/pick-params";
import { TIMED_STAGES, type TimedStage } from "~/core/stage-timings";
import { jobFramesPrefix } from "~/core/storage-keys";
import { WORKER_PROCESS_ENV } from "~/core/worker-process";
import { createDb, type Db } from "~/db/client";
import { runMigrations } from "~/db/migrate";
import { jobs, subscriptions, users, videos } from "~/db/schema";
import { startLocalAws, LOCAL_AWS } from "~/scripts/local/aws";
import { startPostgres } from "~/scripts/local/postgres";
import { freePort } from "~/scripts/local/ports";
import { resolveFfmpeg, resolveFfprobe } from "~/worker/media/binaries";
import { sqsRecordOf } from "~/worker/sqs-record";
import { invokeInFreshNode, runWorkerBuild, unzip } from "../../tests/deploy/helpers/worker-lambda";
import { ensureJobClips, JOB_CLIP_SHAPES, type ClipShape } from "../clips";
import { parseJobOnceOutput } from "./child-protocol";
import { measureProcess, measureProcessAsync } from "./measure";
import { shortError } from "./run-picker";
import { DECODE_ANCHORS } from "./speed";
import { fmt, passFail, renderTable } from "./table";

const JOB_ONCE = join(import.meta.dirname, "..", "job-once.ts");

export interface JobPathRow extends ClipShape {
  quality: PickQuality;
  mode: PickMode;
  /** `processJob`, claim to commit, in the worker's process: what the user waits for. */
  jobSec: number;
  /** The storyboard, made after the job is done. */
  afterDoneSec: number;
  /** A moment added by hand, rendered by the worker (download included). */
  momentSec: number;
  stagesMs: Partial<Record<TimedStage, number>>;
  cpuSec: number;
  /** The worker's own Node process, and the largest process of its tree (an ffmpeg child, perhaps). */
  ownRssMb: number;
  peakRssMb: number;
  error: string | null;
}

export interface DecodeAnchor extends ClipShape {
  fullSec: number;
  keyframeSec: number;
}

/** The built worker artefact's first job in a fresh process, as a Lambda cold start runs it. */
export interface ColdStart {
  /** Process start → the job claimed: Node, the bundle's import, the handler's first query. */
  toClaimSec: number;
  /** Then the face model's load (the job's `faceModel` stage). */
  faceModelSec: number;
  /** Process start → the job done. */
  toDoneSec: number;
  /** The same job on a warm worker (the table's row). */
  warmJobSec: number | null;
  error: string | null;
}

export interface JobPathResult {
  anchors: DecodeAnchor[];
  rows: JobPathRow[];
  coldStart: ColdStart | null;
}

export const clipLabel = (c: ClipShape) => `${c.height}p, ${c.gopFrames / 30} s GOP`;

export async function runJobPath(qualities: readonly PickQuality[], log: (line: string) => void, shapes: readonly ClipShape[] = JOB_CLIP_SHAPES): Promise<JobPathResult> {
  const clips = await ensureJobClips(log, shapes);
  const dataDir = await mkdtemp(join(tmpdir(), "bench-job-pg-"));
  const pg = await startPostgres({ dataDir, port: await freePort(), persistent: false });
  const aws = await startLocalAws({ port: 0 }).catch(async (error: unknown) => {
    await pg.stop();
    throw error;
  });
  const db = createDb(pg.url);
  const s3 = new S3Client({
    region: LOCAL_AWS.region,
    endpoint: aws.env.S3_ENDPOINT,
    forcePathStyle: true,
    credentials: { accessKeyId: LOCAL_AWS.accessKeyId, secretAccessKey: LOCAL_AWS.secretAccessKey },
  });
  const anchors: DecodeAnchor[] = [];
  const rows: JobPathRow[] = [];
  let coldStart: ColdStart | null = null;
  try {
    await runMigrations(pg.url);
    const ownerId = crypto.randomUUID();
    await db.db.insert(users).values({ id: ownerId, email: `${ownerId}@bench.local`, isAnonymous: false });
    await db.db.insert(subscriptions).values({ id: `sub_${ownerId.replaceAll("-", "")}`, userId: ownerId, status: "active", interval: "month", currentPeriodEnd: new Date(Date.now() + 86_400_000) });
    // The worker's own environment, as production sets it (core/worker-process.ts).
    const childEnv = { ...process.env, ...aws.env, ...WORKER_PROCESS_ENV, DATABASE_URL: pg.url };

    for (const clip of clips) {
      const full = measureProcess(`full decode ${clipLabel(clip)}`, resolveFfmpeg(), DECODE_ANCHORS.full(clip.path));
      const keyframes = measureProcess(`keyframe decode ${clipLabel(clip)}`, resolveFfmpeg(), DECODE_ANCHORS.keyframes(clip.path));
      anchors.push({ height: clip.height, gopFrames: clip.gopFrames, fullSec: full.wallSec, keyframeSec: keyframes.wallSec });
      log(`job path: ${clipLabel(clip)}: full decode ${fmt(full.wallSec)} s, keyframes ${fmt(keyframes.wallSec)} s`);

      const videoId = crypto.randomUUID();
      const s3Key = `uploads/${ownerId}/${videoId}/source.mp4`;
      const body = await readFile(clip.path);
      const size = body.byteLength;
      await uploadInParts(s3, s3Key, body);
      await db.db.insert(videos).values({ id: videoId, ownerId, status: "uploaded", originalName: `bench-${clip.height}p.mp4`, contentType: "video/mp4", sizeBytes: size, s3Key, uploadedAt: new Date() });
      const newJob = async (quality: PickQuality, mode: PickMode) => {
        const jobId = crypto.randomUUID();
        await db.db.insert(jobs).values({
          id: jobId,
          videoId,
          ownerId,
          mode,
          quality,
          frameCount: DEFAULT_PICK_PARAMS.count,
          minIntervalSec: DEFAULT_PICK_PARAMS.minIntervalSec,
          framesPrefix: jobFramesPrefix(ownerId, jobId),
        });
        return jobId;
      };

      for (const quality of qualities) {
        for (const mode of PICK_MODES) {
          const jobId = await newJob(quality, mode);
          const base = { height: clip.height, gopFrames: clip.gopFrames, quality, mode };
          try {
            const measured = await measureProcessAsync(`job ${clipLabel(clip)} ${quality} ${mode}`, process.execPath, ["--import", "tsx", JOB_ONCE, jobId], childEnv);
            const result = parseJobOnceOutput(measured.stdout);
            if (result.status !== "done") throw new Error(`the job ended ${result.status}: ${result.errorReason ?? "no reason"}`);
            rows.push({ ...base, jobSec: result.jobMs / 1000, afterDoneSec: result.afterDoneMs / 1000, momentSec: result.momentMs === null ? Number.NaN : result.momentMs / 1000, stagesMs: result.timings?.stagesMs ?? {}, cpuSec: measured.cpuSec, ownRssMb: result.processMaxRssMb, peakRssMb: measured.peakRssMb, error: null });
            log(`job path: ${clipLabel(clip)} ${quality} ${mode}: ${fmt(result.jobMs / 1000)} s, ${fmt(result.processMaxRssMb, 0)} MB`);
          } catch (error) {
            rows.push({ ...base, jobSec: Number.NaN, afterDoneSec: Number.NaN, momentSec: Number.NaN, stagesMs: {}, cpuSec: Number.NaN, ownRssMb: Number.NaN, peakRssMb: Number.NaN, error: shortError(error) });
            log(`job path: ${clipLabel(clip)} ${quality} ${mode} FAILED: ${shortError(error)}`);
          }
        }
      }
      if (clip.height === COLD_START_CLIP.height && clip.gopFrames === COLD_START_CLIP.gopFrames) {
        const warm = rows.find((r) => r.height === clip.height && r.gopFrames === clip.gopFrames && r.quality === COLD_START_JOB.quality && r.mode === COLD_START_JOB.mode);
        coldStart = await measureColdStart({ ...aws.env, ...WORKER_PROCESS_ENV, DATABASE_URL: pg.url }, db.db, await newJob(COLD_START_JOB.quality, COLD_START_JOB.mode), warm?.error ? null : (warm?.jobSec ?? null), log);
      }
    }
  } finally {
    s3.destroy();
    await db.pool.end();
    await aws.stop();
    await pg.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  return { anchors, rows, coldStart };
}

/** The cold start is timed on this clip's default job (the app's defaults: balanced, profile). */
const COLD_START_CLIP: ClipShape = { height: 1080, gopFrames: 30 };
const COLD_START_JOB = { quality: DEFAULT_PICK_PARAMS.quality, mode: DEFAULT_PICK_PARAMS.mode };

/**
 * Builds the worker artefact as a deploy does (here for this machine's architecture, with the
 * system's ffmpeg instead of the static one), and runs its first job the way Lambda would: the
 * unzipped bundle imported by a fresh Node process that gets one SQS event (the deploy tests'
 * harness, tests/deploy/helpers/worker-lambda.ts).
 */
async function measureColdStart(env: Record<string, string>, db: Db, jobId: string, warmJobSec: number | null, log: (line: string) => void): Promise<ColdStart> {
  const work = await mkdtemp(join(tmpdir(), "bench-cold-"));
  try {
    log("cold start: building the worker artefact (npm run build:worker) …");
    const arch = process.arch === "arm64" ? "arm64" : "x86_64";
    const build = await runWorkerBuild(["--arch", arch, "--skip-ffmpeg", "--out", join(work, "build"), "--cache-dir", join(work, "cache")]);
    if (build.code !== 0) throw new Error(`the worker build failed: ${build.output.slice(-800)}`);
    const artefact = join(work, "lambda");
    await unzip(join(work, "build", "worker.zip"), artefact);

    const sqs = new SQSClient({ region: LOCAL_AWS.region, endpoint: env.SQS_ENDPOINT, credentials: { accessKeyId: LOCAL_AWS.accessKeyId, secretAccessKey: LOCAL_AWS.secretAccessKey } });
    const queueUrl = env.JOBS_QUEUE_URL!;
    let message: Message | undefined;
    try {
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify({ jobId }) }));
      const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 5, MessageSystemAttributeNames: ["All"] }));
      message = received.Messages?.[0];
    } finally {
      sqs.destroy();
    }
    if (!message) throw new Error("the job's message did not come back from the queue");

    const startedAt = Date.now();
    const { results, logs } = await invokeInFreshNode(join(artefact, "handler.mjs"), "handler", [{ Records: [sqsRecordOf(message, queueUrl, LOCAL_AWS.region)] }], {
      ...env,
      FFMPEG_PATH: resolveFfmpeg(),
      FFPROBE_PATH: resolveFfprobe(),
    });
    const [row] = await db.select().from(jobs).where(eq(jobs.id, jobId));
    if (!row?.startedAt || row.status !== "done") throw new Error(`the job ended ${row?.status ?? "missing"}: ${JSON.stringify(results)} ${logs.slice(-800)}`);
    const result: ColdStart = {
      toClaimSec: (row.startedAt.getTime() - startedAt) / 1000,
      faceModelSec: (row.timings?.stagesMs.faceModel ?? 0) / 1000,
      toDoneSec: ((row.finishedAt?.getTime() ?? Number.NaN) - startedAt) / 1000,
      warmJobSec,
      error: null,
    };
    log(`cold start: claimed after ${fmt(result.toClaimSec)} s, face model ${fmt(result.faceModelSec)} s, done after ${fmt(result.toDoneSec)} s`);
    return result;
  } catch (error) {
    log(`cold start FAILED: ${shortError(error)}`);
    return { toClaimSec: Number.NaN, faceModelSec: Number.NaN, toDoneSec: Number.NaN, warmJobSec, error: shortError(error) };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The stand-in takes at most 11 MiB a request, as S3 parts go: a clip goes up as a browser's multipart upload would. */
const PART_BYTES = 8 * 1024 * 1024;
async function uploadInParts(s3: S3Client, key: string, body: Buffer): Promise<void> {
  const Bucket = LOCAL_AWS.uploadsBucket;
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key: key, ContentType: "video/mp4" }));
  const parts = [];
  for (let offset = 0, partNumber = 1; offset < body.byteLength; offset += PART_BYTES, partNumber++) {
    const { ETag } = await s3.send(new UploadPartCommand({ Bucket, Key: key, UploadId, PartNumber: partNumber, Body: body.subarray(offset, offset + PART_BYTES) }));
    parts.push({ PartNumber: partNumber, ETag });
  }
  await s3.send(new CompleteMultipartUploadCommand({ Bucket, Key: key, UploadId, MultipartUpload: { Parts: parts } }));
}

/**
 * Stages shown as columns: the ones a job spends its time in. The queue's wait is nil here, and
 * the commit is not in the stored timings (they are written by it); its log line has it.
 */
const STAGE_COLUMNS = TIMED_STAGES.filter((stage) => stage !== "queueWait" && stage !== "commit");

function renderColdStart(cold: ColdStart | null): string[] {
  if (!cold) return ["cold start: not run (it needs the 1080p, 1 s GOP clip and the balanced preset)"];
  if (cold.error) return [`cold start FAILED: ${cold.error}`];
  const total = cold.toClaimSec + cold.faceModelSec;
  return [
    `cold start of the built worker artefact (${clipLabel(COLD_START_CLIP)}, ${COLD_START_JOB.quality} ${COLD_START_JOB.mode}, a fresh Node process importing the bundle):`,
    `  process start → job claimed ${fmt(cold.toClaimSec)} s, then the face model ${fmt(cold.faceModelSec)} s: ${fmt(total)} s; the whole first job ${fmt(cold.toDoneSec)} s against ${fmt(cold.warmJobSec)} s warm`,
  ];
}

export function renderJobPath({ anchors, rows, coldStart }: JobPathResult): string {
  const anchorOf = (row: ClipShape) => anchors.find((a) => a.height === row.height && a.gopFrames === row.gopFrames);
  const anchorTable = renderTable(
    ["clip (60 s, 30 fps)", "full decode s", "keyframe-only decode s"],
    anchors.map((a) => [clipLabel(a), fmt(a.fullSec), fmt(a.keyframeSec)]),
  );
  const jobTable = renderTable(
    ["clip", "preset", "mode", "job s", "× full", "× key", ...STAGE_COLUMNS.map((s) => `${s} s`), "storyboard s (after)", "hand pick s", "node MB", "largest MB"],
    rows.map((row) => {
      const anchor = anchorOf(row);
      if (row.error) return [clipLabel(row), row.quality, row.mode, `FAILED: ${row.error}`];
      return [
        clipLabel(row),
        row.quality,
        row.mode,
        fmt(row.jobSec),
        fmt(anchor ? row.jobSec / anchor.fullSec : null),
        fmt(anchor ? row.jobSec / anchor.keyframeSec : null),
        ...STAGE_COLUMNS.map((stage) => fmt(row.stagesMs[stage] === undefined ? null : row.stagesMs[stage] / 1000)),
        fmt(row.afterDoneSec),
        fmt(row.momentSec),
        fmt(row.ownRssMb, 0),
        fmt(row.peakRssMb, 0),
      ];
    }),
  );
  return [
    anchorTable,
    "",
    jobTable,
    "",
    "job s = processJob in the worker's process, claim to commit (download, probe, pick, render, upload, commit); face model and measuring thread loaded before it; storyboard s (after) = what it does once the job is done, which nobody waits for; hand pick s = one moment added by hand then (at 61 % of the video), download to commit;",
    "stage columns from the job's own timings: faces is the detector's time inside scan and select (and the crops' face look); grab, encode, crops and upload add up over the two picks rendered at once, and upload is only the wait left after a pick's last image;",
    `owner: Pro (full-size output, no watermark), ${DEFAULT_PICK_PARAMS.count} frames ≥ ${DEFAULT_PICK_PARAMS.minIntervalSec} s apart, the app's defaults; node = the worker's own process, largest = the largest of its tree (GNU time).`,
    "",
    ...renderColdStart(coldStart),
    "",
    "targets:",
    ...jobPathTargets(rows, anchorOf),
    ...(coldStart && !coldStart.error
      ? [`  ${"cold start (process start → claimed, face model included) ≤ 1.5 s".padEnd(83)} ${fmt(coldStart.toClaimSec + coldStart.faceModelSec)} s ${passFail(coldStart.toClaimSec + coldStart.faceModelSec <= 1.5)}`]
      : []),
  ].join("\n");
}

function jobPathTargets(rows: readonly JobPathRow[], anchorOf: (row: ClipShape) => DecodeAnchor | undefined): string[] {
  const lines: string[] = [];
  const check = (label: string, row: JobPathRow, value: number, limit: number, unit: string) =>
    lines.push(`  ${label.padEnd(58)} ${clipLabel(row).padEnd(16)} ${row.mode.padEnd(8)} ${fmt(value)}${unit} ${passFail(Number.isFinite(value) && value <= limit)}`);
  for (const row of rows) {
    const anchor = anchorOf(row);
    if (!anchor) continue;
    if (row.height === 1080 && row.quality === "balanced") check("1080p balanced job ≤ 0.5× full decode", row, row.jobSec / anchor.fullSec, 0.5, "×");
    if (row.height === 1080 && row.quality === "best") check("1080p best job ≤ 1.3× full decode", row, row.jobSec / anchor.fullSec, 1.3, "×");
    if (row.height === 1080 && row.quality === "fast") check("1080p fast job ≤ 2× keyframe-only decode", row, row.jobSec / anchor.keyframeSec, 2, "×");
    if (row.height === 2160 && row.quality === "balanced") {
      check("2160p balanced job ≤ 0.6× full decode", row, row.jobSec / anchor.fullSec, 0.6, "×");
      check("2160p balanced largest process ≤ 600 MB", row, row.peakRssMb, 600, " MB");
    }
  }
  const hd = rows.filter((r) => r.height === 1080);
  const worst = Math.max(...hd.map((r) => r.ownRssMb));
  lines.push(`  ${"1080p worker (Node) peak RSS ≤ 350 MB, every run".padEnd(83)} ${fmt(worst, 0)} MB ${passFail(Number.isFinite(worst) && worst <= 350)}`);
  return lines;
}
