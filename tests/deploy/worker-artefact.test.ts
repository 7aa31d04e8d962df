import { mkdir, mkdtemp, readFile, readdir, rm, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_HAND_BACKS } from "~/core/job-timing";
import { resolveFfmpeg, resolveFfprobe } from "~/worker/media/binaries";
import { makeFaceVideo } from "../helpers/face-video";
import { makeVideo } from "../helpers/make-video";
import { makeAccount } from "../integration/helpers/quota-fixtures";
import { createTestStack, receiveOne, sqsEvent, TEST_JOB_TIMING_SCALE, uploadFile, type TestStack } from "../integration/helpers/stack";
import { localAwsChildEnv, testEnv } from "../setup/test-env";
import { invokeInFreshNode, runWorkerBuild, unzip, zipListing, type CliResult } from "./helpers/worker-lambda";

/**
 * The worker Lambda artefact as built by `npm run build:worker`, unzipped outside the repo and
 * run by a fresh Node process (tests/deploy/helpers/worker-lambda.ts) against the real local stack.
 * Debian's ffmpeg stands in for the static Linux build the deploy downloads: it is dynamically
 * linked, so it runs here and never on Lambda; it only lets the artefact run on this machine.
 */

let work: string;
let stack: TestStack;
let skipBuild: CliResult;
let skipArtefact: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "fp-worker-artefact-"));
  skipBuild = await runWorkerBuild(["--arch", "x86_64", "--skip-ffmpeg", "--out", path.join(work, "skip"), "--cache-dir", path.join(work, "cache")]);
  expect(skipBuild.code, skipBuild.output).toBe(0);
  skipArtefact = path.join(work, "lambda-skip");
  await unzip(path.join(work, "skip", "worker.zip"), skipArtefact);
  stack = await createTestStack("artefact");
});
afterAll(async () => {
  await stack?.close();
  await rm(work, { recursive: true, force: true });
});

/** The worker's part of the env contract, as the CDK app sets it on the function. */
function lambdaEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env = testEnv();
  return {
    ...localAwsChildEnv(),
    JOBS_QUEUE_URL: stack.queueUrl,
    JOBS_PRIORITY_QUEUE_URL: stack.priorityQueueUrl,
    JOBS_DLQ_URL: stack.dlqUrl,
    DATABASE_URL: env.DATABASE_URL,
    ...extra,
  };
}

/** The next messages on the test's jobs queue, checked to be the ones for these jobs. */
async function messagesFor(jobIds: string[]) {
  const messages = [];
  for (const _ of jobIds) {
    const message = await receiveOne(stack);
    expect(message).toBeDefined();
    messages.push(message!);
  }
  expect(messages.map((m) => (JSON.parse(m.Body ?? "{}") as { jobId?: string }).jobId).sort()).toEqual([...jobIds].sort());
  return messages;
}

async function imageAt(url: string) {
  const response = await fetch(url);
  expect(response.ok).toBe(true);
  return sharp(Buffer.from(await response.arrayBuffer())).metadata();
}

