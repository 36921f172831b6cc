import type { ObservationHandle } from "./observation-handle";
import { RecordingObservation } from "./recording-observation";
import type { EndObservationOptions, ScoreOptions, StartObservationOptions, TraceUpdate } from "./observation-options";

/**
 * A trace started with `tw.trace()`. The trace is its root observation plus trace-level fields:
 * `update()` sets trace fields (and mirrors input/output onto the root, where Langfuse reads trace
 * I/O), `score()` scores the trace, `end()` ends the root.
 */
export class TraceHandle {
  /** @param root - the trace's root observation. */
  constructor(readonly root: ObservationHandle) {}

  /** The 32-hex trace id. */
  get id(): string {
    return this.root.traceId;
  }

  /** Whether the trace is kept. */
  get sampled(): boolean {
    return this.root.sampled;
  }

  /** W3C `traceparent` naming the root as parent, for outgoing calls. */
  get traceparent(): string {
    return this.root.traceparent;
  }

  /** W3C `tracestate` to send with {@link TraceHandle.traceparent}. */
  get tracestate(): string | undefined {
    return this.root.tracestate;
  }

  /** Starts a child span of the root. */
  span(options: Omit<StartObservationOptions, "asType">): ObservationHandle {
    return this.root.span(options);
  }

  /** Starts a child generation of the root. */
  generation(options: Omit<StartObservationOptions, "asType">): ObservationHandle {
    return this.root.generation(options);
  }

  /** Records an event under the root. */
  event(options: Omit<StartObservationOptions, "asType">): ObservationHandle {
    return this.root.event(options);
  }

  /** Starts a child of any type under the root. */
  startObservation(options: StartObservationOptions): ObservationHandle {
    return this.root.startObservation(options);
  }

  /** Updates trace-level fields; input and output are also the root's, captured once for both. */
  update(fields: TraceUpdate): this {
    // A dropped trace's root records nothing: nothing to read or capture.
    if (this.root instanceof RecordingObservation) this.root.updateTraceAndIo(fields);
    return this;
  }

  /** Scores the trace. */
  score(options: ScoreOptions): void {
    this.root.scoreTrace(options);
  }

  /** Ends the trace's root; `output` also becomes the trace output (captured once for both). */
  end(fields?: EndObservationOptions): void {
    this.root.end(fields);
  }
}
