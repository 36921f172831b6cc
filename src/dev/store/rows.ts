/**
 * The shapes the collector writes into its store, whichever protocol they arrived by (OTLP or the
 * legacy ingestion API). Every field is optional on purpose: a write merges into what is stored, so
 * an absent field (`undefined`) keeps the stored value — updates and late-arriving spans only add.
 *
 * Times are unix epoch milliseconds (fractional allowed).
 *
 * @module
 */
import type { ObservationLevel, ObservationType } from "../../core/records";

/** One observation to upsert (a span, generation, event or typed span). */
export interface ObservationWrite {
  /** Observation id (the span id). */
  id: string;
  /** Trace id; required on create, may be absent on a legacy update (then the stored one is kept). */
  traceId?: string;
  /** Parent observation id; `null` marks a root explicitly. */
  parentId?: string | null;
  type?: ObservationType;
  name?: string;
  startTime?: number;
  endTime?: number;
  completionStartTime?: number;
  level?: ObservationLevel;
  statusMessage?: string;
  model?: string;
  modelParameters?: Record<string, unknown>;
  /** Token counts by usage type (`input`, `output`, `total`, …). */
  usage?: Record<string, number>;
  /** Costs in USD by usage type (`input`, `output`, `total`, …). */
  cost?: Record<string, number>;
  input?: unknown;
  output?: unknown;
  metadata?: Record<string, unknown>;
  version?: string;
  promptName?: string;
  promptVersion?: number;
  environment?: string;
}

/** Trace-level fields to merge into a trace (the latest non-empty value wins). */
export interface TraceWrite {
  id: string;
  /** An explicit trace name (`langfuse.trace.name`, legacy `trace-create`); else the root's name is used. */
  name?: string;
  userId?: string;
  sessionId?: string;
  /** Replaces the stored tags when non-empty (the latest non-empty tag list wins, as in Langfuse). */
  tags?: readonly string[];
  release?: string;
  version?: string;
  environment?: string;
  public?: boolean;
  /** Explicit trace input/output; otherwise the root observation's are shown. */
  input?: unknown;
  output?: unknown;
  metadata?: Record<string, unknown>;
  /** Trace timestamp (legacy `trace-create`); the start is otherwise the earliest observation. */
  timestamp?: number;
  /** Probability with which the trace was kept by its producer's sampler, in (0, 1]. */
  sampleRate?: number;
}

/** A score to upsert. */
export interface ScoreWrite {
  id: string;
  traceId: string;
  observationId?: string;
  name: string;
  /** Numeric value, or `null` for categorical scores. */
  value: number | null;
  /** Category or text value. */
  stringValue?: string;
  dataType: "NUMERIC" | "CATEGORICAL" | "BOOLEAN" | "TEXT" | "CORRECTION";
  comment?: string;
  metadata?: Record<string, unknown>;
  /** Unix epoch milliseconds. */
  timestamp: number;
}

/** Everything one request writes; applied in a single transaction. */
export interface WriteBatch {
  observations: ObservationWrite[];
  traces: TraceWrite[];
  scores: ScoreWrite[];
}

/** An empty {@link WriteBatch}. */
export function emptyBatch(): WriteBatch {
  return { observations: [], traces: [], scores: [] };
}
