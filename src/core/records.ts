/**
 * The finished records that flow from the tracer through the pipeline to the exporters.
 *
 * Records hold plain, JSON-safe values: inputs and outputs were snapshotted when they were captured
 * and masked by the pipeline, so exporters only encode them. Times are unix epoch milliseconds with
 * sub-millisecond precision (`performance.timeOrigin + performance.now()`).
 *
 * @module
 */

/** The ten observation types of the Langfuse observation model. */
export const OBSERVATION_TYPES = [
  "span",
  "generation",
  "event",
  "agent",
  "tool",
  "chain",
  "retriever",
  "embedding",
  "evaluator",
  "guardrail",
] as const;

/** An observation's type: `span`, `generation`, `event` or one of the typed spans. */
export type ObservationType = (typeof OBSERVATION_TYPES)[number];

/** Severity of an observation, as Langfuse defines it. */
export const OBSERVATION_LEVELS = ["DEBUG", "DEFAULT", "WARNING", "ERROR"] as const;

/** `DEBUG | DEFAULT | WARNING | ERROR`. */
export type ObservationLevel = (typeof OBSERVATION_LEVELS)[number];

/** Token counts by usage type, with Langfuse's canonical keys (`input`, `output`, `total`, `input_cached_tokens`, …). */
export type UsageDetails = Record<string, number>;

/** Costs in USD by usage type (`input`, `output`, `total`, …). */
export type CostDetails = Record<string, number>;

/** Model parameters such as `temperature` or `max_tokens`. */
export type ModelParameters = Record<string, string | number | boolean | null | readonly string[]>;

/** Trace-level fields: they describe the whole trace and are carried by its root observation. */
export interface TraceFields {
  /** Trace name; defaults to the root observation's name. */
  name?: string;
  /** The end user this trace belongs to. */
  userId?: string;
  /** Groups traces into a session (a conversation, a job). */
  sessionId?: string;
  /** Free-form labels for filtering. */
  tags?: readonly string[];
  /** Arbitrary JSON-safe metadata. */
  metadata?: Record<string, unknown>;
  /** The trace's input (usually the root observation's input). */
  input?: unknown;
  /** The trace's output (usually the root observation's output). */
  output?: unknown;
  /** Release of the application. */
  release?: string;
  /** Version of the application or of the traced logic. */
  version?: string;
  /** Deployment environment (`production`, `staging`, …). */
  environment?: string;
  /** Whether the trace may be shared publicly in the backend's UI. */
  public?: boolean;
}

/**
 * A snapshot of a trace's identity and trace-level fields, shared by every record of the trace that
 * finished while these fields were current. It is immutable: an update creates a new snapshot.
 */
export interface TraceSnapshot extends Readonly<TraceFields> {
  /** 32 lowercase hex characters. */
  readonly id: string;
  /** The probability with which this trace was kept (1 when it was not sampled down). */
  readonly sampleRate: number;
  /** W3C `tracestate` of the trace, including `ot=th:…` when sampled with a probability < 1. */
  readonly tracestate?: string;
  /** Span id of the remote parent when the trace was continued from another service. */
  readonly remoteParentSpanId?: string;
}

/** A finished observation: a span, a generation, an event or a typed span. */
export interface ObservationRecord {
  /** Discriminant of {@link ExportRecord}. */
  readonly kind: "observation";
  /** 16 lowercase hex characters (the W3C span id). */
  readonly id: string;
  /** 32 lowercase hex characters. */
  readonly traceId: string;
  /** The parent observation's id; absent for the trace's root. A remote parent's id is set for a continued trace. */
  readonly parentObservationId?: string;
  /** True for the first observation of this trace in this process (the trace's root, or the local root of a continued trace). */
  readonly isLocalRoot: boolean;
  readonly type: ObservationType;
  readonly name: string;
  /** Unix epoch milliseconds (fractional). */
  readonly startTime: number;
  /** Unix epoch milliseconds (fractional). Equals `startTime` for events. */
  readonly endTime: number;
  readonly input?: unknown;
  readonly output?: unknown;
  readonly metadata?: Record<string, unknown>;
  readonly level: ObservationLevel;
  readonly statusMessage?: string;
  readonly version?: string;
  /** Generation and embedding fields. */
  readonly model?: string;
  readonly modelParameters?: ModelParameters;
  readonly usageDetails?: UsageDetails;
  readonly costDetails?: CostDetails;
  /** Unix epoch milliseconds of the first streamed token. */
  readonly completionStartTime?: number;
  readonly promptName?: string;
  readonly promptVersion?: number;
  /** Trace-level fields as they were when this observation ended. */
  readonly trace: TraceSnapshot;
}

/** Score data types, as Langfuse defines them. */
export type ScoreDataType = "NUMERIC" | "CATEGORICAL" | "BOOLEAN";

/** A score attached to a trace and optionally to one of its observations. */
export interface ScoreRecord {
  /** Discriminant of {@link ExportRecord}. */
  readonly kind: "score";
  /** Unique id (UUID v4). */
  readonly id: string;
  readonly traceId: string;
  readonly observationId?: string;
  readonly name: string;
  /** A number, or a category string; booleans are stored as 1/0 with data type `BOOLEAN`. */
  readonly value: number | string;
  readonly dataType: ScoreDataType;
  readonly comment?: string;
  readonly metadata?: Record<string, unknown>;
  readonly environment?: string;
  /** Unix epoch milliseconds. */
  readonly timestamp: number;
}

/** What exporters receive. */
export type ExportRecord = ObservationRecord | ScoreRecord;
