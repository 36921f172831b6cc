import { randomUUID } from "node:crypto";
import type { CounterSlot, Counters } from "../diag/counters";
import type { ErrorSink } from "../diag/error-sink";
import { describeValue } from "../diag/sanitize";
import type { Logger } from "../diag/logger";
import type { Pipeline } from "../pipeline/pipeline";
import type { SamplingInput, SamplingOutcome } from "../sampling/sampling-decision";
import { toEpochMs, type Clock } from "./clock";
import { isValidTraceId, randomSpanId, randomTraceId } from "./ids";
import { externalContext } from "./external-context";
import { NonRecordingObservation } from "./non-recording-observation";
import type { ObservationHandle } from "./observation-handle";
import type { ScoreOptions, TraceOptions } from "./observation-options";
import type { ObservationType, ScoreRecord, TraceFields, TraceSnapshot } from "./records";
import { RecentDecisions } from "./recent-decisions";
import { RecordingObservation } from "./recording-observation";
import { SAMPLING_REASONS, TraceState, type SamplingReason } from "./trace-state";
import { scoreOptionsFrom, traceFieldsFrom, traceOptionsFrom } from "./trace-input";
import { metadataOf, optionsObject, readField, stringField, tagsOf, timeField, typeField, warnInput } from "./user-input";
import { parseTraceparent, type RemoteParent } from "./w3c";

export type { TraceOptions } from "./observation-options";

/** What the tracer needs; the client builds it from the resolved configuration. */
export interface TracerDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly counters: Counters;
  readonly errors: ErrorSink;
  readonly pipeline: Pipeline;
  /** Snapshots a user value into a bounded JSON-safe copy. */
  readonly capture: (value: unknown) => unknown;
  /** The head sampling decision for a new trace. */
  readonly decide: (input: SamplingInput) => SamplingOutcome;
  /** Trace-level defaults every trace starts with (environment, release, version). */
  readonly traceDefaults: Readonly<TraceFields>;
  /** False once the client shut down or when it is disabled: new traces are non-recording. */
  readonly isActive: () => boolean;
  /** True when tail sampling decides the final fate of head-kept traces (and counts `traces.kept`). */
  readonly tailSampling: boolean;
  /** The client-wide defaults for recording arguments and results of observed functions. */
  readonly captureDefaults: { readonly input: boolean; readonly output: boolean };
}

/**
 * What the OpenTelemetry span processor of `tracewise/otel` gives {@link Tracer.startTrace} for a root
 * span: its span id, and the decision its sampler already made.
 * @internal
 */
export interface PresetRoot {
  readonly rootId?: string;
  readonly outcome?: SamplingOutcome;
}

const DISABLED: SamplingOutcome = Object.freeze({ sampled: false, sampleRate: 0, reason: "disabled" });

/** Trace decisions remembered for scores given later by trace id. */
const RECENT_DECISIONS = 10_000;

/** Creates traces and observations, makes the head sampling decision and hands finished records on. */
export class Tracer {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly counters: Counters;
  readonly errors: ErrorSink;
  /** Client-wide capture defaults, for observed calls nested under this tracer's traces. */
  readonly captureDefaults: { readonly input: boolean; readonly output: boolean };
  private readonly recent = new RecentDecisions(RECENT_DECISIONS);
  /** Cells of the counters bumped on every trace or observation (no name lookup per bump). */
  private readonly hot: HotCounters;

  /** @param deps - collaborators, injected by the client. */
  constructor(private readonly deps: TracerDeps) {
    this.captureDefaults = deps.captureDefaults;
    this.clock = deps.clock;
    this.logger = deps.logger;
    this.counters = deps.counters;
    this.errors = deps.errors;
    this.hot = hotCounters(deps.counters);
  }

  /**
   * Remembers the latest decision for a trace (bounded), so that a score given later by trace id
   * follows its trace even when a sampler function or tail rule decided it.
   * @internal
   */
  rememberDecision(traceId: string, sampled: boolean): void {
    this.recent.set(traceId, sampled);
  }

  /**
   * The decision remembered for a trace started in this process, if still remembered.
   * @internal
   */
  decisionFor(traceId: string): boolean | undefined {
    return this.recent.get(traceId);
  }

