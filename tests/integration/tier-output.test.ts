/**
 * What each tier gets out (core/tiers.ts, the README's tiers table), checked on real frames: Free is capped
 * at 1280 px and watermarked, Pro is delivered at the source resolution without a mark and in
 * the format asked for; frames per video, upload size and video length follow the tier.
 */
import { partLengths } from "~/server/services/uploads";
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subscriptions } from "~/db/schema";
import { createJobHandler } from "~/worker/handler";
import { resolveFfmpeg } from "~/worker/media/binaries";
import { makeFaceVideo } from "../helpers/face-video";
import { makeVideo } from "../helpers/make-video";
import { createTestStack, deliverNext, fetchObject, uploadFile, type TestStack } from "./helpers/stack";
import { trpcErrorOf } from "./helpers/trpc-error";
import { makeAccount } from "./helpers/quota-fixtures";

const run = promisify(execFile);
const MB = 1024 * 1024;

let stack: TestStack;
let dir: string;
/** SMPTE bars never change, so every moment of the clip is the same picture. */
let bars: string;
let free: string;
let pro: string;

beforeAll(async () => {
  stack = await createTestStack("tier-output");
  dir = await mkdtemp(path.join(os.tmpdir(), "fp-tier-output-"));
  bars = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 3, width: 1920, height: 1080, fps: 10, source: "smptebars" });
  free = await makeAccount(stack, "free");
  pro = await makeAccount(stack, "pro");
});
afterAll(async () => {
  await stack.close();
  await rm(dir, { recursive: true, force: true });
});

type Format = "jpeg" | "png" | "webp";

/** Creates a job, runs it through the worker from the queue the owner's tier uses, returns its frames. */
async function processFor(owner: string, videoId: string, opts: { count?: number; format?: Format; queue: "standard" | "priority" }) {
  const api = stack.caller(owner);
  const { jobId } = await api.job.create({
    videoId,
    mode: "action",
    quality: "fast",
    count: opts.count ?? 1,
    minIntervalSec: 0.5,
    ...(opts.format ? { format: opts.format } : {}),
  });
  const { acked } = await deliverNext(stack, createJobHandler(stack.worker), opts.queue === "priority" ? stack.priorityQueueUrl : stack.queueUrl);
  expect(acked).toBe(true);
  const job = await api.job.status({ jobId });
  return { job, frames: (await api.job.frames({ jobId })).frames };
}

/** The source's own picture (ffmpeg, no app code), as RGB, optionally scaled like the Free cap. */
async function sourceFrame(file: string, size?: { width: number; height: number }): Promise<Buffer> {
  const { stdout } = await run(resolveFfmpeg(), ["-v", "error", "-ss", "1", "-i", file, "-frames:v", "1", "-f", "image2pipe", "-c:v", "png", "pipe:1"], {
    encoding: "buffer",
    maxBuffer: 64 * MB,
  });
  const image = sharp(stdout);
  return (size ? image.resize(size.width, size.height, { kernel: "lanczos3", fit: "fill" }) : image).removeAlpha().raw().toBuffer();
}

const rgb = (image: Buffer) => sharp(image).removeAlpha().raw().toBuffer();

/** Mean absolute difference per channel over a region given as fractions of the image. */
function meanDiff(a: Buffer, b: Buffer, width: number, height: number, region: { x0: number; y0: number; x1: number; y1: number }): number {
  let sum = 0;
  let n = 0;
  for (let y = Math.floor(region.y0 * height); y < Math.floor(region.y1 * height); y++) {
    for (let x = Math.floor(region.x0 * width); x < Math.floor(region.x1 * width); x++) {
      for (let c = 0; c < 3; c++) {
        const i = (y * width + x) * 3 + c;
        sum += Math.abs(a[i]! - b[i]!);
        n++;
      }
    }
  }
  return sum / n;
}

/** Where the "FramePicker" mark sits (bottom-right corner), and an area it never touches. */
const MARK_CORNER = { x0: 0.8, y0: 0.86, x1: 1, y1: 1 };
const TOP_LEFT = { x0: 0, y0: 0, x1: 0.5, y1: 0.5 };
/** The mark's pill on a crop 1280 px high (it is sized by the long side, so it is a smaller share of a tall crop). */
const CROP_MARK = { x0: 0.84, y0: 0.94, x1: 0.97, y1: 0.98 };

