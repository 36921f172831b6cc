/**
 * W3C `tracestate` handling for the OpenTelemetry `ot` entry (`ot=th:8;rv:…`). Other vendors'
 * entries are kept as received; the `ot` entry moves to the front when it changes, as W3C requires.
 */

/** At most 32 list members, per W3C. */
const MAX_MEMBERS = 32;

/** The sub-keys of the `ot` entry Tracewise reads. */
export interface OtTraceState {
  /** Threshold, 1–14 hex digits. */
  readonly th?: string;
  /** Explicit randomness, 14 hex digits. */
  readonly rv?: string;
}

/** Splits a tracestate header into its members (empty members dropped). */
export function parseTracestate(header: string | undefined): string[] {
  if (header === undefined) return [];
  return header
    .split(",")
    .map((m) => m.trim())
    .filter((m) => m.length > 0 && m.includes("="));
}

/** Reads `th` and `rv` from the `ot` member of a tracestate. */
export function readOt(header: string | undefined): OtTraceState {
  const member = parseTracestate(header).find((m) => m.startsWith("ot="));
  if (member === undefined) return {};
  const out: { th?: string; rv?: string } = {};
  for (const part of member.slice(3).split(";")) {
    const [key, value] = part.split(":");
    if (key === "th" && value !== undefined && /^[0-9a-f]{1,14}$/.test(value)) out.th = value;
    if (key === "rv" && value !== undefined && /^[0-9a-f]{14}$/.test(value)) out.rv = value;
  }
  return out;
}

/**
 * Returns `header` with the `ot` entry's `th` set (or removed when `th` is undefined), other `ot`
 * sub-keys and other vendors kept. Undefined when nothing is left.
 */
export function withTh(header: string | undefined, th: string | undefined): string | undefined {
  const members = parseTracestate(header);
  const ot = members.find((m) => m.startsWith("ot="));
  const rest = members.filter((m) => m !== ot);
  const parts = (ot?.slice(3).split(";") ?? []).filter((p) => p.length > 0 && !p.startsWith("th:"));
  if (th !== undefined) parts.unshift(`th:${th}`);
  const next = parts.length > 0 ? [`ot=${parts.join(";")}`, ...rest] : rest;
  return next.length > 0 ? next.slice(0, MAX_MEMBERS).join(",") : undefined;
}