  /** Snapshots a user value (bounded, JSON-safe, never throws). */
  capture(value: unknown): unknown {
    return this.deps.capture(value);
  }

  /**
   * `tw.trace()`: {@link Tracer.startTrace} for options from the caller, type-checked first (bad
   * fields are ignored with a warning). Never throws.
   * @internal
   */
  startUserTrace(options: unknown): ObservationHandle {
    try {
      return this.startTrace(traceOptionsFrom(options, this.logger));
    } catch (error) {
      this.errors.report("trace", error);
      return new NonRecordingObservation(randomTraceId(), undefined, undefined, this.counters);
    }
  }

  /** Starts a trace and returns its root observation; non-recording when the trace is dropped. */
  startTrace(options: TraceOptions, preset?: PresetRoot): ObservationHandle {
    const hot = this.hot;
    hot.tracesStarted.add();
    let remote = options.traceparent === undefined ? undefined : this.remoteParent(options.traceparent, options.tracestate);
    let samplingParent = remote;
    // With no parent or id of its own, a trace continues the span active in an external context (OpenTelemetry).
    const external = remote === undefined && options.id === undefined && preset === undefined ? externalContext()?.parent() : undefined;
    if (external !== undefined) {
      remote = external.parent;
      samplingParent = external.followSampling ? remote : undefined;
    }
    const traceId = remote?.traceId ?? this.traceIdFrom(options.id);
    const outcome = preset?.outcome ?? this.decide(toSamplingInput(options, traceId, samplingParent));
    this.rememberDecision(traceId, outcome.sampled);
    if (!outcome.sampled) {
      hot.tracesDropped.add();
      hot.droppedBy[outcome.reason].add();
      return new NonRecordingObservation(traceId, undefined, outcome.tracestate, this.counters);
    }
    // Out of line, so that the path of a dropped trace stays small (quick to optimize).
    return this.startKept(options, traceId, outcome, remote, preset?.rootId);
  }

  /**
   * The head decision for a new trace (the OpenTelemetry sampler of `tracewise/otel` asks it first,
   * then hands the outcome back to {@link Tracer.startTrace} so both agree).
   * @internal
   */
  decide(input: SamplingInput): SamplingOutcome {
    return this.deps.isActive() ? this.deps.decide(input) : DISABLED;
  }

  /** The remote parent named by a `traceparent` header; undefined (and logged once) when malformed. */
  private remoteParent(traceparent: string, tracestate: string | undefined): RemoteParent | undefined {
    const remote = parseTraceparent(traceparent, tracestate);
    if (remote === undefined) {
      this.logger.once("warn", "bad-traceparent", `ignoring malformed traceparent ${describeValue(traceparent)}; starting a new trace`);
    }
    return remote;
  }

  /** The rest of {@link Tracer.startTrace} for a trace the head decision kept: its state and recording root. */
  private startKept(options: TraceOptions, traceId: string, outcome: SamplingOutcome, remote: RemoteParent | undefined, rootId: string | undefined): ObservationHandle {
    const hot = this.hot;
    if (!this.deps.tailSampling) {
      hot.tracesKept.add();
      hot.keptBy[outcome.reason].add();
    }
    // Built key by key (no spreads): this runs once per kept trace.
    const snapshot = this.captureTraceFields(options, "trace()", this.deps.traceDefaults) as Record<string, unknown>;
    snapshot.id = traceId;
    snapshot.sampleRate = outcome.sampleRate;
    if (outcome.tracestate !== undefined) snapshot.tracestate = outcome.tracestate;
    if (remote !== undefined) snapshot.remoteParentSpanId = remote.spanId;
    const trace = new TraceState(this, true, outcome.reason, snapshot as unknown as TraceSnapshot);
    this.deps.pipeline.onTraceStart(trace);
    const root = new RecordingObservation(
      trace,
      rootId ?? randomSpanId(),
      options.asType ?? "span",
      options.name ?? "trace",
      remote?.spanId,
      options.startTime === undefined ? this.clock.now() : toEpochMs(options.startTime),
      true,
    );
    hot.observationsStarted.add();
    // The trace's input was captured into the snapshot above; the root shares that snapshot.
    if (snapshot.input !== undefined) root.setCapturedIo("input", snapshot.input);
    if (options.model !== undefined) root.update({ model: options.model });
    return root;
  }

