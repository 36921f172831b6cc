/**
 * Writes {@link WriteBatch}es: upserts that merge into what is stored (an absent field keeps the
 * stored value; metadata objects are merged with JSON merge-patch), then recomputes the aggregates of
 * every trace the batch touched. Callers run it inside a transaction.
 *
 * @module
 */
import type { Database, Statement } from "better-sqlite3";
import type { ObservationWrite, ScoreWrite, TraceWrite, WriteBatch } from "./rows";
import { TraceAggregator } from "./trace-aggregates";

/** Thrown for a write that cannot apply (reported to the client, never a crash). */
export class StoreWriteError extends Error {}

const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));
const opt = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

const MERGE_JSON = (column: string): string =>
  `${column} = CASE WHEN excluded.${column} IS NULL THEN ${column} WHEN ${column} IS NULL THEN excluded.${column} ELSE json_patch(${column}, excluded.${column}) END`;
const KEEP = (column: string): string => `${column} = COALESCE(excluded.${column}, ${column})`;

const OBSERVATION_COLUMNS = [
  "trace_id", "type", "name", "start_time", "end_time", "completion_start_time", "level", "status_message", "model",
  "model_parameters", "usage", "cost", "input_tokens", "output_tokens", "total_tokens", "cost_total", "input", "output",
  "version", "prompt_name", "prompt_version", "environment",
];

/** Values for a new row when the write leaves a required column out (e.g. an update that arrives first). */
const INSERT_DEFAULTS: Readonly<Record<string, string>> = { type: "'span'", name: "''", level: "'DEFAULT'", start_time: "@now" };

const UPSERT_OBSERVATION = `
INSERT INTO observations (id, parent_id, metadata, ${OBSERVATION_COLUMNS.join(", ")})
VALUES (@id, @parent_id, @metadata, ${OBSERVATION_COLUMNS.map((c) => `COALESCE(@${c}, ${INSERT_DEFAULTS[c] ?? "NULL"})`).join(", ")})
ON CONFLICT(id) DO UPDATE SET
  parent_id = CASE WHEN @parent_set THEN excluded.parent_id ELSE parent_id END,
  ${MERGE_JSON("metadata")},
  ${OBSERVATION_COLUMNS.map((c) => `${c} = COALESCE(@${c}, ${c})`).join(",\n  ")}`;

const UPSERT_TRACE = `
INSERT INTO traces (id, explicit_name, user_id, session_id, tags, release, version, environment, public, input, output, metadata, timestamp, sample_rate, updated_at)
VALUES (@id, @name, @user_id, @session_id, COALESCE(@tags, '[]'), @release, @version, @environment, COALESCE(@public, 0), @input, @output, @metadata, @timestamp, COALESCE(@sample_rate, 1), @now)
ON CONFLICT(id) DO UPDATE SET
  ${["explicit_name", "user_id", "session_id", "release", "version", "environment", "input", "output"].map(KEEP).join(", ")},
  tags = COALESCE(@tags, tags),
  public = MAX(public, COALESCE(@public, 0)),
  ${MERGE_JSON("metadata")},
  timestamp = CASE WHEN @timestamp IS NULL THEN timestamp WHEN timestamp IS NULL THEN @timestamp ELSE MIN(timestamp, @timestamp) END,
  sample_rate = COALESCE(@sample_rate, sample_rate),
  updated_at = @now`;

const UPSERT_SCORE = `
INSERT INTO scores (id, trace_id, observation_id, name, value, string_value, data_type, comment, metadata, timestamp)
VALUES (@id, @trace_id, @observation_id, @name, @value, @string_value, @data_type, @comment, @metadata, @timestamp)
ON CONFLICT(id) DO UPDATE SET trace_id = excluded.trace_id, observation_id = excluded.observation_id, name = excluded.name,
  value = excluded.value, string_value = excluded.string_value, data_type = excluded.data_type, comment = excluded.comment,
  metadata = excluded.metadata, timestamp = excluded.timestamp`;

/**
 * Prompt (`input`) or completion (`output`) tokens as the provider reported them, for the list's figures:
 * usage is stored in Langfuse's convention, where `input` excludes its `input_*` parts (cached, audio, …).
 */
