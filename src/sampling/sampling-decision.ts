import type { SamplingReason } from "../core/trace-state";
import type { RemoteParent } from "../core/w3c";

/** What the tracer knows about a trace when it starts. */
export interface SamplingInput {
  readonly traceId: string;
  readonly name: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly userId?: string;
  readonly sessionId?: string;
  readonly tags?: readonly string[];
  /** An explicit decision from `trace({ sampled })` or `observe(fn, { sampled })`. */
  readonly sampled?: boolean;
  readonly samplingContext?: Readonly<Record<string, unknown>>;
  /** The remote parent, when continuing a trace. */
  readonly parent?: RemoteParent;
}

/** The head decision for a trace. */
export interface SamplingOutcome {
  readonly sampled: boolean;
  /** Probability with which the trace was kept (recorded on it for extrapolation). */
  readonly sampleRate: number;
  /** Which rule decided. */
  readonly reason: SamplingReason;
  /** The tracestate to propagate (with `ot=th` updated), if any. */
  readonly tracestate?: string;
}
