import { describe, expect, it } from "vitest";
import { mapConcurrently } from "~/worker/map-concurrently";

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("mapConcurrently", () => {
  it("keeps the items' order whatever order they finish in, with at most N running", async () => {
    let running = 0;
    let most = 0;
    const results = await mapConcurrently([30, 5, 20, 1, 10], 2, async (ms, i) => {
      most = Math.max(most, ++running);
      await tick(ms);
      running--;
      return `${i}:${ms}`;
    });
    expect(results).toEqual(["0:30", "1:5", "2:20", "3:1", "4:10"]);
    expect(most).toBe(2);
  });

  it("starts nothing after a failure, and rejects with it once the running items settled", async () => {
    const started: number[] = [];
    const settled: number[] = [];
    const run = mapConcurrently([0, 1, 2, 3, 4], 2, async (i) => {
      started.push(i);
      await tick(i === 1 ? 5 : 20);
      settled.push(i);
      if (i === 1) throw new Error("pick 2 could not be grabbed");
      return i;
    });
    await expect(run).rejects.toThrow("pick 2 could not be grabbed");
    // Item 0 was running when 1 failed: it was waited for; item 2 and later never started.
    expect(started).toEqual([0, 1]);
    expect(settled.sort()).toEqual([0, 1]);
  });

  it("handles no items and more lanes than items", async () => {
    expect(await mapConcurrently([], 2, async () => 1)).toEqual([]);
    expect(await mapConcurrently(["a"], 4, async (s) => s.toUpperCase())).toEqual(["A"]);
  });
});
