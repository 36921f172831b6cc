/**
 * Read queries of the viewer: a page of the trace list, totals with sampling extrapolation, filter
 * suggestions, and one trace with its observations and scores.
 *
 * @module
 */
import type { Database } from "better-sqlite3";
import { encodeCursor, filterSql, type TraceCursor, type TraceFilter } from "./trace-filter";
import {
  decodeStored,
  type ObservationView,
  type ScoreView,
  SUMMARY_COLUMNS,
  type TraceDetail,
  type TraceRow,
  type TraceTotals,
  toSummary,
  type TraceSummary,
} from "./trace-views";

/** A page of the list and the cursor of the next one (null on the last page). */
export interface TracePage {
  data: TraceSummary[];
  nextCursor: string | null;
}

/** Values a filter field can take, for the viewer's suggestions. */
export interface TraceFacets {
  names: string[];
  tags: string[];
}

/** Suggestions per facet. */
const FACET_LIMIT = 200;

/** One page of traces, newest first. */
export function listTraces(db: Database, filter: TraceFilter, limit: number, cursor?: TraceCursor): TracePage {
  const sql = filterSql(filter);
  if (cursor) {
    // A row-value comparison, which SQLite serves as an index range (an OR of two terms would scan).
    sql.where.push(`(${sql.timeColumn}, ${sql.idColumn}) < (?, ?)`);
    sql.params.push(cursor.startTime, cursor.id);
  }
  const where = sql.where.length > 0 ? `WHERE ${sql.where.join(" AND ")}` : "";
  const rows = db
    .prepare<unknown[], TraceRow>(`SELECT ${SUMMARY_COLUMNS} FROM ${sql.from} ${where} ORDER BY ${sql.timeColumn} DESC, ${sql.idColumn} DESC LIMIT ?`)
    .all(...sql.params, limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    data: page.map(toSummary),
    nextCursor: rows.length > limit && last ? encodeCursor({ startTime: last.start_time, id: last.id }) : null,
  };
}

/** Counts, tokens and costs of the filtered traces, kept and estimated (each trace weighted by 1/p). */
export function traceTotals(db: Database, filter: TraceFilter): TraceTotals {
  const sql = filterSql(filter);
  const where = sql.where.length > 0 ? `WHERE ${sql.where.join(" AND ")}` : "";
  const row = db
    .prepare<unknown[], Record<keyof TraceTotals, number | null>>(
      `SELECT COUNT(*) AS kept, SUM(1.0 / t.sample_rate) AS estimatedTraces, SUM(t.cost) AS cost, SUM(t.cost / t.sample_rate) AS estimatedCost,
        SUM(t.total_tokens) AS tokens, SUM(t.total_tokens / t.sample_rate) AS estimatedTokens FROM ${sql.from} ${where}`,
    )
    .get(...sql.params);
  return {
    kept: row?.kept ?? 0,
    estimatedTraces: row?.estimatedTraces ?? 0,
    cost: row?.cost ?? 0,
    estimatedCost: row?.estimatedCost ?? 0,
    tokens: row?.tokens ?? 0,
    estimatedTokens: row?.estimatedTokens ?? 0,
  };
}

/**
 * Distinct values of an indexed column by hopping from one value to the next (one index seek per
 * distinct value) instead of scanning every row: a skip-scan written as a recursive CTE.
 */
function distinctBySeeking(column: string, table: string): string {
  return `WITH RECURSIVE v(x) AS (
    SELECT MIN(${column}) FROM ${table} WHERE ${column} > ''
    UNION ALL SELECT (SELECT MIN(${column}) FROM ${table} WHERE ${column} > v.x) FROM v WHERE v.x IS NOT NULL LIMIT ?
  ) SELECT x AS ${column} FROM v WHERE x IS NOT NULL`;
}

/** Distinct trace names and tags (bounded), for the filter inputs. */
export function traceFacets(db: Database): TraceFacets {
  const names = db.prepare<[number], { name: string }>(distinctBySeeking("name", "traces")).all(FACET_LIMIT);
  const tags = db.prepare<[number], { tag: string }>(distinctBySeeking("tag", "trace_tags")).all(FACET_LIMIT);
  return { names: names.map((r) => r.name), tags: tags.map((r) => r.tag) };
}

interface ObservationRow {
  id: string;
  trace_id: string;
  parent_id: string | null;
  type: string;
  name: string;
  start_time: number;
  end_time: number | null;
  completion_start_time: number | null;
  level: string;
  status_message: string | null;
  model: string | null;
  model_parameters: string | null;
  usage: string | null;
  cost: string | null;
  input: string | null;
  output: string | null;
  metadata: string | null;
  version: string | null;
  prompt_name: string | null;
  prompt_version: number | null;
  environment: string | null;
}

function toObservation(row: ObservationRow): ObservationView {
  return {
    id: row.id,
    traceId: row.trace_id,
    parentObservationId: row.parent_id,
    type: row.type,
    name: row.name,
    startTime: row.start_time,
    endTime: row.end_time,
    completionStartTime: row.completion_start_time,
    timeToFirstTokenMs: row.completion_start_time === null ? null : Math.max(0, row.completion_start_time - row.start_time),
    level: row.level,
    statusMessage: row.status_message,
    model: row.model,
    modelParameters: decodeStored(row.model_parameters),
    usage: decodeStored(row.usage),
    cost: decodeStored(row.cost),
    input: decodeStored(row.input),
    output: decodeStored(row.output),
    metadata: decodeStored(row.metadata),
    version: row.version,
    promptName: row.prompt_name,
    promptVersion: row.prompt_version,
    environment: row.environment,
  };
}

type DetailRow = TraceRow & { release: string | null; version: string | null; public: number; input: string | null; output: string | null; metadata: string | null };
type ScoreRow = { id: string; observation_id: string | null; name: string; value: number | null; string_value: string | null; data_type: string; comment: string | null; timestamp: number };

/** One trace with its observations (by start time) and scores; undefined when unknown. */
export function traceDetail(db: Database, id: string): TraceDetail | undefined {
  const row = db
    .prepare<[string], DetailRow>(`SELECT ${SUMMARY_COLUMNS}, t.release, t.version, t.public, t.input, t.output, t.metadata FROM traces t WHERE t.id = ?`)
    .get(id);
  if (!row) return undefined;
  const observations = db.prepare<[string], ObservationRow>("SELECT * FROM observations WHERE trace_id = ? ORDER BY start_time, id").all(id).map(toObservation);
  const scores = db.prepare<[string], ScoreRow>("SELECT * FROM scores WHERE trace_id = ? ORDER BY timestamp").all(id);
  const root = observations.find((o) => o.parentObservationId === null) ?? observations[0];
  const input = decodeStored(row.input);
  const output = decodeStored(row.output);
  return {
    trace: {
      ...toSummary(row),
      release: row.release,
      version: row.version,
      public: row.public === 1,
      input: input ?? root?.input ?? null,
      output: output ?? root?.output ?? null,
      metadata: decodeStored(row.metadata),
    },
    observations,
    scores: scores.map(
      (s): ScoreView => ({
        id: s.id,
        observationId: s.observation_id,
        name: s.name,
        value: s.string_value ?? s.value,
        dataType: s.data_type,
        comment: s.comment,
        timestamp: s.timestamp,
      }),
    ),
  };
}
