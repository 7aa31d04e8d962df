import type { Defect, Shortfall } from "~/core/shortfall";
import { selectDistinctFrames } from "./distinct";
import type { PerceptualHash } from "./perceptual-hash";
import { mostThatFit, type Scored } from "./select";

/** How many defects a shortfall names: the commonest, not a catalogue. */
const NAMED_DEFECTS = 2;
/**
 * A defect shared by at least this share of the moments is the video's character, not a flaw:
 * planets drawn on black are "dark" and a gray title card "flat" from start to end, and their
 * owners still want their frames. Such moments count as fit and compete on their scores.
 */
const CHARACTER_SHARE = 0.8;

interface Candidate extends Scored {
  hash: PerceptualHash;
  defect: Defect | null;
}

/**
 * The best distinct selection (distinct.ts) among moments fit to deliver, never filled up with
 * unfit ones (blurred, dark and grainy, black, mid-transition): a second good moment of a shot
 * beats a degraded one, and when fit moments run out the user gets fewer frames with the reason.
 * Only when no moment is fit does the least bad one come back, so a job never ends empty-handed.
 */
export function selectFitFrames<T extends Candidate>(samples: readonly T[], count: number, minIntervalSec: number): { picks: T[]; shortfall: Shortfall | null } {
  const character = characterDefects(samples);
  const fit = samples.filter((s) => s.defect === null || character.has(s.defect));
  if (fit.length === 0) return { picks: selectDistinctFrames(samples, 1, minIntervalSec), shortfall: { reason: "all-degraded", defects: commonDefects(samples) } };
  const picks = selectDistinctFrames(fit, count, minIntervalSec);
  if (picks.length >= count) return { picks, shortfall: null };
  const room = mostThatFit([...samples].sort((a, b) => a.timestampSec - b.timestampSec), minIntervalSec);
  if (picks.length >= room) return { picks, shortfall: { reason: "too-short", defects: [] } };
  // Would the unfit moments have filled more? Then they are why; otherwise the views repeat.
  if (selectDistinctFrames(samples, count, minIntervalSec).length > picks.length) {
    return { picks, shortfall: { reason: "degraded", defects: commonDefects(samples) } };
  }
  return { picks, shortfall: { reason: "too-alike", defects: [] } };
}

function defectCounts(samples: readonly Candidate[]): Array<[Defect, number]> {
  const counts = new Map<Defect, number>();
  for (const { defect } of samples) if (defect) counts.set(defect, (counts.get(defect) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

function characterDefects(samples: readonly Candidate[]): Set<Defect> {
  return new Set(defectCounts(samples).flatMap(([defect, n]) => (n >= CHARACTER_SHARE * samples.length ? [defect] : [])));
}

/** The defects of the unfit samples, commonest first. */
function commonDefects(samples: readonly Candidate[]): Defect[] {
  return defectCounts(samples)
    .slice(0, NAMED_DEFECTS)
    .map(([defect]) => defect);
}
