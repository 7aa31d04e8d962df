/**
 * What each real clip's frames are: time ranges labelled good or unusable (with the reason), and
 * where a face a person would want found is in view. Stored as bench/real/labels/<id>.json next
 * to the clip's contact sheet (<id>.jpg), so anyone can check them. Ranges cover the whole clip.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

export const UNUSABLE_REASONS = ["corrupted", "eyes closed", "heavy blur", "black or fade", "mid-transition", "dark and noisy"] as const;
export type UnusableReason = (typeof UNUSABLE_REASONS)[number];

const span = { from: z.number().min(0), to: z.number().positive() };
const rangeSchema = z.discriminatedUnion("label", [
  z.object({ ...span, label: z.literal("good") }),
  z.object({ ...span, label: z.literal("unusable"), reason: z.enum(UNUSABLE_REASONS) }),
]);
export const clipLabelsSchema = z
  .object({
    id: z.string(),
    labelledBy: z.string(),
    ranges: z.array(rangeSchema).min(1),
    faces: z.array(z.object(span)).optional(),
    notes: z.string().optional(),
  })
  .superRefine((labels, ctx) => {
    labels.ranges.forEach((range, i) => {
      const previousEnd = i === 0 ? 0 : labels.ranges[i - 1]!.to;
      if (Math.abs(range.from - previousEnd) > 1e-9) ctx.addIssue({ code: "custom", message: `range ${i} starts at ${range.from}, not where the one before ends (${previousEnd})` });
      if (range.to <= range.from) ctx.addIssue({ code: "custom", message: `range ${i} ends before it starts` });
    });
  });

export type ClipLabels = z.infer<typeof clipLabelsSchema>;
export type LabelledRange = ClipLabels["ranges"][number];

export const LABELS_DIR = join(import.meta.dirname, "labels");

export function loadLabels(id: string): ClipLabels {
  const labels = clipLabelsSchema.parse(JSON.parse(readFileSync(join(LABELS_DIR, `${id}.json`), "utf8")));
  if (labels.id !== id) throw new Error(`${id}.json labels ${labels.id}`);
  return labels;
}

/** The label of the moment at `t` (the last range's end counts as inside it). */
export function labelAt(labels: ClipLabels, t: number): LabelledRange {
  return labels.ranges.find((r) => t >= r.from && t < r.to) ?? labels.ranges.at(-1)!;
}

/** Share of the clip's time labelled good: what picking at random would score. */
export function goodShare(labels: ClipLabels): number {
  const total = labels.ranges.at(-1)!.to;
  return labels.ranges.filter((r) => r.label === "good").reduce((sum, r) => sum + r.to - r.from, 0) / total;
}

/** The labels with [from, to) marked unusable for `reason`, as a degradation made on purpose does. */
export function withUnusable(labels: ClipLabels, from: number, to: number, reason: UnusableReason): ClipLabels["ranges"] {
  const out: LabelledRange[] = [];
  for (const range of labels.ranges) {
    if (range.to <= from || range.from >= to) {
      out.push(range);
      continue;
    }
    if (range.from < from) out.push({ ...range, to: from });
    if (range.to > to) out.push({ ...range, from: to });
  }
  out.push({ from, to, label: "unusable", reason });
  return out.sort((a, b) => a.from - b.from);
}