  /**
   * Starts a child observation of a recording parent, for the public call `call` (`span()`,
   * `generation()`, …). `type` undefined takes it from `options.asType`. Never throws: bad options
   * are ignored with a warning.
   * @internal
   */
  startChild(parent: RecordingObservation, type: ObservationType | undefined, options: unknown, call: string): RecordingObservation {
    const logger = this.logger;
    const fields = optionsObject(options, call, logger);
    let name: string | undefined;
    let startTime: number | undefined;
    let asType = type;
    if (fields !== undefined) {
      name = stringField(readField(fields, "name", call, logger), "name", call, logger);
      startTime = timeField(readField(fields, "startTime", call, logger), "startTime", call, logger);
      if (asType === undefined) asType = typeField(readField(fields, "asType", call, logger), call, logger);
    }
    asType ??= "span";
    if (name === undefined) warnInput(logger, call, "name", undefined, `is missing: named "${asType}"`);
    const at = startTime ?? this.clock.now();
    const child = this.openChild(parent, asType, name ?? asType, at);
    if (fields !== undefined) child.applyFields(fields, call);
    // An event is a point in time: it ends where it starts.
    if (asType === "event") child.end({ endTime: at });
    return child;
  }

  /**
   * Starts a child observation with only its identity, type, name and start time (default now): the
   * part of {@link Tracer.startChild} that needs no options object, for callers that set fields next.
   * @internal
   */
  openChild(parent: RecordingObservation, type: ObservationType, name: string, startTime?: number, id?: string): RecordingObservation {
    this.hot.observationsStarted.add();
    return new RecordingObservation(parent.trace, id ?? randomSpanId(), type, name, parent.id, startTime ?? this.clock.now(), false);
  }

  /** Called by an observation's `end()`.
   * @internal
   */
  onObservationEnd(record: Parameters<Pipeline["onObservationEnd"]>[0], trace: TraceState): void {
    this.hot.observationsEnded.add();
    this.deps.pipeline.onObservationEnd(record, trace);
    if (record.isLocalRoot) this.deps.pipeline.onTraceEnd(trace);
  }

  /** Updates trace-level fields, capturing user values.
   * @internal
   */
  updateTrace(trace: TraceState, fields: unknown, call: string): TraceFields | undefined {
    try {
      const captured = this.captureTraceFields(traceFieldsFrom(fields, call, this.logger), call);
      trace.update(captured);
      return captured;
    } catch (error) {
      this.errors.report("updateTrace", error);
      return undefined;
    }
  }

  /** Records a score for a trace this process knows.
   * @internal
   */
  score(trace: TraceState, options: ScoreOptions, observationId: string | undefined): void {
    try {
      const record = this.toScoreRecord(trace.id, options, observationId, trace.snapshot.environment);
      if (record !== undefined) this.deps.pipeline.onScore(record, trace);
    } catch (error) {
      this.errors.report("score", error);
    }
  }

  /** Builds a score record; undefined (and logged) when the options are unusable.
   * @internal
   */
  toScoreRecord(
    traceId: string,
    input: ScoreOptions,
    observationId: string | undefined,
    environment: string | undefined,
  ): ScoreRecord | undefined {
    const options = scoreOptionsFrom(input, "score()", this.logger);
    if (options === undefined) {
      this.counters.add("scores.dropped");
      return undefined;
    }
    const { value } = options;
    if (typeof value === "number" && !Number.isFinite(value)) {
      this.logger.once("warn", "score-nonfinite", `score ${describeValue(options.name)} has a non-finite value and was dropped`);
      this.counters.add("scores.dropped");
      return undefined;
    }
    this.counters.add("scores.created");
    const dataType = options.dataType ?? (typeof value === "boolean" ? "BOOLEAN" : typeof value === "string" ? "CATEGORICAL" : "NUMERIC");
    const record: Record<string, unknown> = {
      kind: "score",
      id: options.id ?? randomUUID(),
      traceId,
      name: options.name,
      value: typeof value === "boolean" ? (value ? 1 : 0) : value,
      dataType,
      timestamp: this.clock.now(),
    };
    if (observationId !== undefined) record.observationId = observationId;
    if (options.comment !== undefined) record.comment = options.comment;
    if (options.metadata !== undefined) record.metadata = metadataOf(this.capture(options.metadata), "score()", this.logger);
    if (environment !== undefined) record.environment = environment;
    return record as unknown as ScoreRecord;
  }

