import type { ObservationRecord, ScoreRecord } from "../core/records";
import type { TraceState } from "../core/trace-state";

/**
 * Where the tracer hands what happens to kept traces. The implementation runs tail sampling, masking
 * and the fan-out to exporters; every method must be non-throwing and quick.
 */
export interface Pipeline {
  /** A kept trace started in this process. */
  onTraceStart(trace: TraceState): void;
  /** An observation of a kept trace ended. */
  onObservationEnd(record: ObservationRecord, trace: TraceState): void;
  /** The local root of a kept trace ended (called after its `onObservationEnd`). */
  onTraceEnd(trace: TraceState): void;
  /** A score for a kept trace (`trace` is undefined for a trace started elsewhere). */
  onScore(record: ScoreRecord, trace: TraceState | undefined): void;
}
