import { describeValue } from "../diag/sanitize";
import { ObservationData } from "./observation-data";
import type { ObservationHandle } from "./observation-handle";
import type {
  EndObservationOptions,
  ObservationFields,
  ScoreOptions,
  StartObservationOptions,
  TraceUpdate,
} from "./observation-options";
import type { ObservationLevel, ObservationType } from "./records";
import type { TraceState } from "./trace-state";
import { readField, timeField } from "./user-input";
import { formatTraceparent } from "./w3c";

/** An observation of a kept trace: it records what it is given and hands a record to the pipeline at `end()`. */
export class RecordingObservation implements ObservationHandle {
  readonly isRecording = true;
  private readonly data: ObservationData;
  private ended = false;

  /**
   * @param trace - the trace's shared state.
   * @param id - the span id.
   * @param type - the observation type.
   * @param parentId - the parent observation (or remote parent span) id.
   * @param startTime - epoch milliseconds.
   * @param isLocalRoot - true for the first observation of the trace in this process.
   */
  constructor(
    readonly trace: TraceState,
    readonly id: string,
    readonly type: ObservationType,
    name: string,
    parentId: string | undefined,
    startTime: number,
    isLocalRoot: boolean,
  ) {
    this.data = new ObservationData(id, trace.id, type, name, parentId, startTime, isLocalRoot);
  }

  get traceId(): string {
    return this.trace.id;
  }

  get sampled(): boolean {
    return this.trace.sampled;
  }

  /** True for the first observation of the trace in this process. */
  get isLocalRoot(): boolean {
    return this.data.isLocalRoot;
  }

  /** The observation's name. */
  get name(): string {
    return this.data.name;
  }

  get traceparent(): string {
    return formatTraceparent(this.trace.id, this.id, true);
  }

  get tracestate(): string | undefined {
    return this.trace.snapshot.tracestate;
  }

  /** The level set so far (tail sampling and the observe wrapper read it). */
  get level(): ObservationLevel {
    return this.data.level;
  }

  update(fields: ObservationFields): this {
    if (this.ended) {
      this.trace.tracer.logger.debug(`update() after end() on observation ${describeValue(this.data.name)} ignored`);
      return this;
    }
    this.applyFields(fields, "update()");
    return this;
  }

  end(fields?: EndObservationOptions): void {
    if (this.ended) return;
    this.ended = true;
    const tracer = this.trace.tracer;
    try {
      let endTime: number | undefined;
      if (fields !== undefined) {
        this.applyFields(fields, "end()");
        if (typeof fields === "object" && fields !== null) endTime = timeField(readField(fields as Record<string, unknown>, "endTime", "end()", tracer.logger), "endTime", "end()", tracer.logger);
      }
      const record = this.data.toRecord(endTime ?? tracer.clock.now(), this.trace.shareSnapshot());
      tracer.onObservationEnd(record, this.trace);
    } catch (error) {
      tracer.errors.report("observation end", error);
    }
  }

  span(options: Omit<StartObservationOptions, "asType">): ObservationHandle {
    return this.trace.tracer.startChild(this, "span", options, "span()");
  }

  generation(options: Omit<StartObservationOptions, "asType">): ObservationHandle {
    return this.trace.tracer.startChild(this, "generation", options, "generation()");
  }

  event(options: Omit<StartObservationOptions, "asType">): ObservationHandle {
    return this.trace.tracer.startChild(this, "event", options, "event()");
  }

  startObservation(options: StartObservationOptions): ObservationHandle {
    return this.trace.tracer.startChild(this, undefined, options, "startObservation()");
  }

  score(options: ScoreOptions): void {
    this.trace.tracer.score(this.trace, options, this.id);
  }

  scoreTrace(options: ScoreOptions): void {
    this.trace.tracer.score(this.trace, options, undefined);
  }

  updateTrace(fields: TraceUpdate): this {
    this.trace.tracer.updateTrace(this.trace, fields, "updateTrace()");
    return this;
  }

  /**
   * `trace.update()`: trace-level fields, whose input and output are also this root's (captured once
   * for both).
   * @internal
   */
  updateTraceAndIo(fields: unknown): void {
    const captured = this.trace.tracer.updateTrace(this.trace, fields, "trace.update()");
    if (captured === undefined) return;
    this.setCapturedIo("input", captured.input);
    this.setCapturedIo("output", captured.output);
  }

  /**
   * Captures `value` once as the observation's input or output; on the local root it is the trace's
   * too (Langfuse reads trace I/O from the root span), so both share the one snapshot.
   * @internal
   */
  setIo(key: "input" | "output", value: unknown): void {
    if (value !== undefined) this.setCapturedIo(key, this.trace.tracer.capture(value));
  }

  /**
   * Sets input or output from a value already captured; on the local root it is the trace's too.
   * @internal
   */
  setCapturedIo(key: "input" | "output", captured: unknown): void {
    if (captured === undefined) return;
    // Named stores, not `this.data[key]`: a store by a variable key is a generic (megamorphic) one.
    if (!this.ended) {
      if (key === "input") this.data.input = captured;
      else this.data.output = captured;
    }
    if (!this.data.isLocalRoot) return;
    try {
      this.trace.setIo(key, captured);
    } catch (error) {
      this.trace.tracer.errors.report("updateTrace", error);
    }
  }

  /**
   * Applies fields given to the public call `call`; on the local root, input and output are the
   * trace's too (Langfuse reads trace I/O from the root span).
   * @internal
   */
  applyFields(fields: unknown, call: string): void {
    const data = this.data;
    const { input, output } = data;
    data.apply(fields, this.trace.tracer, call);
    if (!data.isLocalRoot || (data.input === input && data.output === output)) return;
    try {
      if (data.input !== input) this.trace.setIo("input", data.input);
      if (data.output !== output) this.trace.setIo("output", data.output);
    } catch (error) {
      this.trace.tracer.errors.report("updateTrace", error);
    }
  }
}
