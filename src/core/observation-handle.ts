import type { EndObservationOptions, ObservationFields, ScoreOptions, StartObservationOptions, TraceUpdate } from "./observation-options";
import type { ObservationType } from "./records";

/**
 * A live observation. Every method accepts the call and returns normally, also on a trace that
 * sampling dropped (then nothing is recorded, but ids still exist and propagate), and whatever it is
 * given: a field of the wrong type (a `startTime` that is not a time, a `level` that is not a level) is
 * ignored, or coerced where the intent is plain (a number as `userId`), with one warning per call and
 * field; metadata that is not an object is kept under `value`.
 */
export interface ObservationHandle {
  /** 16-hex span id. On a dropped trace, the id of its local root. */
  readonly id: string;
  /** 32-hex trace id. */
  readonly traceId: string;
  /** The observation's type. */
  readonly type: ObservationType;
  /** False when the trace was dropped by sampling (or Tracewise is disabled): nothing is recorded. */
  readonly isRecording: boolean;
  /** Whether the trace is (so far) kept: the W3C sampled flag sent downstream. */
  readonly sampled: boolean;
  /** W3C `traceparent` header value naming this observation as the parent, for outgoing calls. */
  readonly traceparent: string;
  /** W3C `tracestate` header value to send with {@link ObservationHandle.traceparent}, if any. */
  readonly tracestate: string | undefined;
  /** Sets fields of this observation; returns it for chaining. */
  update(fields: ObservationFields): this;
  /** Ends the observation (once; later calls are ignored) and hands it to the pipeline. */
  end(fields?: EndObservationOptions): void;
  /** Starts a child `span`. */
  span(options: Omit<StartObservationOptions, "asType">): ObservationHandle;
  /** Starts a child `generation` (an LLM call). */
  generation(options: Omit<StartObservationOptions, "asType">): ObservationHandle;
  /** Records a child `event`: a point in time, ended at once. */
  event(options: Omit<StartObservationOptions, "asType">): ObservationHandle;
  /** Starts a child of any type (`agent`, `tool`, `chain`, `retriever`, `embedding`, …). */
  startObservation(options: StartObservationOptions): ObservationHandle;
  /** Scores this observation. */
  score(options: ScoreOptions): void;
  /** Scores the whole trace this observation belongs to. */
  scoreTrace(options: ScoreOptions): void;
  /** Updates trace-level fields (user, session, tags, trace name, trace input/output, …). */
  updateTrace(fields: TraceUpdate): this;
}
