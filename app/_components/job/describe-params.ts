import type { PickParams } from "~/core/pick-params";
import { formatSeconds } from "../ui/format";

const MODE_NAMES = { profile: "Profile", action: "Action" } as const;
const QUALITY_NAMES = { fast: "Fast", balanced: "Balanced", best: "Best" } as const;

/** "Profile · Balanced · 3 frames ≥ 2 s apart" */
export function describeParams(p: PickParams): string {
  const frames = `${p.count} ${p.count === 1 ? "frame" : "frames"}`;
  return `${MODE_NAMES[p.mode]} · ${QUALITY_NAMES[p.quality]} · ${frames} ≥ ${formatSeconds(p.minIntervalSec)} apart`;
}
