import { describe, expect, it } from "vitest";
import { z } from "zod";
import { pickParamsSchema } from "~/core/pick-params";
import { cropKey, frameDownloadName, frameKey, jobFramesPrefix, thumbKey, variantDownloadName } from "~/core/storage-keys";
import { TIERS } from "~/core/tiers";
import { checkVideoFile } from "~/core/video-files";
import { createUploadInput } from "~/server/services/uploads";
import { createJobInput } from "~/server/services/jobs";

const valid = { mode: "profile", quality: "balanced", count: 3, minIntervalSec: 2 } as const;

describe("job settings", () => {
  it("accept the documented ranges", () => {
    expect(pickParamsSchema.parse({ ...valid, count: 1, minIntervalSec: 0.5 })).toBeTruthy();
    expect(pickParamsSchema.parse({ ...valid, count: 10, minIntervalSec: 10 })).toBeTruthy();
  });

  it("name each field that is out of range", () => {
    const result = pickParamsSchema.safeParse({ mode: "portrait", quality: "ultra", count: 11, minIntervalSec: 0.2 });
    expect(result.success).toBe(false);
    const { fieldErrors } = z.flattenError(result.error!);
    expect(fieldErrors.mode?.[0]).toMatch(/profile or action/);
    expect(fieldErrors.quality?.[0]).toMatch(/fast, balanced or best/);
    expect(fieldErrors.count?.[0]).toMatch(/At most 10/);
    expect(fieldErrors.minIntervalSec?.[0]).toMatch(/at least 0.5/);
    expect(pickParamsSchema.safeParse({ ...valid, count: 2.5 }).success).toBe(false);
  });

  it("need a real video id", () => {
    expect(createJobInput.safeParse({ ...valid, videoId: "../../etc" }).success).toBe(false);
    expect(createJobInput.safeParse({ ...valid, videoId: crypto.randomUUID() }).success).toBe(true);
  });
});

describe("upload requests", () => {
  it("refuse empty names, fractional and non-positive sizes", () => {
    expect(createUploadInput.safeParse({ name: "  ", type: "video/mp4", size: 10 }).success).toBe(false);
    expect(createUploadInput.safeParse({ name: "a.mp4", type: "video/mp4", size: 0 }).success).toBe(false);
    expect(createUploadInput.safeParse({ name: "a.mp4", type: "video/mp4", size: 1.5 }).success).toBe(false);
  });

  it("checkVideoFile explains what is wrong with a file", () => {
    const guest = TIERS.anonymous;
    expect(checkVideoFile({ name: "a.mp4", type: "video/mp4", size: 1000 }, guest)).toBeNull();
    expect(checkVideoFile({ name: "a.mkv", type: "", size: 1000 }, guest)).toBeNull();
    // Whatever ffmpeg decodes: Ogg Theora, MPEG, transport streams, 3GP, WMV.
    for (const [name, type] of [["clip.ogv", "video/ogg"], ["old.mpg", "video/mpeg"], ["cam.MTS", ""], ["phone.3gp", "video/3gpp"], ["a.wmv", "video/x-ms-wmv"]]) {
      expect(checkVideoFile({ name: name!, type: type!, size: 1000 }, guest), name).toBeNull();
    }
    expect(checkVideoFile({ name: "a.txt", type: "text/plain", size: 10 }, guest)).toMatch(/not a video/);
    expect(checkVideoFile({ name: "a.bin", type: "", size: 10 }, guest)).toMatch(/not a video format we support/);
    expect(checkVideoFile({ name: "a.mp4", type: "video/mp4", size: 0 }, guest)).toMatch(/empty/);
    expect(checkVideoFile({ name: "a.mp4", type: "video/mp4", size: 60 * 1024 * 1024 }, guest)).toMatch(
      /60 MB; the Guest limit is 50 MB/,
    );
    expect(checkVideoFile({ name: "a.mp4", type: "video/mp4", size: 60 * 1024 * 1024 }, TIERS.pro)).toBeNull();
  });
});

describe("download file names", () => {
  it("carry the video's name and the frame's time", () => {
    expect(frameDownloadName("Holiday in Rome.MOV", 72.34, "jpg")).toBe("Holiday-in-Rome_01m12s340.jpg");
    expect(frameDownloadName("../../etc/passwd", 0, "jpg")).toBe("passwd_00m00s000.jpg");
    expect(frameDownloadName(".mp4", 3.0005, "png")).toBe("frame_00m03s001.png");
  });

  it("name a crop like its frame, with the crop's suffix before the extension", () => {
    expect(variantDownloadName("Holiday-in-Rome_01m12s340.jpg", "square")).toBe("Holiday-in-Rome_01m12s340_square.jpg");
    expect(variantDownloadName("frame_00m03s001.webp", "portrait")).toBe("frame_00m03s001_portrait.webp");
  });
});

describe("frame storage keys", () => {
  it("keep a frame's crops next to it, under the job's prefix", () => {
    const prefix = jobFramesPrefix("owner-1", "job-1");
    expect([frameKey(prefix, 1, "jpg"), thumbKey(prefix, 1), cropKey(prefix, 1, "square", "jpg"), cropKey(prefix, 10, "portrait", "png")]).toEqual([
      "frames/owner-1/job-1/01.jpg",
      "frames/owner-1/job-1/01_thumb.jpg",
      "frames/owner-1/job-1/01_square.jpg",
      "frames/owner-1/job-1/10_portrait.png",
    ]);
  });
});
