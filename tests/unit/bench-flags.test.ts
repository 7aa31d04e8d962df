import { describe, expect, it } from "vitest";
import { ALL_SOURCES, parseFlags } from "~/bench/runner/flags";

describe("bench flags", () => {
  it("runs every kind of clip in the real section unless --sources narrows it, in a fixed order", () => {
    expect(parseFlags([]).sources).toEqual([...ALL_SOURCES]);
    expect(parseFlags(["--sources", "generator-2,real"]).sources).toEqual(["real", "generator-2"]);
  });

  it("refuses an unknown kind of clip, naming the ones it knows", () => {
    expect(() => parseFlags(["--sources", "webcam"])).toThrow(/unknown webcam; choose from real,degraded-real,generator-2/);
    expect(() => parseFlags(["--sources"])).toThrow(/--sources needs a value/);
  });
});
