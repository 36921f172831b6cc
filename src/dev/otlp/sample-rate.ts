/**
 * The probability with which a trace was kept by its producer, read from the span attribute
 * `tracewise.sample_rate` or from the OpenTelemetry sampling threshold in `tracestate` (`ot=th:<hex>`).
 *
 * OpenTelemetry's threshold is a hex fraction of 2^56, left-aligned to 14 digits: a span is kept when
 * its randomness ≥ th, so p = 1 − th / 2^56 (`th:8` → 0.5, `th:c` → 0.25, `th:0` → 1).
 *
 * @module
 */
import { probabilityOf } from "../../sampling/consistent-probability";
import { parseOt, readOt } from "../../sampling/tracestate";

/** p = 1 − th/2^56 for a threshold in hex (1–14 digits); undefined when malformed. */
export function thresholdToProbability(hex: string): number | undefined {
  return probabilityOfTh(parseOt(`th:${hex}`).th);
}

/** Reads the `th` sub-key of the `ot` entry of a W3C tracestate; undefined when absent or malformed. */
export function probabilityFromTracestate(tracestate: string | undefined): number | undefined {
  return probabilityOfTh(readOt(tracestate).th);
}

// The tracestate and threshold rules are the sampler's own (sampling/tracestate.ts), not a second copy.
function probabilityOfTh(threshold: string | undefined): number | undefined {
  if (threshold === undefined) return undefined;
  const p = probabilityOf(threshold);
  return p > 0 ? p : undefined;
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
