/**
 * The held-out protocol, fixed before anything was tuned on these clips: a clip's half is the
 * parity of the first byte of SHA-256(its id). It does not depend on what the clip shows or on
 * how the picker does on it, and adding clips never moves one. A clip made from another
 * (degrade.ts) is in its parent's half, or the test half would hold copies of tuning footage.
 * Tune on "tuning"; quote "test".
 */
import { createHash } from "node:crypto";

export type Half = "tuning" | "test";

export function halfOf(id: string): Half {
  return (createHash("sha256").update(id).digest()[0]! & 1) === 0 ? "tuning" : "test";
}