describe("output policy by tier", () => {
  it("Free: long side 1280 with the watermark; Pro: 1920 × 1080 without it", async () => {
    const freeRun = await processFor(free, await uploadFile(stack, free, bars), { queue: "standard" });
    const proRun = await processFor(pro, await uploadFile(stack, pro, bars), { queue: "priority" });
    expect(freeRun.job.status).toBe("done");
    expect(proRun.job.status).toBe("done");
    const [freeFrame] = freeRun.frames;
    const [proFrame] = proRun.frames;
    expect([freeFrame!.width, freeFrame!.height, freeFrame!.format]).toEqual([1280, 720, "jpeg"]);
    expect([proFrame!.width, proFrame!.height, proFrame!.format]).toEqual([1920, 1080, "jpeg"]);

    const freeImage = (await fetchObject(freeFrame!.previewUrl)).body;
    const proImage = (await fetchObject(proFrame!.previewUrl)).body;
    expect((await sharp(freeImage).metadata()).width).toBe(1280);
    expect((await sharp(proImage).metadata()).width).toBe(1920);

    // Pro: the source's pixels everywhere, the corner included.
    const source = await sourceFrame(bars);
    const proPixels = await rgb(proImage);
    const proCorner = meanDiff(proPixels, source, 1920, 1080, MARK_CORNER);
    const proRest = meanDiff(proPixels, source, 1920, 1080, TOP_LEFT);
    // Free: the scaled source everywhere except the corner, where the mark is.
    const scaled = await sourceFrame(bars, { width: 1280, height: 720 });
    const freePixels = await rgb(freeImage);
    const freeCorner = meanDiff(freePixels, scaled, 1280, 720, MARK_CORNER);
    const freeRest = meanDiff(freePixels, scaled, 1280, 720, TOP_LEFT);
    console.log(`mean |Δ| vs source — Pro corner ${proCorner.toFixed(2)}, Pro elsewhere ${proRest.toFixed(2)}, Free corner ${freeCorner.toFixed(2)}, Free elsewhere ${freeRest.toFixed(2)}`);
    expect(proCorner).toBeLessThan(3);
    expect(proRest).toBeLessThan(3);
    expect(freeRest).toBeLessThan(3);
    expect(freeCorner).toBeGreaterThan(8);
  });

  it("Pro gets PNG or WebP when asked, with matching file names", async () => {
    const videoId = await uploadFile(stack, pro, bars);
    for (const format of ["png", "webp"] as const) {
      const { frames } = await processFor(pro, videoId, { format, queue: "priority" });
      expect(frames[0]!.format).toBe(format);
      expect(frames[0]!.fileName).toMatch(new RegExp(`\\.${format}$`));
      const meta = await sharp((await fetchObject(frames[0]!.downloadUrl)).body).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual([format, 1920, 1080]);
    }
  });

  it("Free and guests cannot ask for PNG or WebP", async () => {
    const videoId = await uploadFile(stack, free, bars);
    const err = await trpcErrorOf(
      stack.caller(free).job.create({ videoId, mode: "action", quality: "fast", count: 1, minIntervalSec: 1, format: "png" }),
    );
    expect(err.code).toBe("BAD_REQUEST");
    expect(err.message).toMatch(/PNG output is a Pro feature/);
    const guest = crypto.randomUUID();
    const guestVideo = await uploadFile(stack, guest, bars);
    const guestErr = await trpcErrorOf(
      stack.caller(guest).job.create({ videoId: guestVideo, mode: "action", quality: "fast", count: 1, minIntervalSec: 1, format: "webp" }),
    );
    expect(guestErr.code).toBe("BAD_REQUEST");
  });

  it("a Pro owner who lapsed before processing gets the Free output, whatever was asked", async () => {
    const lapsing = await makeAccount(stack, "pro");
    const videoId = await uploadFile(stack, lapsing, bars);
    const { jobId } = await stack.caller(lapsing).job.create({ videoId, mode: "action", quality: "fast", count: 1, minIntervalSec: 1, format: "png" });
    await stack.services.db.update(subscriptions).set({ status: "canceled" }).where(eq(subscriptions.userId, lapsing));
    await deliverNext(stack, createJobHandler(stack.worker), stack.priorityQueueUrl);
    const [frame] = (await stack.caller(lapsing).job.frames({ jobId })).frames;
    expect([frame!.width, frame!.height, frame!.format]).toEqual([1280, 720, "jpeg"]);
    const pixels = await rgb((await fetchObject(frame!.previewUrl)).body);
    expect(meanDiff(pixels, await sourceFrame(bars, { width: 1280, height: 720 }), 1280, 720, MARK_CORNER)).toBeGreaterThan(8);
  });
});