describe("the worker artefact (x86_64, --skip-ffmpeg)", () => {
  it("says loudly that ffmpeg is missing, and fits Lambda's limit with the estimated ffmpeg added", async () => {
    expect(skipBuild.output).toContain("NO ffmpeg in this artefact (--skip-ffmpeg)");
    expect(skipBuild.output).toMatch(/with ffmpeg \(ESTIMATE[^\n]*unzipped ~\d+ MB/);
    expect(skipBuild.output).toContain("fits Lambda's 250 MB unzipped limit");
    const info = JSON.parse(await readFile(path.join(skipArtefact, "build-info.json"), "utf8")) as { arch: string; ffmpeg: { included: boolean } };
    expect(info).toMatchObject({ arch: "x86_64", ffmpeg: { included: false } });
    expect((await readdir(skipArtefact)).sort()).toEqual([
      "build-info.json",
      "fonts",
      "handler.mjs",
      "handler.mjs.LEGAL.txt",
      "handler.mjs.map",
      "measure-thread.mjs",
      "measure-thread.mjs.map",
      "node_modules",
    ]);
  });

  it("processes an SQS batch end to end: a free account's 1080p action job and a profile job that finds the face", async () => {
    const dir = await mkdtemp(path.join(work, "videos-"));
    const viewer = await makeAccount(stack, "free");
    const api = stack.caller(viewer);
    const lavfi = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 4, width: 1920, height: 1080, fps: 25 });
    const actionVideo = await uploadFile(stack, viewer, lavfi, { name: "Sunset.mp4" });
    const faceVideo = await uploadFile(stack, viewer, await makeFaceVideo(dir, { width: 320, height: 326, photo: { left: 0, top: 0, width: 320 } }), { name: "Portrait.mp4" });
    const action = await api.job.create({ videoId: actionVideo, mode: "action", quality: "fast", count: 2, minIntervalSec: 1 });
    const profile = await api.job.create({ videoId: faceVideo, mode: "profile", quality: "fast", count: 1, minIntervalSec: 1 });
    const messages = await messagesFor([action.jobId, profile.jobId]);

    const { results, logs, tempFiles } = await invokeInFreshNode(
      path.join(skipArtefact, "handler.mjs"),
      "handler",
      [sqsEvent(messages, stack.queueUrl)],
      lambdaEnv({ FFMPEG_PATH: resolveFfmpeg(), FFPROBE_PATH: resolveFfprobe() }),
    );

    expect(results, logs).toEqual([{ ok: true, value: { batchItemFailures: [] } }]);
    // The artefact's fonts.conf is the one fontconfig loads (Lambda has no /etc/fonts), and its
    // cache goes to the container's own temp folder, which started empty.
    expect(logs).not.toContain("Fontconfig error");
    expect(tempFiles.filter((file) => file.startsWith(path.join("cache", "fontconfig") + path.sep)).length).toBeGreaterThan(0);

    expect(await api.job.status({ jobId: action.jobId })).toMatchObject({ status: "done", progress: 1, errorReason: null });
    const actionFrames = (await api.job.frames({ jobId: action.jobId })).frames;
    expect(actionFrames.map((f) => f.rank)).toEqual([1, 2]);
    for (const frame of actionFrames) {
      const meta = await imageAt(frame.previewUrl);
      expect(meta.format).toBe("jpeg");
      // Free-tier output: long side capped at 1280 px (sharp in the artefact resized it).
      expect([meta.width, meta.height]).toEqual([1280, 720]);
    }

    expect(await api.job.status({ jobId: profile.jobId })).toMatchObject({ status: "done", errorReason: null });
    const [portrait] = (await api.job.frames({ jobId: profile.jobId })).frames;
    expect(portrait).toBeDefined();
    // Exactly one face found by the artefact's own Human + tfjs WASM + BlazeFace (no face scores 0.1, several 0.6).
    expect(portrait!.metrics.face).toBeGreaterThanOrEqual(0.7);
    expect((await imageAt(portrait!.previewUrl)).format).toBe("jpeg");
    // Profile crops, cut and encoded by the artefact's own sharp.
    expect(portrait!.crops.map((c) => c.aspect)).toEqual(["1:1", "4:5"]);
    for (const crop of portrait!.crops) {
      const meta = await imageAt(crop.downloadUrl);
      expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", crop.width, crop.height]);
    }
  });

  it(`its dead-letter handler hands a job whose message died back to its queue, and fails it after ${MAX_HAND_BACKS} hand-backs`, async () => {
    const dir = await mkdtemp(path.join(work, "dlq-"));
    const viewer = crypto.randomUUID();
    const api = stack.caller(viewer);
    const file = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 1, width: 320, height: 240, fps: 10 });
    const videoId = await uploadFile(stack, viewer, file);
    const { jobId } = await api.job.create({ videoId, mode: "action", quality: "fast", count: 1, minIntervalSec: 1 });
    const messages = await messagesFor([jobId]);
    const deadLetters = (event: ReturnType<typeof sqsEvent>) =>
      // The test timing's retry delay (2 s), so the fresh message arrives while the test waits.
      invokeInFreshNode(path.join(skipArtefact, "handler.mjs"), "deadLetterHandler", [event], lambdaEnv({ JOB_TIMING_SCALE: String(TEST_JOB_TIMING_SCALE) }));

    const first = await deadLetters(sqsEvent(messages, stack.dlqUrl));
    expect(first.results, first.logs).toEqual([{ ok: true, value: { batchItemFailures: [] } }]);
    expect((await api.job.status({ jobId })).status).toBe("queued");
    const [fresh] = await messagesFor([jobId]);
    expect(JSON.parse(fresh!.Body!)).toEqual({ jobId, handBacks: 1 });

    const last = await deadLetters(sqsEvent([{ ...fresh!, Body: JSON.stringify({ jobId, handBacks: MAX_HAND_BACKS }) }], stack.dlqUrl));
    expect(last.results, last.logs).toEqual([{ ok: true, value: { batchItemFailures: [] } }]);
    const job = await api.job.status({ jobId });
    expect(job.status).toBe("failed");
    expect(job.errorReason).toMatch(/failed repeatedly on our side/);
  });
});

