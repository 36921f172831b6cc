/**
 * What the viewer's JSON API returns: trace summaries, the trace page and totals, built from rows.
 *
 * @module
 */

/** One row of the trace list. */
export interface TraceSummary {
  id: string;
  name: string;
  /** Unix epoch milliseconds. */
  startTime: number;
  endTime: number | null;
  durationMs: number | null;
  userId: string | null;
  sessionId: string | null;
  tags: string[];
  level: string;
  environment: string | null;
  observationCount: number;
  usage: { input: number; output: number; total: number };
  /** USD, summed over the trace's observations. */
  cost: number;
  /** Probability with which the trace was kept (1 = not sampled down). */
  sampleRate: number;
}

/** Totals over the filtered traces, kept and extrapolated by 1/sampleRate. */
export interface TraceTotals {
  kept: number;
  estimatedTraces: number;
  cost: number;
  estimatedCost: number;
  tokens: number;
  estimatedTokens: number;
}

/** One observation on the trace page. */
export interface ObservationView {
  id: string;
  traceId: string;
  parentObservationId: string | null;
  type: string;
  name: string;
  startTime: number;
  endTime: number | null;
  completionStartTime: number | null;
  /** Milliseconds from start to the first streamed token. */
  timeToFirstTokenMs: number | null;
  level: string;
  statusMessage: string | null;
  model: string | null;
  modelParameters: unknown;
  usage: unknown;
  cost: unknown;
  input: unknown;
  output: unknown;
  metadata: unknown;
  version: string | null;
  promptName: string | null;
  promptVersion: number | null;
  environment: string | null;
}

/** One score on the trace page. */
export interface ScoreView {
  id: string;
  observationId: string | null;
  name: string;
  value: number | string | null;
  dataType: string;
  comment: string | null;
  timestamp: number;
}

/** The trace page. */
export interface TraceDetail {
  trace: TraceSummary & { release: string | null; version: string | null; public: boolean; input: unknown; output: unknown; metadata: unknown };
  observations: ObservationView[];
  scores: ScoreView[];
}

/** Columns of `traces` that a {@link TraceSummary} is built from. */
export interface TraceRow {
  id: string;
  name: string;
  start_time: number;
  end_time: number | null;
  user_id: string | null;
  session_id: string | null;
  tags: string;
  level: string;
  environment: string | null;
  observation_count: number;
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  cost: number;
  sample_rate: number;
}

/** The `traces` columns to select for {@link toSummary}. */
export const SUMMARY_COLUMNS =
  "t.id, t.name, t.start_time, t.end_time, t.user_id, t.session_id, t.tags, t.level, t.environment, t.observation_count, t.input_tokens, t.output_tokens, t.total_tokens, t.cost, t.sample_rate";

/** A list row → summary. */
export function toSummary(row: TraceRow): TraceSummary {
  return {
    id: row.id,
    name: row.name,
    startTime: row.start_time,
    endTime: row.end_time,
    durationMs: row.end_time === null ? null : Math.max(0, row.end_time - row.start_time),
    userId: row.user_id,
    sessionId: row.session_id,
    tags: JSON.parse(row.tags) as string[],
    level: row.level,
    environment: row.environment,
    observationCount: row.observation_count,
    usage: { input: row.input_tokens, output: row.output_tokens, total: row.total_tokens },
    cost: row.cost,
    sampleRate: row.sample_rate,
  };
}

/**
 * Decodes a stored JSON value. Strings that hold JSON objects or arrays (OTLP sends I/O as JSON text)
 * are parsed so the viewer can render them; other strings stay strings.
 */
export function decodeStored(text: string | null): unknown {
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text;
  }
  if (typeof value === "string" && /^\s*[[{]/.test(value)) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}
