// Our cost of a machine beside the provider's own figure. A difference over 1% is flagged; below a
// cent it is not, since the two clocks start a few seconds apart (the provider bills from its
// create call, we from the moment the order is confirmed) and that alone is more than 1% of a few
// cents.

export const TRUTH_TOLERANCE = 0.01;
export const TRUTH_MIN_FLAG_MICROS = 10_000;

export interface TruthCheck {
  machineId: string;
  oursMicros: number;
  theirsMicros: number | null;
  /** (ours − theirs) / theirs; null when they report nothing. */
  diffRatio: number | null;
  flagged: boolean;
  source: string | null;
}

export function compareCost(
  machineId: string,
  oursMicros: number,
  theirs: { costMicros: number; source: string } | undefined,
): TruthCheck {
  if (!theirs) return { machineId, oursMicros, theirsMicros: null, diffRatio: null, flagged: false, source: null };
  const diff = oursMicros - theirs.costMicros;
  const diffRatio = theirs.costMicros === 0 ? (oursMicros === 0 ? 0 : 1) : diff / theirs.costMicros;
  const flagged = Math.abs(diff) >= TRUTH_MIN_FLAG_MICROS && Math.abs(diffRatio) > TRUTH_TOLERANCE;
  return { machineId, oursMicros, theirsMicros: theirs.costMicros, diffRatio, flagged, source: theirs.source };
}
