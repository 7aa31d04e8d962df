/**
 * Invariants of a benchmark video's labels that the judging relies on; checked on every video,
 * cached ones included, so a planning change that breaks them fails loudly instead of skewing scores.
 */
import type { GroundTruth } from "~/bench/ground-truth";

export function checkTruth(truth: GroundTruth): void {
  const problems: string[] = [];
  const { segments } = truth;
  segments.forEach((s, i) => {
    if (s.startSec !== 5 * i || s.endSec !== 5 * (i + 1)) problems.push(`segment ${i} spans ${s.startSec}–${s.endSec} s`);
    if ((s.motion === "static") !== (s.dupGroup !== null)) problems.push(`segment ${i}: static segments (only) have a dupGroup`);
  });
  if (segments.length * 5 !== truth.durationSec) problems.push(`${segments.length} segments for ${truth.durationSec} s`);

  // Good pictures: each photo once, except the one declared repeat (same group, ≥ 2 segments apart).
  const good = segments.map((s, i) => ({ s, i })).filter(({ s }) => s.quality === "good");
  const byPhoto = new Map<string, number[]>();
  for (const { s, i } of good) byPhoto.set(s.photo ?? "", [...(byPhoto.get(s.photo ?? "") ?? []), i]);
  const repeated = [...byPhoto].filter(([, at]) => at.length > 1);
  if (repeated.length !== 1) problems.push(`${repeated.length} photos repeat among the good segments, expected exactly 1`);
  for (const [photo, at] of repeated) {
    const groups = new Set(at.map((i) => segments[i]!.dupGroup));
    if (at.length !== 2 || groups.size !== 1 || at[1]! - at[0]! < 2) problems.push(`${photo} repeats at segments ${at.join(",")}`);
  }
  for (const group of new Set(segments.map((s) => s.dupGroup).filter((g) => g !== null))) {
    const photos = new Set(segments.filter((s) => s.dupGroup === group).map((s) => s.photo));
    if (photos.size !== 1) problems.push(`group ${group} mixes photos`);
  }

  // Action mode needs good pans to find, each a different photo.
  const pans = good.filter(({ s }) => s.motion === "moving").map(({ s }) => s.photo);
  if (pans.length !== 3 || new Set(pans).size !== 3) problems.push(`good pans show ${pans.join(", ")}, expected 3 different photos`);

  for (const t of truth.transitions) {
    if (t.startSec <= 0 || t.endSec >= truth.durationSec || t.endSec <= t.startSec) problems.push(`transition ${t.startSec}–${t.endSec} s`);
  }
  if (problems.length > 0) throw new Error(`${truth.file}: ${problems.join("; ")}`);
}
