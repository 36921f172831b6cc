import type {
  CostDetails,
  ModelParameters,
  ObservationLevel,
  ObservationType,
  ScoreDataType,
  TraceFields,
  UsageDetails,
} from "./records";

/** Fields of an observation that can be set at start, by `update()` or at `end()`. */
export interface ObservationFields {
  /** What the step received. Snapshotted when set: later mutation of the value does not change the record. */
  input?: unknown;
  /** What the step produced. Snapshotted when set. */
  output?: unknown;
  /** Arbitrary metadata, merged key by key with earlier metadata. */
  metadata?: Record<string, unknown>;
  /** Severity. @default "DEFAULT" */
  level?: ObservationLevel;
  /** A short explanation, usually set with level `WARNING` or `ERROR`. */
  statusMessage?: string;
  /** Version of the code or prompt behind this step. */
  version?: string;
  /** Model name (generations and embeddings). */
  model?: string;
  /** Model parameters such as temperature (generations and embeddings). */
  modelParameters?: ModelParameters;
  /** Token counts with the canonical keys `input`, `output`, `total`, `input_cached_tokens`, … */
  usageDetails?: UsageDetails;
  /** Costs in USD by usage type. Cost you give is authoritative; otherwise backends compute it. */
  costDetails?: CostDetails;
  /** When the first token arrived (streaming generations). */
  completionStartTime?: Date | number;
  /** Name of the prompt used (linked in Langfuse with `promptVersion`). */
  promptName?: string;
  /** Version of the prompt used. */
  promptVersion?: number;
}

/** Options to start an observation under a trace or another observation. */
export interface StartObservationOptions extends ObservationFields {
  /** Name shown in the trace tree. */
  name: string;
  /** Observation type. @default "span" */
  asType?: ObservationType;
  /** Start time. @default now */
  startTime?: Date | number;
}

/** Options for `end()`: last field values and the end time. */
export interface EndObservationOptions extends ObservationFields {
  /** End time. @default now */
  endTime?: Date | number;
}

/** A score: a number, a boolean, or a category string, with an optional comment. */
export interface ScoreOptions {
  /** Score name, such as `quality` or `user-feedback`. */
  name: string;
  /** Numbers are `NUMERIC`, booleans `BOOLEAN` (sent as 1/0), strings `CATEGORICAL`. */
  value: number | boolean | string;
  /** Overrides the data type inferred from `value`. */
  dataType?: ScoreDataType;
  /** Free-text explanation. */
  comment?: string;
  /** Arbitrary metadata. */
  metadata?: Record<string, unknown>;
  /** Your own id for the score (upserts in Langfuse). @default a random UUID */
  id?: string;
}

/** Trace-level fields that can be updated while the trace runs. */
export type TraceUpdate = TraceFields;

/** Options to start a trace: trace-level fields, its root observation's type and the sampling inputs. */
export interface TraceOptions extends TraceFields {
  /** Your own 32-hex trace id (see `createTraceId`). @default random */
  id?: string;
  /** Force the sampling decision: `true` keeps the trace, `false` drops it. Beats every sampler. */
  sampled?: boolean;
  /** Continue a remote trace: the W3C `traceparent` header value received. */
  traceparent?: string;
  /** The W3C `tracestate` header value received with `traceparent`. */
  tracestate?: string;
  /** Data given to `tracesSampler` and never recorded (like Sentry's custom sampling context). */
  samplingContext?: Record<string, unknown>;
  /** Type of the root observation. @default "span" */
  asType?: ObservationType;
  /** Start time of the root observation. @default now */
  startTime?: Date | number;
  /** Model of a root generation (when `asType` is `generation`). */
  model?: string;
}

