/**
 * The trace list's filters and paging, parsed from URL query parameters, and their SQL.
 *
 * Paging is by keyset (`cursor` = the last row's start time and id), so every page costs the same
 * however deep it is.
 *
 * @module
 */
import { OBSERVATION_LEVELS, type ObservationLevel } from "../../core/records";

/** Filters of the trace list; every field is optional and they combine with AND. */
export interface TraceFilter {
  name?: string;
  userId?: string;
  sessionId?: string;
  tag?: string;
  level?: ObservationLevel;
  /** Start time ≥ from (unix ms). */
  from?: number;
  /** Start time < to (unix ms). */
  to?: number;
  /** Substring searched in names, ids, users, sessions, tags, models and inputs/outputs. */
  q?: string;
}

/** A position in the list: the last row of the previous page. */
export interface TraceCursor {
  startTime: number;
  id: string;
}

/** A parsed list request, or what was wrong with it. */
export type ParsedListQuery = { ok: true; filter: TraceFilter; limit: number; cursor?: TraceCursor } | { ok: false; error: string };

/** Rows per page when the request does not say. */
export const DEFAULT_PAGE_SIZE = 50;
/** Largest page a request may ask for. */
export const MAX_PAGE_SIZE = 500;
/** Shortest query the trigram index can serve; shorter ones fall back to LIKE on a few columns. */
const MIN_TRIGRAM_QUERY = 3;

function time(value: string | null): number | undefined | "invalid" {
  if (value === null || value.trim() === "") return undefined;
  const ms = /^\d+(\.\d+)?$/.test(value) ? Number(value) : new Date(value).getTime();
  return Number.isFinite(ms) ? ms : "invalid";
}

/** Encodes a cursor for the `cursor` query parameter. */
export function encodeCursor(cursor: TraceCursor): string {
  return Buffer.from(JSON.stringify([cursor.startTime, cursor.id])).toString("base64url");
}

function decodeCursor(text: string): TraceCursor | undefined {
  try {
    const value = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(value) && typeof value[0] === "number" && typeof value[1] === "string") return { startTime: value[0], id: value[1] };
  } catch {
    return undefined;
  }
  return undefined;
}

/** Parses `name, user, session, tag, level, from, to, q, limit, cursor`. */
export function parseListQuery(params: URLSearchParams): ParsedListQuery {
  const filter: TraceFilter = {};
  const text = (key: string): string | undefined => {
    const value = params.get(key)?.trim();
    return value ? value : undefined;
  };
  const assign = <K extends keyof TraceFilter>(key: K, value: TraceFilter[K] | undefined): void => {
    if (value !== undefined) filter[key] = value;
  };
  assign("name", text("name"));
  assign("userId", text("user"));
  assign("sessionId", text("session"));
  assign("tag", text("tag"));
  assign("q", text("q"));
  const level = text("level")?.toUpperCase();
  if (level !== undefined && !(OBSERVATION_LEVELS as readonly string[]).includes(level)) return { ok: false, error: `level must be one of ${OBSERVATION_LEVELS.join(", ")}` };
  assign("level", level as ObservationLevel | undefined);
  const from = time(params.get("from"));
  const to = time(params.get("to"));
  if (from === "invalid" || to === "invalid") return { ok: false, error: "from and to must be unix milliseconds or ISO-8601 dates" };
  assign("from", from);
  assign("to", to);
  const limitText = params.get("limit");
  const limit = limitText === null || limitText === "" ? DEFAULT_PAGE_SIZE : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) return { ok: false, error: `limit must be an integer from 1 to ${MAX_PAGE_SIZE}` };
  const cursorText = text("cursor");
  const cursor = cursorText === undefined ? undefined : decodeCursor(cursorText);
  if (cursorText !== undefined && cursor === undefined) return { ok: false, error: "cursor is malformed" };
  return { ok: true, filter, limit, ...(cursor && { cursor }) };
}

/** SQL pieces for a filter: the FROM clause, the WHERE conditions, their parameters, and the sort columns. */
export interface FilterSql {
  from: string;
  where: string[];
  params: unknown[];
  /** Column holding the start time in the driving table (the tag table's copy when filtering by tag). */
  timeColumn: string;
  idColumn: string;
}

/** Builds the FROM/WHERE of a filtered trace query over `traces t`. */
export function filterSql(filter: TraceFilter): FilterSql {
  const sql: FilterSql = { from: "traces t", where: [], params: [], timeColumn: "t.start_time", idColumn: "t.id" };
  // A tag alone pages straight off trace_tags' (tag, start_time) key; with a user or session (far more
  // selective) the traces index drives and the tag becomes an existence check.
  if (filter.tag !== undefined && filter.userId === undefined && filter.sessionId === undefined) {
    sql.from = "trace_tags tt JOIN traces t ON t.id = tt.trace_id";
    sql.where.push("tt.tag = ?");
    sql.params.push(filter.tag);
    sql.timeColumn = "tt.start_time";
    sql.idColumn = "tt.trace_id";
  } else if (filter.tag !== undefined) {
    sql.where.push("EXISTS (SELECT 1 FROM trace_tags tt WHERE tt.trace_id = t.id AND tt.tag = ?)");
    sql.params.push(filter.tag);
  }
  const equal = (column: string, value: unknown): void => {
    if (value === undefined) return;
    sql.where.push(`${column} = ?`);
    sql.params.push(value);
  };
  equal("t.name", filter.name);
  equal("t.user_id", filter.userId);
  equal("t.session_id", filter.sessionId);
  equal("t.level_rank", filter.level === undefined ? undefined : OBSERVATION_LEVELS.indexOf(filter.level));
  if (filter.from !== undefined) {
    sql.where.push(`${sql.timeColumn} >= ?`);
    sql.params.push(filter.from);
  }
  if (filter.to !== undefined) {
    sql.where.push(`${sql.timeColumn} < ?`);
    sql.params.push(filter.to);
  }
  if (filter.q !== undefined) {
    if (filter.q.length >= MIN_TRIGRAM_QUERY) {
      sql.where.push("t.seq IN (SELECT rowid FROM trace_search WHERE trace_search MATCH ?)");
      sql.params.push(`"${filter.q.replace(/"/g, '""')}"`);
    } else {
      sql.where.push("(t.name LIKE ? ESCAPE '\\' OR t.user_id LIKE ? ESCAPE '\\' OR t.session_id LIKE ? ESCAPE '\\' OR t.id LIKE ? ESCAPE '\\')");
      const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      sql.params.push(like, like, like, like);
    }
  }
  return sql;
}
