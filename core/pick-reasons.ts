/**
 * The words a person reads about a picked frame: a name for each score the picker gives
 * (worker/picker/quality.ts), and a short "why it was picked" made from them, shown on the
 * frame's card and its large view, and printed by the CLI. One place, so every layer says the same.
 */

/** Scores in the order people care about them, with the names they are shown under. */
export const METRIC_LABELS: ReadonlyArray<readonly [key: string, label: string]> = [
  ["face", "Face"],
  ["eyes", "Eyes open"],
  ["motion", "Action"],
  ["sharpness", "Sharpness"],
  ["exposure", "Exposure"],
  ["brightness", "Brightness"],
  ["contrast", "Contrast"],
  ["composition", "Framing"],
  ["spread", "Detail across the frame"],
  ["artefacts", "Free of compression blocks"],
  ["clean", "Free of grain"],
  ["technical", "Image quality overall"],
];

export function metricLabel(key: string): string {
  return METRIC_LABELS.find(([k]) => k === key)?.[1] ?? key.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/^./, (c) => c.toUpperCase());
}

export function metricRank(key: string): number {
  const i = METRIC_LABELS.findIndex(([k]) => k === key);
  return i < 0 ? METRIC_LABELS.length : i;
}

/** At most this many reasons: a glance, not a report. */
const MAX_REASONS = 4;

/** Each score's phrase by level (the first whose floor it reaches); null says nothing at that level. */
const PHRASES: ReadonlyArray<readonly [key: string, levels: ReadonlyArray<readonly [floor: number, phrase: string | null]>]> = [
  ["face", [[0.8, "a clear face"], [0.3, "a face, not the clearest"], [0, "no clear face"]]],
  ["eyes", [[0.95, "eyes open"], [0.5, null], [0, "eyes may be closed"]]],
  ["motion", [[0.7, "in the thick of the action"], [0.3, "some movement"], [0, "a still moment"]]],
  ["sharpness", [[0.8, "sharp"], [0.55, "reasonably sharp"], [0, "a little soft"]]],
  ["exposure", [[0.85, "well exposed"], [0.5, null], [0, "too dark or too bright"]]],
  ["composition", [[0.75, "well framed"], [0, null]]],
  ["contrast", [[0.8, "good contrast"], [0.35, null], [0, "flat light"]]],
  ["artefacts", [[0.6, null], [0, "some compression blocks"]]],
  ["clean", [[0.6, null], [0, "grainy"]]],
];

/** Why a frame was picked, in words, from its scores (0–1 each); the strongest points first. */
export function pickReasons(metrics: Record<string, number>): string[] {
  const reasons: string[] = [];
  for (const [key, levels] of PHRASES) {
    const value = metrics[key];
    if (value === undefined || !Number.isFinite(value)) continue;
    const phrase = levels.find(([floor]) => value >= floor)?.[1];
    if (phrase) reasons.push(phrase);
  }
  return reasons.slice(0, MAX_REASONS);
}
