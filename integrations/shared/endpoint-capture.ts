import type { ObservationLevel, ObservationType, UsageDetails } from "tracewise";

/** What a finished call contributes to its observation. */
export interface CapturedResult {
  /** The output: an assistant message, output items, an embeddings summary, … */
  output?: unknown;
  /** Canonical usage details. */
  usageDetails?: UsageDetails;
  /** The model the API says answered (more precise than the requested one). */
  model?: string;
  /** Response facts worth keeping: id, finish reason, system fingerprint, … */
  metadata?: Record<string, unknown>;
  /** Set when the response itself reports a failure (a `response.failed` event, say). */
  level?: ObservationLevel;
  /** Explanation that goes with `level`. */
  statusMessage?: string;
}

/** Assembles a streamed call's result from its chunks or events, in order. */
export interface StreamAccumulator {
  /** Takes the next chunk; returns true when it carried content (the first one sets `completionStartTime`). */
  push(chunk: unknown): boolean;
  /** What arrived so far, assembled (also for a stream abandoned or aborted early). */
  result(): CapturedResult;
}

/** How one kind of endpoint (chat, responses, embeddings, legacy completions) is captured. */
export interface EndpointCapture {
  /** Observation type of the call (`generation`, `embedding`; `span` for calls that generate nothing). */
  readonly asType: ObservationType;
  /** The recorded input, from the request body. */
  input(params: Readonly<Record<string, unknown>>): unknown;
  /** The result of a non-streamed call. */
  result(value: unknown): CapturedResult;
  /** A fresh accumulator for a streamed call. */
  accumulator(): StreamAccumulator;
}