  private traceIdFrom(id: string | undefined): string {
    if (id === undefined) return randomTraceId();
    const lower = id.toLowerCase();
    if (isValidTraceId(lower)) return lower;
    this.logger.once("warn", "bad-trace-id", `ignoring invalid trace id ${describeValue(id)} (32 hex characters expected); using a random id`);
    return randomTraceId();
  }

  /**
   * Captures the trace fields given (already type-checked by {@link traceFieldsFrom}); with `defaults`,
   * onto a copy of them (given fields win).
   */
  private captureTraceFields(fields: TraceFields, call: string, defaults?: Readonly<TraceFields>): TraceFields {
    const out: Record<string, unknown> = {};
    if (defaults !== undefined) for (const key in defaults) out[key] = defaults[key as keyof TraceFields];
    // Named reads in the order of {@link TraceFields} (the snapshot's key order), not a loop over the
    // key names: a read by a variable key is a generic lookup, eleven per trace.
    const { name, userId, sessionId, tags, metadata, input, output, release, version, environment, public: isPublic } = fields;
    if (name !== undefined) out.name = name;
    if (userId !== undefined) out.userId = userId;
    if (sessionId !== undefined) out.sessionId = sessionId;
    if (tags !== undefined) out.tags = tagsOf(this.capture(tags), call, this.logger);
    if (metadata !== undefined) out.metadata = metadataOf(this.capture(metadata), call, this.logger);
    if (input !== undefined) out.input = this.capture(input);
    if (output !== undefined) out.output = this.capture(output);
    if (release !== undefined) out.release = release;
    if (version !== undefined) out.version = version;
    if (environment !== undefined) out.environment = environment;
    if (isPublic !== undefined) out.public = isPublic;
    return out;
  }
}

function toSamplingInput(options: TraceOptions, traceId: string, remote: RemoteParent | undefined): SamplingInput {
  // Assigned key by key rather than with conditional spreads: this runs for every trace, kept or not.
  const input: { -readonly [K in keyof SamplingInput]: SamplingInput[K] } = { traceId, name: options.name ?? "trace" };
  if (options.metadata !== undefined) input.metadata = options.metadata;
  if (options.userId !== undefined) input.userId = options.userId;
  if (options.sessionId !== undefined) input.sessionId = options.sessionId;
  if (options.tags !== undefined) input.tags = options.tags;
  if (options.sampled !== undefined) input.sampled = options.sampled;
  if (options.samplingContext !== undefined) input.samplingContext = options.samplingContext;
  if (remote !== undefined) input.parent = remote;
  return input;
}

/** The counter cells a tracer bumps per trace and per observation. */
interface HotCounters {
  readonly tracesStarted: CounterSlot;
  readonly tracesKept: CounterSlot;
  readonly keptBy: Readonly<Record<SamplingReason, CounterSlot>>;
  readonly tracesDropped: CounterSlot;
  readonly droppedBy: Readonly<Record<SamplingReason, CounterSlot>>;
  readonly observationsStarted: CounterSlot;
  readonly observationsEnded: CounterSlot;
}

function hotCounters(counters: Counters): HotCounters {
  return {
    tracesStarted: counters.slot("traces.started"),
    tracesKept: counters.slot("traces.kept"),
    keptBy: slotsByReason(counters, "traces.kept."),
    tracesDropped: counters.slot("traces.dropped"),
    droppedBy: slotsByReason(counters, "traces.dropped."),
    observationsStarted: counters.slot("observations.started"),
    observationsEnded: counters.slot("observations.ended"),
  };
}

/** A counter cell per sampling reason, named `<prefix><reason>`, so the hot path concatenates no strings. */
function slotsByReason(counters: Counters, prefix: string): Readonly<Record<SamplingReason, CounterSlot>> {
  return Object.fromEntries(SAMPLING_REASONS.map((reason) => [reason, counters.slot(`${prefix}${reason}`)])) as Record<SamplingReason, CounterSlot>;
}
