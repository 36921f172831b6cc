/**
 * OpenTelemetry consistent probability sampling (tracestate `ot=th`/`rv`).
 *
 * Randomness R is 56 bits: the low 56 bits of the trace id (its last 14 hex digits), or `rv` from the
 * `ot` tracestate entry. A probability p maps to the rejection threshold T = 2^56 − round(p·2^56);
 * keep iff R ≥ T. Because R and T are both 14 lowercase hex digits, R ≥ T is a plain string
 * comparison: no BigInt on the hot path. The same trace id gives the same answer in every process, and
 * a higher p (lower T) keeps a superset of what a lower p keeps.
 */

/** 2^56 as a BigInt. */
const TWO_56 = 1n << 56n;

/** Rejection threshold for probability `p` as 14 hex digits, or `undefined` when p = 0 (never keep). */
export function thresholdFor(p: number): string | undefined {
  if (!(p > 0)) return undefined;
  if (p >= 1) return "00000000000000";
  // p·2^56 is exact in binary floating point (a shift of the exponent); Math.round gives round(p·2^56).
  const keep = BigInt(Math.round(p * 2 ** 56));
  return (TWO_56 - keep).toString(16).padStart(14, "0");
}

/** The randomness of a trace: the last 14 hex digits of its id. */
export function randomnessOf(traceId: string): string {
  return traceId.slice(18);
}

/** Keep iff R ≥ T (both 14 lowercase hex digits). */
export function keepsWith(randomness: string, threshold: string | undefined): boolean {
  return threshold !== undefined && randomness >= threshold;
}

/** The `th` value for a threshold: trailing zeros stripped (`80000000000000` → `8`), `0` for p = 1. */
export function encodeTh(threshold: string): string {
  const stripped = threshold.replace(/0+$/, "");
  return stripped === "" ? "0" : stripped;
}

/** The sampling probability a threshold stands for: p = (2^56 − T) / 2^56. */
export function probabilityOf(threshold: string): number {
  return Number(TWO_56 - BigInt(`0x${threshold}`)) / 2 ** 56;
}
