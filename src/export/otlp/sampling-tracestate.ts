/**
 * The OpenTelemetry `ot=th:…` trace-state entry of a sampling probability (consistent probability
 * sampling): threshold T = (1 − p)·2^56 as up to 14 hex digits with trailing zeros removed.
 *
 * @module
 */

const TWO_POW_56 = 2 ** 56;

/** The `th` value for probability `p` (0 < p ≤ 1); `"0"` means "always kept". */
export function samplingThreshold(p: number): string {
  if (!(p > 0) || p >= 1) return "0";
  const threshold = Math.round((1 - p) * TWO_POW_56);
  if (threshold >= TWO_POW_56) return "ffffffffffffff";
  const hex = threshold.toString(16).padStart(14, "0").replace(/0+$/, "");
  return hex === "" ? "0" : hex;
}

/**
 * The trace state a span carries: the record's own when it has one with an `ot=` entry, otherwise the
 * record's trace state with `ot=th:…` added for a probability below 1.
 */
export function spanTraceState(tracestate: string | undefined, sampleRate: number): string | undefined {
  if (tracestate !== undefined && /(^|,)\s*ot=/.test(tracestate)) return tracestate;
  if (!(sampleRate < 1)) return tracestate;
  const entry = `ot=th:${samplingThreshold(sampleRate)}`;
  return tracestate === undefined || tracestate === "" ? entry : `${entry},${tracestate}`;
}
