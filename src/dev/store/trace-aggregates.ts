/**
 * Recomputes a trace's derived columns from its observations after a write: start and end, worst
 * level, observation count, token and cost sums, the display name (explicit, else the root's), its tag
 * rows and its full-text search entry.
 *
 * @module
 */
import type { Database, Statement } from "better-sqlite3";

/** Characters of each observation's input/output that the text search indexes. */
const SEARCH_IO_CHARS = 600;
/** Upper bound on a trace's search text (characters). */
const SEARCH_BODY_CHARS = 8_000;
/** Observations of a trace whose names, models and I/O feed its search text. */
const SEARCH_OBSERVATIONS = 100;

const LEVELS = ["DEBUG", "DEFAULT", "WARNING", "ERROR"] as const;

interface Aggregate {
  start: number | null;
  end: number | null;
  n: number;
  rank: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  total_tokens: number | null;
  cost: number | null;
}

interface TraceFields {
  seq: number;
  explicit_name: string | null;
  user_id: string | null;
  session_id: string | null;
  tags: string;
  timestamp: number | null;
  start_time: number;
  environment: string | null;
  input: string | null;
  output: string | null;
}

interface SearchRow {
  name: string;
  model: string | null;
  status_message: string | null;
  input: string | null;
  output: string | null;
}

const AGGREGATE_SQL = `
SELECT MIN(start_time) AS start, MAX(COALESCE(end_time, start_time)) AS "end", COUNT(*) AS n,
  MAX(CASE level WHEN 'DEBUG' THEN 0 WHEN 'WARNING' THEN 2 WHEN 'ERROR' THEN 3 ELSE 1 END) AS rank,
  SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens, SUM(total_tokens) AS total_tokens, SUM(cost_total) AS cost
FROM observations WHERE trace_id = ?`;

/** The root: the earliest observation whose parent is not in the trace (a continued trace has a remote parent). */
const ROOT_SQL = `
SELECT name FROM observations o WHERE trace_id = ?
  AND (parent_id IS NULL OR NOT EXISTS (SELECT 1 FROM observations p WHERE p.id = o.parent_id AND p.trace_id = o.trace_id))
ORDER BY start_time LIMIT 1`;

/** Prepared statements that keep a trace's derived columns in step with its observations. */
export class TraceAggregator {
  readonly #aggregate: Statement<[string], Aggregate>;
  readonly #root: Statement<[string], { name: string }>;
  readonly #fields: Statement<[string], TraceFields>;
  readonly #searchRows: Statement<[string, number], SearchRow>;
  readonly #update: Statement;
  readonly #deleteTags: Statement;
  readonly #insertTag: Statement;
  readonly #deleteSearch: Statement;
  readonly #insertSearch: Statement;

  constructor(db: Database) {
    this.#aggregate = db.prepare(AGGREGATE_SQL);
    this.#root = db.prepare(ROOT_SQL);
    this.#fields = db.prepare("SELECT seq, explicit_name, user_id, session_id, tags, timestamp, start_time, environment, input, output FROM traces WHERE id = ?");
    this.#searchRows = db.prepare("SELECT name, model, status_message, input, output FROM observations WHERE trace_id = ? ORDER BY start_time LIMIT ?");
    this.#update = db.prepare(`UPDATE traces SET name = @name, start_time = @start, end_time = @end, level = @level, level_rank = @rank,
      observation_count = @n, input_tokens = @input_tokens, output_tokens = @output_tokens, total_tokens = @total_tokens, cost = @cost WHERE id = @id`);
    this.#deleteTags = db.prepare("DELETE FROM trace_tags WHERE trace_id = ?");
    this.#insertTag = db.prepare("INSERT OR IGNORE INTO trace_tags (tag, start_time, trace_id) VALUES (?, ?, ?)");
    this.#deleteSearch = db.prepare("DELETE FROM trace_search WHERE rowid = ?");
    this.#insertSearch = db.prepare("INSERT INTO trace_search (rowid, body) VALUES (?, ?)");
  }

  /** Recomputes everything derived for one trace (call inside the writing transaction). */
  recompute(traceId: string): void {
    const fields = this.#fields.get(traceId);
    if (!fields) return;
    const agg = this.#aggregate.get(traceId);
    const rootName = this.#root.get(traceId)?.name;
    const starts = [agg?.start, fields.timestamp].filter((v): v is number => typeof v === "number");
    const start = starts.length > 0 ? Math.min(...starts) : fields.start_time;
    const rank = agg?.rank ?? 1;
    const name = fields.explicit_name ?? rootName ?? "";
    this.#update.run({
      id: traceId, name, start, end: agg?.end ?? start, level: LEVELS[rank] ?? "DEFAULT", rank, n: agg?.n ?? 0,
      input_tokens: agg?.input_tokens ?? 0, output_tokens: agg?.output_tokens ?? 0, total_tokens: agg?.total_tokens ?? 0, cost: agg?.cost ?? 0,
    });
    const tags = JSON.parse(fields.tags) as string[];
    this.#deleteTags.run(traceId);
    for (const tag of tags) this.#insertTag.run(tag, start, traceId);
    this.#deleteSearch.run(fields.seq);
    this.#insertSearch.run(fields.seq, this.#searchBody(traceId, name, fields, tags));
  }

  #searchBody(traceId: string, name: string, fields: TraceFields, tags: readonly string[]): string {
    const parts: (string | null | undefined)[] = [traceId, name, fields.user_id, fields.session_id, fields.environment, tags.join(" ")];
    parts.push(fields.input?.slice(0, SEARCH_IO_CHARS), fields.output?.slice(0, SEARCH_IO_CHARS));
    for (const row of this.#searchRows.all(traceId, SEARCH_OBSERVATIONS)) {
      parts.push(row.name, row.model, row.status_message, row.input?.slice(0, SEARCH_IO_CHARS), row.output?.slice(0, SEARCH_IO_CHARS));
    }
    return parts.filter((part) => part !== null && part !== undefined && part !== "").join("\n").slice(0, SEARCH_BODY_CHARS);
  }
}