function reportedTokens(usage: Readonly<Record<string, number>> | undefined, side: "input" | "output"): number | null {
  if (usage === undefined) return null;
  let sum: number | null = usage[side] ?? null;
  for (const [key, n] of Object.entries(usage)) if (key.startsWith(`${side}_`)) sum = (sum ?? 0) + n;
  return sum;
}

function observationParams(o: ObservationWrite, traceId: string, now: number): Record<string, unknown> {
  return {
    now,
    id: o.id, trace_id: traceId, parent_set: o.parentId !== undefined ? 1 : 0, parent_id: opt(o.parentId),
    type: opt(o.type), name: opt(o.name), start_time: opt(o.startTime), end_time: opt(o.endTime),
    completion_start_time: opt(o.completionStartTime), level: opt(o.level), status_message: opt(o.statusMessage),
    model: opt(o.model), model_parameters: json(o.modelParameters), usage: json(o.usage), cost: json(o.cost),
    input_tokens: reportedTokens(o.usage, "input"), output_tokens: reportedTokens(o.usage, "output"), total_tokens: opt(o.usage?.total),
    cost_total: opt(o.cost?.total), input: json(o.input), output: json(o.output), metadata: json(o.metadata),
    version: opt(o.version), prompt_name: opt(o.promptName), prompt_version: opt(o.promptVersion), environment: opt(o.environment),
  };
}

function traceParams(t: TraceWrite, now: number): Record<string, unknown> {
  return {
    id: t.id, name: opt(t.name), user_id: opt(t.userId), session_id: opt(t.sessionId),
    tags: t.tags && t.tags.length > 0 ? JSON.stringify(t.tags) : null, release: opt(t.release), version: opt(t.version),
    environment: opt(t.environment), public: t.public === undefined ? null : Number(t.public), input: json(t.input),
    output: json(t.output), metadata: json(t.metadata), timestamp: opt(t.timestamp), sample_rate: opt(t.sampleRate), now,
  };
}

function scoreParams(s: ScoreWrite): Record<string, unknown> {
  return {
    id: s.id, trace_id: s.traceId, observation_id: opt(s.observationId), name: s.name, value: s.value,
    string_value: opt(s.stringValue), data_type: s.dataType, comment: opt(s.comment), metadata: json(s.metadata), timestamp: s.timestamp,
  };
}

/** Prepared write statements over one connection. */
export class StoreWriter {
  readonly #upsertObservation: Statement;
  readonly #upsertTrace: Statement;
  readonly #upsertScore: Statement;
  readonly #storedTraceId: Statement<[string], { trace_id: string }>;
  readonly #aggregator: TraceAggregator;

  constructor(db: Database) {
    this.#upsertObservation = db.prepare(UPSERT_OBSERVATION);
    this.#upsertTrace = db.prepare(UPSERT_TRACE);
    this.#upsertScore = db.prepare(UPSERT_SCORE);
    this.#storedTraceId = db.prepare("SELECT trace_id FROM observations WHERE id = ?");
    this.#aggregator = new TraceAggregator(db);
  }

  /** Applies a batch (call inside a transaction); throws {@link StoreWriteError} for an unappliable write. */
  write(batch: WriteBatch, now: number = Date.now()): void {
    const touched = new Set<string>();
    for (const trace of batch.traces) {
      this.#upsertTrace.run(traceParams(trace, now));
      touched.add(trace.id);
    }
    for (const observation of batch.observations) {
      const traceId = observation.traceId ?? this.#storedTraceId.get(observation.id)?.trace_id;
      if (traceId === undefined) throw new StoreWriteError(`observation ${observation.id} is unknown and the event has no traceId`);
      if (!touched.has(traceId)) this.#upsertTrace.run(traceParams({ id: traceId }, now));
      this.#upsertObservation.run(observationParams(observation, traceId, now));
      touched.add(traceId);
    }
    for (const score of batch.scores) this.#upsertScore.run(scoreParams(score));
    for (const traceId of touched) this.#aggregator.recompute(traceId);
  }
}