describe("the worker artefact with ffmpeg in bin/ (--ffmpeg-dir)", () => {
  it("refuses Debian's dynamically linked ffmpeg unless told it is for local runs only", async () => {
    const debian = path.join(work, "debian-ffmpeg");
    await mkdir(debian, { recursive: true });
    await symlink(resolveFfmpeg(), path.join(debian, "ffmpeg"));
    await symlink(resolveFfprobe(), path.join(debian, "ffprobe"));

    const refused = await runWorkerBuild(["--arch", "x86_64", "--ffmpeg-dir", debian, "--out", path.join(work, "refused"), "--cache-dir", path.join(work, "cache")]);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain(`${path.join(debian, "ffmpeg")} is dynamically linked`);
    expect(await readdir(path.join(work, "refused"))).toEqual([]);

    const wrongArch = await runWorkerBuild(["--arch", "arm64", "--ffmpeg-dir", debian, "--allow-dynamic-ffmpeg", "--out", path.join(work, "wrong-arch"), "--cache-dir", path.join(work, "cache")]);
    expect(wrongArch.code).toBe(1);
    expect(wrongArch.output).toContain("is built for x86_64, but the artefact is for arm64");

    const local = await runWorkerBuild(["--arch", "x86_64", "--ffmpeg-dir", debian, "--allow-dynamic-ffmpeg", "--out", path.join(work, "local"), "--cache-dir", path.join(work, "cache")]);
    expect(local.code, local.output).toBe(0);
    expect(local.output).toContain("DYNAMICALLY linked: this artefact runs on this machine only, NOT on Lambda");
    const listing = await zipListing(path.join(work, "local", "worker.zip"));
    // Executable inside the zip: Lambda keeps the zip's Unix permissions.
    expect(listing.filter((line) => / bin\/ff(mpeg|probe)$/.test(line)).map((line) => line.slice(0, 10))).toEqual(["-rwxr-xr-x", "-rwxr-xr-x"]);
  });

  it("finds its own bin/ffmpeg and bin/ffprobe with no FFMPEG_PATH and nothing on PATH", async () => {
    const artefact = path.join(work, "lambda-local");
    await unzip(path.join(work, "local", "worker.zip"), artefact);
    const dir = await mkdtemp(path.join(work, "own-ffmpeg-"));
    const viewer = crypto.randomUUID();
    const api = stack.caller(viewer);
    const file = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 2, width: 640, height: 360, fps: 15 });
    const videoId = await uploadFile(stack, viewer, file);
    const { jobId } = await api.job.create({ videoId, mode: "action", quality: "fast", count: 1, minIntervalSec: 1 });
    const messages = await messagesFor([jobId]);

    const { results, logs } = await invokeInFreshNode(path.join(artefact, "handler.mjs"), "handler", [sqsEvent(messages, stack.queueUrl)], lambdaEnv());

    expect(results, logs).toEqual([{ ok: true, value: { batchItemFailures: [] } }]);
    expect(await api.job.status({ jobId })).toMatchObject({ status: "done", errorReason: null });
    expect((await api.job.frames({ jobId })).frames).toHaveLength(1);
  });
});
