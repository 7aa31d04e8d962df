import { describe, expect, it } from "vitest";
import { sheetLayout, slotOf, storyboardTileCount, tileLabel, tileSize } from "../../worker/storyboard/layout";

describe("the storyboard's layout", () => {
  it("cuts a video into one stretch per 4 s, at least 4 and at most 16", () => {
    expect([1, 8, 17, 60, 64, 65, 1800].map(storyboardTileCount)).toEqual([4, 4, 5, 15, 16, 16, 16]);
  });

  it("puts a moment in the stretch it falls in, the last one included", () => {
    expect([0, 2.99, 3, 11.99, 12, 13].map((t) => slotOf(t, 12, 4))).toEqual([0, 0, 1, 3, 3, 3]);
  });

  it("gives tiles the video's shape, long side 320 px, even sides", () => {
    expect(tileSize(1920, 1080)).toEqual({ width: 320, height: 180 });
    expect(tileSize(1080, 1920)).toEqual({ width: 180, height: 320 });
    expect(tileSize(640, 480)).toEqual({ width: 320, height: 240 });
    expect(tileSize(1000, 333).height % 2).toBe(0);
  });

  it("fills rows of four left to right, each tile with room for its time underneath", () => {
    const sheet = sheetLayout([1, 2, 3, 4, 5], { width: 320, height: 180 });
    expect(sheet.width).toBe(8 + 4 * 328);
    expect(sheet.height).toBe(8 + 2 * (180 + 26 + 8));
    expect(sheet.tiles.map((t) => [t.x, t.y])).toEqual([
      [8, 8],
      [336, 8],
      [664, 8],
      [992, 8],
      [8, 222],
    ]);
    // Fewer tiles than a row: the sheet is only as wide as they are.
    expect(sheetLayout([1, 2], { width: 320, height: 180 }).width).toBe(8 + 2 * 328);
  });

  it("labels each tile with its time as a player shows it", () => {
    expect([0, 5.9, 65, 600, 3723].map(tileLabel)).toEqual(["0:00", "0:05", "1:05", "10:00", "1:02:03"]);
  });
});
