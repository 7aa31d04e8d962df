import { describe, expect, it } from "vitest";
import { clipLabelsSchema, goodShare } from "~/bench/real/labels";
import { FORBIDDEN_PACKAGES, PHOTO_PACKAGES, PHOTOS, photoById } from "~/bench/synth2/photos";
import { CLIP_COUNT, LABELLED_BY, camAt, faceInView, frameTruths, labelsOf, planClips, timeline } from "~/bench/synth2/plan";
import { planHash, renderArgs } from "~/bench/synth2/render";

describe("generator 2's plan", () => {
  const plans = planClips();

  it("is the same on every run, and another seed gives another plan", () => {
    expect(JSON.stringify(planClips())).toBe(JSON.stringify(plans));
    expect(planHash(planClips())).toBe(planHash(plans));
    expect(JSON.stringify(planClips(7))).not.toBe(JSON.stringify(plans));
  });

  it("has clips of 6–20 s at the sizes and rates it promises, with unique ids", () => {
    expect(plans).toHaveLength(CLIP_COUNT);
    expect(new Set(plans.map((p) => p.id)).size).toBe(plans.length);
    for (const plan of plans) {
      const seconds = timeline(plan).frames / plan.fps;
      expect(seconds).toBeGreaterThanOrEqual(5.5);
      expect(seconds).toBeLessThanOrEqual(21);
      expect([25, 30]).toContain(plan.fps);
      expect(["640x360", "1280x720"]).toContain(`${plan.width}x${plan.height}`);
      expect(plan.joins).toHaveLength(plan.shots.length - 1);
      for (const shot of plan.shots) expect(shot.frames / plan.fps).toBeLessThanOrEqual(6.5);
    }
    expect(new Set(plans.map((p) => p.purpose))).toEqual(new Set(["profile", "action"]));
  });

  it("labels every clip with the real-footage schema, covering the whole clip, with good and unusable time", () => {
    for (const plan of plans) {
      const labels = clipLabelsSchema.parse(JSON.parse(JSON.stringify(labelsOf(plan))));
      expect(labels.id).toBe(plan.id);
      expect(labels.labelledBy).toBe(LABELLED_BY);
      expect(labels.ranges[0]!.from).toBe(0);
      expect(labels.ranges.at(-1)!.to).toBeCloseTo(timeline(plan).frames / plan.fps, 4);
      const share = goodShare(labels);
      expect(share).toBeGreaterThan(0.3);
      expect(share).toBeLessThan(0.8);
      for (const face of labels.faces ?? []) expect(labels.ranges.some((r) => r.label === "good" && r.from <= face.from + 1e-9 && face.to <= r.to + 1e-9)).toBe(true);
    }
  });

  it("holds the hard case in every clip: a shot with both good and spoiled frames", () => {
    for (const plan of plans) {
      const mixed = plan.shots.some((shot) => shot.kind === "photo" && shot.spoils.some((s) => s.to - s.from < shot.frames));
      expect(mixed, plan.id).toBe(true);
    }
  });

  it("uses every degradation and join across the set, and faces only where the face stays in view", () => {
    const spoils = new Set(plans.flatMap((p) => p.shots.flatMap((s) => (s.kind === "photo" ? s.spoils.map((sp) => sp.kind) : []))));
    expect(spoils).toEqual(new Set(["defocus", "whip", "dark", "murky"]));
    const reasons = new Set(plans.flatMap((p) => frameTruths(p).map((t) => t.reason)));
    for (const reason of ["heavy blur", "dark and noisy", "black or fade", "mid-transition"]) expect(reasons).toContain(reason);
    expect(plans.some((p) => p.joins.some((j) => j.kind === "dissolve"))).toBe(true);
    expect(plans.some((p) => p.shots.some((s) => s.kind === "black"))).toBe(true);
    for (const plan of plans.filter((p) => p.purpose === "profile")) expect(labelsOf(plan).faces?.length ?? 0, plan.id).toBeGreaterThan(0);
    for (const plan of plans) {
      for (const shot of plan.shots) {
        if (shot.kind !== "photo") continue;
        const photo = photoById(shot.photo);
        for (const key of shot.keys) {
          expect(key.cam.x).toBeGreaterThanOrEqual(-1e-9);
          expect(key.cam.y).toBeGreaterThanOrEqual(-1e-9);
          expect(key.cam.x + key.cam.w).toBeLessThanOrEqual(1 + 1e-9);
          expect(key.cam.y + key.cam.w).toBeLessThanOrEqual(1 + 1e-9);
        }
        if (photo.face) for (let f = 0; f < shot.frames; f += 5) expect(faceInView(photo, camAt(shot.keys, f)), `${plan.id} ${photo.id} frame ${f}`).toBe(true);
      }
    }
  });

  it("renders each clip in one ffmpeg run that names its photos and frame count", () => {
    for (const plan of plans) {
      const args = renderArgs(plan, "/tmp/out.mp4");
      expect(args.at(-1)).toBe("/tmp/out.mp4");
      expect(args[args.indexOf("-frames:v") + 1]).toBe(String(timeline(plan).frames));
      expect(args.filter((a) => a === "-i")).toHaveLength(plan.shots.filter((s) => s.kind === "photo").length);
    }
  });
});

describe("generator 2's photos", () => {
  it("has photos with one clear face and photos without, each pinned by SHA-256", () => {
    expect(PHOTOS.filter((p) => p.face).length).toBeGreaterThanOrEqual(3);
    expect(PHOTOS.filter((p) => !p.face).length).toBeGreaterThanOrEqual(6);
    for (const photo of PHOTOS) expect(photo.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(PHOTOS.map((p) => p.id)).size).toBe(PHOTOS.length);
  });

  it("takes nothing from the first generator's packages or those reserved for an independent check", () => {
    const fetched = Object.values(PHOTO_PACKAGES).flatMap((source) => [source.archive, ...source.fetch]);
    for (const forbidden of FORBIDDEN_PACKAGES) {
      expect(fetched.some((part) => part.includes(forbidden))).toBe(false);
      expect(PHOTOS.some((p) => (p.package as string) === forbidden || p.path.includes(forbidden))).toBe(false);
    }
    for (const source of Object.values(PHOTO_PACKAGES)) expect(source.fetch[0]).toBe("apt-get");
  });
});
