import { describe, expect, it } from "vitest";
import { zipFileName, zipFilesOf } from "~/app/_components/results/zip-frames";

const crop = (suffix: string, url: string) => ({
  aspect: suffix === "square" ? ("1:1" as const) : ("4:5" as const),
  label: suffix,
  width: 100,
  height: 100,
  fileName: `holiday_00m01s000_${suffix}.jpg`,
  downloadUrl: url,
  region: { x: 0, y: 0, width: 100, height: 100 },
});

describe("the ZIP's layout", () => {
  it("puts each frame's crops right after it, named like their single downloads", () => {
    const files = zipFilesOf([
      { previewUrl: "u1", fileName: "holiday_00m01s000.jpg", crops: [crop("square", "u1s"), crop("portrait", "u1p")] },
      { previewUrl: "u2", fileName: "holiday_00m04s500.jpg", crops: [] },
    ]);
    expect(files).toEqual([
      { url: "u1", name: "holiday_00m01s000.jpg" },
      { url: "u1s", name: "holiday_00m01s000_square.jpg" },
      { url: "u1p", name: "holiday_00m01s000_portrait.jpg" },
      { url: "u2", name: "holiday_00m04s500.jpg" },
    ]);
    expect(zipFileName([{ fileName: "holiday_00m01s000.jpg" }])).toBe("holiday_frames.zip");
  });
});
