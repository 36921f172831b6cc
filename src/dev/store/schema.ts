/**
 * The collector's SQLite schema. Traces hold the trace-level fields plus aggregates recomputed from
 * their observations (times, worst level, tokens, cost), so the list reads one row per trace; every
 * list filter has an index that also yields the list's order (newest first, id as tie-break), and
 * `trace_tags` repeats the start time so a tag filter pages straight off its primary key.
 * `trace_search` is a trigram full-text index (substring search) keyed by `traces.seq`.
 *
 * @module
 */

/** Bumped on incompatible changes; a store with another version is refused with a clear message. */
export const SCHEMA_VERSION = 1;

/** Connection settings applied on every open: WAL for concurrent readers, NORMAL sync (safe with WAL). */
export const PRAGMAS = ["journal_mode = WAL", "synchronous = NORMAL", "busy_timeout = 5000", "temp_store = MEMORY", "cache_size = -32000"];

/** DDL, idempotent. */
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS traces (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL DEFAULT '',
  explicit_name TEXT,
  user_id TEXT,
  session_id TEXT,
  tags TEXT NOT NULL DEFAULT '[]',
  start_time REAL NOT NULL DEFAULT 0,
  end_time REAL,
  timestamp REAL,
  level TEXT NOT NULL DEFAULT 'DEFAULT',
  level_rank INTEGER NOT NULL DEFAULT 1,
  observation_count INTEGER NOT NULL DEFAULT 0,
  input_tokens INTEGER NOT NULL DEFAULT 0,
  output_tokens INTEGER NOT NULL DEFAULT 0,
  total_tokens INTEGER NOT NULL DEFAULT 0,
  cost REAL NOT NULL DEFAULT 0,
  sample_rate REAL NOT NULL DEFAULT 1,
  environment TEXT,
  release TEXT,
  version TEXT,
  public INTEGER NOT NULL DEFAULT 0,
  input TEXT,
  output TEXT,
  metadata TEXT,
  updated_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS traces_by_time ON traces(start_time, id, sample_rate, cost, total_tokens);
CREATE INDEX IF NOT EXISTS traces_by_name ON traces(name, start_time, id);
CREATE INDEX IF NOT EXISTS traces_by_user ON traces(user_id, start_time, id);
CREATE INDEX IF NOT EXISTS traces_by_session ON traces(session_id, start_time, id);
CREATE INDEX IF NOT EXISTS traces_by_level ON traces(level_rank, start_time, id);

CREATE TABLE IF NOT EXISTS trace_tags (
  tag TEXT NOT NULL,
  start_time REAL NOT NULL,
  trace_id TEXT NOT NULL,
  PRIMARY KEY (tag, start_time, trace_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS trace_tags_by_trace ON trace_tags(trace_id);

CREATE TABLE IF NOT EXISTS observations (
  id TEXT PRIMARY KEY,
  trace_id TEXT NOT NULL,
  parent_id TEXT,
  type TEXT NOT NULL DEFAULT 'span',
  name TEXT NOT NULL DEFAULT '',
  start_time REAL NOT NULL,
  end_time REAL,
  completion_start_time REAL,
  level TEXT NOT NULL DEFAULT 'DEFAULT',
  status_message TEXT,
  model TEXT,
  model_parameters TEXT,
  usage TEXT,
  cost TEXT,
  input_tokens INTEGER,
  output_tokens INTEGER,
  total_tokens INTEGER,
  cost_total REAL,
  input TEXT,
  output TEXT,
  metadata TEXT,
  version TEXT,
  prompt_name TEXT,
  prompt_version INTEGER,
  environment TEXT
);
CREATE INDEX IF NOT EXISTS observations_by_trace ON observations(trace_id, start_time);

CREATE TABLE IF NOT EXISTS scores (
  id TEXT PRIMARY KEY,
  trace_id TEXT NOT NULL,
  observation_id TEXT,
  name TEXT NOT NULL,
  value REAL,
  string_value TEXT,
  data_type TEXT NOT NULL,
  comment TEXT,
  metadata TEXT,
  timestamp REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS scores_by_trace ON scores(trace_id, timestamp);

CREATE VIRTUAL TABLE IF NOT EXISTS trace_search USING fts5(body, tokenize = 'trigram');
`;
