/**
 * The probability with which a trace was kept by its producer, read from the span attribute
 * `tracewise.sample_rate` or from the OpenTelemetry sampling threshold in `tracestate` (`ot=th:<hex>`).
 *
 * OpenTelemetry's threshold is a hex fraction of 2^56, left-aligned to 14 digits: a span is kept when
 * its randomness ≥ th, so p = 1 − th / 2^56 (`th:8` → 0.5, `th:c` → 0.25, `th:0` → 1).
 *
 * @module
 */

const THRESHOLD_DIGITS = 14;
const TWO_POW_56 = 2 ** 56;

/** p = 1 − th/2^56 for a threshold in hex (1–14 digits); undefined when malformed. */
export function thresholdToProbability(hex: string): number | undefined {
  if (!/^[0-9a-f]{1,14}$/i.test(hex)) return undefined;
  const threshold = parseInt(hex.padEnd(THRESHOLD_DIGITS, "0"), 16);
  const p = 1 - threshold / TWO_POW_56;
  return p > 0 ? p : undefined;
}

/** Reads the `th` sub-key of the `ot` entry of a W3C tracestate; undefined when absent or malformed. */
export function probabilityFromTracestate(tracestate: string | undefined): number | undefined {
  if (!tracestate) return undefined;
  for (const member of tracestate.split(",")) {
    const eq = member.indexOf("=");
    if (eq < 0 || member.slice(0, eq).trim() !== "ot") continue;
    for (const part of member.slice(eq + 1).trim().split(";")) {
      if (part.startsWith("th:")) return thresholdToProbability(part.slice(3));
    }
  }
  return undefined;
}

/** A sample rate is usable when it is a number in (0, 1]. */
export function validSampleRate(value: unknown): number | undefined {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) && n > 0 && n <= 1 ? n : undefined;
}

/** The span's recorded probability: the explicit attribute first, then the tracestate threshold. */
export function spanSampleRate(attribute: unknown, tracestate: string | undefined): number | undefined {
  return validSampleRate(attribute) ?? probabilityFromTracestate(tracestate);
}