describe("profile crops follow the tier like the full frame", () => {
  it("Free: capped at 1280 px and watermarked; Pro: full size, no mark; the same region either way", async () => {
    // 2560 × 1440 with a big face (the portrait 7×): its framing asks for a crop taller than 1280 px.
    const portrait = await makeFaceVideo(dir, { width: 2560, height: 1440, photo: { left: 500, top: 300, width: 966 } });
    const profile = async (owner: string, queue: "standard" | "priority") => {
      const api = stack.caller(owner);
      const { jobId } = await api.job.create({ videoId: await uploadFile(stack, owner, portrait), mode: "profile", quality: "fast", count: 1, minIntervalSec: 1 });
      expect((await deliverNext(stack, createJobHandler(stack.worker), queue === "priority" ? stack.priorityQueueUrl : stack.queueUrl)).acked).toBe(true);
      const [frame] = (await api.job.frames({ jobId })).frames;
      return frame!;
    };
    const freeFrame = await profile(free, "standard");
    const proFrame = await profile(pro, "priority");
    expect([freeFrame.width, proFrame.width]).toEqual([1280, 2560]);

    for (const aspect of ["1:1", "4:5"] as const) {
      const freeCrop = freeFrame.crops.find((c) => c.aspect === aspect)!;
      const proCrop = proFrame.crops.find((c) => c.aspect === aspect)!;
      // Cut from the full-resolution source, then capped on the crop's own long side.
      expect(proCrop.height, aspect).toBeGreaterThan(1280);
      expect(freeCrop.height, aspect).toBe(1280);
      expect(Math.abs(freeCrop.width - proCrop.width * (1280 / proCrop.height)), aspect).toBeLessThanOrEqual(1);

      const freeImage = (await fetchObject(freeCrop.downloadUrl)).body;
      const proImage = (await fetchObject(proCrop.downloadUrl)).body;
      expect(await sharp(freeImage).metadata(), aspect).toMatchObject({ format: "jpeg", width: freeCrop.width, height: freeCrop.height });
      expect(await sharp(proImage).metadata(), aspect).toMatchObject({ format: "jpeg", width: proCrop.width, height: proCrop.height });
      // The Pro crop scaled down like the cap is the Free crop everywhere but the watermark's corner.
      const proScaled = await sharp(proImage).resize(freeCrop.width, freeCrop.height, { kernel: "lanczos3", fit: "fill" }).removeAlpha().raw().toBuffer();
      const freePixels = await rgb(freeImage);
      const corner = meanDiff(freePixels, proScaled, freeCrop.width, freeCrop.height, CROP_MARK);
      const rest = meanDiff(freePixels, proScaled, freeCrop.width, freeCrop.height, TOP_LEFT);
      console.log(`${aspect} crop: mean |Δ| Free vs scaled Pro — corner ${corner.toFixed(2)}, elsewhere ${rest.toFixed(2)}`);
      expect(corner, aspect).toBeGreaterThan(8);
      expect(rest, aspect).toBeLessThan(3);
    }
  });
});

describe("frames per video", () => {
  it("Free may ask for 3, not 4; Pro gets 10", async () => {
    // The Mandelbrot zoom never repeats, so ten distinct moments exist.
    const clip = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 12, width: 320, height: 240, fps: 25, source: "mandelbrot" });
    const freeVideo = await uploadFile(stack, free, clip);
    const err = await trpcErrorOf(
      stack.caller(free).job.create({ videoId: freeVideo, mode: "action", quality: "fast", count: 4, minIntervalSec: 1 }),
    );
    expect(err.code).toBe("BAD_REQUEST");
    expect(err.message).toMatch(/Free plan: up to 3 frames/);

    const { job, frames } = await processFor(pro, await uploadFile(stack, pro, clip), { count: 10, queue: "priority" });
    expect(job.status).toBe("done");
    expect(frames).toHaveLength(10);
  });
});

describe("upload size", () => {
  const declare = (owner: string, size: number) => stack.caller(owner).upload.create({ name: "big.mp4", type: "video/mp4", size });

  it("guests and Free accounts: 50 MB", async () => {
    for (const owner of [crypto.randomUUID(), free]) {
      const err = await trpcErrorOf(declare(owner, 60 * MB));
      expect(err.code).toBe("PAYLOAD_TOO_LARGE");
      expect(err.message).toMatch(/limit is 50 MB/);
    }
  });

  it("Pro: 500 MB", async () => {
    const ticket = await declare(pro, 60 * MB);
    if (ticket.method !== "multipart") throw new Error(`expected a multipart ticket, got ${ticket.method}`);
    // Each part URL signs its length (S3 then refuses a part of another size; the emulator does not check).
    expect(ticket.parts.map((p) => new URL(p.url).searchParams.get("X-Amz-SignedHeaders"))).toEqual(
      Array.from({ length: 8 }, () => expect.stringContaining("content-length")),
    );
    expect(partLengths(60 * MB)).toEqual([...Array.from({ length: 7 }, () => 8 * MB), 4 * MB]);
    await stack.caller(pro).upload.abort({ videoId: ticket.videoId });
    const err = await trpcErrorOf(declare(pro, 501 * MB));
    expect(err.code).toBe("PAYLOAD_TOO_LARGE");
    expect(err.message).toMatch(/Pro limit is 500 MB/);
  });
});

describe("video length, checked by the worker after probing", () => {
  it("Free: 5 min; Pro takes the same video", async () => {
    const long = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 305, width: 160, height: 90, fps: 2 });
    const freeRun = await processFor(free, await uploadFile(stack, free, long), { queue: "standard" });
    expect(freeRun.job.status).toBe("failed");
    expect(freeRun.job.errorReason).toMatch(/5 min 5 s long; the Free limit is 5 min/);
    const proRun = await processFor(pro, await uploadFile(stack, pro, long), { queue: "priority" });
    expect(proRun.job.status).toBe("done");
  });

  it("Pro: 30 min", async () => {
    const veryLong = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 31 * 60, width: 64, height: 36, fps: 1 });
    const { job } = await processFor(pro, await uploadFile(stack, pro, veryLong), { queue: "priority" });
    expect(job.status).toBe("failed");
    expect(job.errorReason).toMatch(/31 min long; the Pro limit is 30 min/);
  });
});
