import type { SamplingOutcome } from "../sampling/sampling-decision";

/**
 * The sampler's decision for a new root span, handed to the span processor. The OpenTelemetry SDK
 * asks the sampler and then calls the processors' `onStart` synchronously within one `startSpan`, so
 * one slot is enough: the processor takes it if its trace id matches, and the trace starts with the
 * decision the sampler returned (a sampler function that draws at random is asked once).
 */
let slot: { traceId: string; outcome: SamplingOutcome } | undefined;

/** Leaves the decision for `traceId` to the processor. */
export function handOff(traceId: string, outcome: SamplingOutcome): void {
  slot = { traceId, outcome };
}

/** Takes the decision left for `traceId`, if any. */
export function takeHandOff(traceId: string): SamplingOutcome | undefined {
  const held = slot;
  slot = undefined;
  return held?.traceId === traceId ? held.outcome : undefined;
}
