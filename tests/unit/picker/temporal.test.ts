import { describe, expect, it } from "vitest";
import { temporalStats } from "../../../worker/picker/temporal";
import { constantImage, noiseImage, panorama, paste, photoLike, shifted } from "./images";

const W = 48;
const H = 27;
const a = noiseImage(W, H, 21, 128, 80);
const b = noiseImage(W, H, 22, 128, 80);
const mix = (x: Uint8Array, y: Uint8Array, share: number) => x.map((v, i) => Math.round(v * (1 - share) + y[i]! * share));
const seq = (thumbs: Uint8Array[]) => thumbs.map((thumb, i) => ({ timestampSec: i * 0.5, thumb }));

describe("temporalStats", () => {
  it("flags a dissolve and the samples at its edges, not the shots beyond", () => {
    const stats = temporalStats(seq([a, a, a, mix(a, b, 0.5), b, b, b]), W);
    expect(stats.map((s) => s.transition)).toEqual([false, false, true, true, true, false, false]);
  });

  it("flags the first sample of a stretch that starts inside a dissolve", () => {
    const stats = temporalStats(seq([mix(a, b, 0.5), mix(a, b, 0.6), mix(a, b, 0.7)]), W);
    expect(stats[0]!.transition).toBe(true);
  });

  it("flags a slow fade to black even while the picture moves", () => {
    // 8 samples a second, each 6 % darker and shifted: no linear blend, but clearly fading.
    const view = panorama(W, H, 24);
    const frames = Array.from({ length: 12 }, (_, k) => ({ timestampSec: k * 0.125, thumb: view(3 * k).map((v) => Math.round(v * (1 - 0.06 * k))) }));
    const stats = temporalStats(frames, W);
    expect(stats.slice(2).every((s) => s.transition)).toBe(true);
  });

  it("flags the first second of a slow fade, not the steady shot before it nor a steady shot before a cut to a dark one", () => {
    // 4 samples a second of a moving picture (no linear blend); the fade takes 3 s, so each sample
    // 0.6 s further on is still above 75 % of this one's brightness until well into it.
    const view = panorama(W, H, 25);
    const level = (k: number) => (k < 8 ? 1 : Math.max(0.02, 1 - (k - 7) / 12));
    const fade = temporalStats(Array.from({ length: 20 }, (_, k) => ({ timestampSec: k * 0.25, thumb: view(2 * k).map((v) => Math.round(v * level(k))) })), W);
    expect(fade.slice(7).every((s) => s.transition)).toBe(true);
    expect(fade.slice(0, 6).some((s) => s.transition)).toBe(false);
    const dark = a.map((v) => Math.round(v * 0.4));
    const cut = temporalStats(Array.from({ length: 12 }, (_, k) => ({ timestampSec: k * 0.25, thumb: k < 8 ? a : dark })), W);
    // Only the samples within the near reach (0.6 s) of the cut, and the first after it (a cut's own cost), are flagged.
    const flagged = [false, false, false, false, false, false, true, true, true, false, false, false];
    expect(cut.map((s) => s.transition)).toEqual(flagged);
    // The same when the moving shot drifts 3 % darker a sample before the cut (something dark moving in).
    const drift = panorama(W, H, 26);
    const drifting = temporalStats(Array.from({ length: 12 }, (_, k) => ({ timestampSec: k * 0.25, thumb: k < 8 ? drift(2 * k).map((v) => Math.round(v * (1 - 0.03 * k))) : dark })), W);
    expect(drifting.map((s) => s.transition)).toEqual(flagged);
  });

  it("does not call a hard cut a transition or motion", () => {
    const stats = temporalStats(seq([a, a, a, b, b, b]), W);
    expect(stats.some((s) => s.transition)).toBe(false);
    expect(Math.max(...stats.map((s) => s.motion))).toBe(0);
  });

  it("measures movement that continues on both sides", () => {
    const view = panorama(W, H, 23);
    const pan = temporalStats(seq([view(0), view(2), view(4), view(6)]), W);
    const still = temporalStats(seq([a, a, shifted(a, 0), a]), W);
    expect(pan.every((s) => !s.transition)).toBe(true);
    // Shifted 2 px between samples: the estimate is about that.
    expect(pan[1]!.motion).toBeGreaterThan(1);
    expect(pan[1]!.motion).toBeLessThan(4);
    expect(still[1]!.motion).toBe(0);
  });

  it("does not count a change of light as movement", () => {
    const view = panorama(W, H, 27);
    const light = [1, 0.85, 0.7, 0.8, 1];
    const still = temporalStats(seq(light.map((l) => view(0).map((v) => Math.round(v * l)))), W);
    const panning = temporalStats(seq(light.map((l, k) => view(2 * k).map((v) => Math.round(v * l)))), W);
    // What is left is rounding to whole gray levels; compared plainly, the dimmest moment would
    // look like a pan of several pixels.
    expect(Math.max(...still.map((s) => s.motion))).toBeLessThan(0.2);
    expect(panning[2]!.motion).toBeGreaterThan(1);
  });

  it("flags a twelve-second fade from its first second, even when the picture changes during it", () => {
    // 4 samples a second: 2 s of a still screen, then 12 s fading to black, each sample too little
    // darker than the last to look like a blend of its neighbours; at 3 s a window opens (a new
    // patch), which breaks the sample-to-sample steadiness the moving-picture rule needs.
    const screen = photoLike(W, H, 28);
    const withWindow = paste(screen.slice(), W, constantImage(16, 9, 230), 16, 9, 20, 10);
    const level = (t: number) => (t <= 2 ? 1 : Math.max(0, 1 - (t - 2) / 12));
    const frames = Array.from({ length: 56 }, (_, k) => ({ timestampSec: k * 0.25, thumb: (k * 0.25 < 3 ? screen : withWindow).map((v) => Math.round(v * level(k * 0.25))) }));
    const flagged = temporalStats(frames, W).map((s, k) => [frames[k]!.timestampSec, s.transition] as const);
    // From 0.75 s into the fade until black (the last samples are black, which is a defect of its own).
    expect(flagged.filter(([t]) => t >= 2.75 && t <= 13).every(([, transition]) => transition)).toBe(true);
    expect(flagged.filter(([t]) => t <= 1).some(([, transition]) => transition)).toBe(false);
  });

  it("ignores neighbours too far away in time", () => {
    const stats = temporalStats(
      [
        { timestampSec: 0, thumb: a },
        { timestampSec: 10, thumb: mix(a, b, 0.5) },
        { timestampSec: 20, thumb: b },
      ],
      W,
    );
    expect(stats[1]).toEqual({ motion: 0, transition: false });
  });
});
