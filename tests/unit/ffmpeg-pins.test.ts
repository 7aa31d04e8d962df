import { describe, expect, it } from "vitest";
import { DEFAULT_PINS_FILE, loadPins } from "../../scripts/build/ffmpeg-pins";

describe("the committed ffmpeg pins", () => {
  it("name one release and both Lambda platforms, each pin a SHA-256 or not yet recorded", async () => {
    const pins = await loadPins(DEFAULT_PINS_FILE);
    expect(pins.release).toMatch(/^b\d+\.\d+(\.\d+)?$/);
    expect(Object.keys(pins.sha256).sort()).toEqual(["linux-arm64", "linux-x64"]);
  });
});
