/**
 * W3C `tracestate` (a list of `key=value` members) and OpenTelemetry's `ot` member (`th`, `rv`), with
 * the semantics of `@opentelemetry/core`'s `TraceState` and `@opentelemetry/sampler-composite`, which
 * `test/sampling/reference-differential.test.ts` compares against on generated inputs:
 * invalid members are dropped, a repeated key keeps its first place with its last value, at most 32
 * members and 512 characters are read, and a member that is set moves to the front.
 */
import { encodeTh } from "./consistent-probability";

/** W3C: at most 32 list members are read. */
const MAX_MEMBERS = 32;
/** W3C: at most 512 characters are read (and written when a member is set). */
const MAX_LENGTH = 512;
/** OpenTelemetry: the `ot` value is at most 256 characters. */
const MAX_OT_LENGTH = 256;

const KEY_CHARS = "[_0-9a-z\\-*/]";
const KEY = new RegExp(`^(?:[a-z]${KEY_CHARS}{0,255}|[a-z0-9]${KEY_CHARS}{0,240}@[a-z]${KEY_CHARS}{0,13})$`);
/** Printable ASCII, no trailing space, at most 256 characters (and no `,` or `=`: see validValue). */
const VALUE = /^[ -~]{0,255}[!-~]$/;
const TH = /^[0-9a-fA-F]{1,14}$/;
const RV = /^[0-9a-fA-F]{14}$/;

/** A parsed tracestate: members in header order, and the length the W3C limit is counted against. */
export interface TraceStateList {
  readonly members: ReadonlyMap<string, string>;
  readonly length: number;
}

function validValue(value: string): boolean {
  return VALUE.test(value) && !value.includes(",") && !value.includes("=");
}

const EMPTY: TraceStateList = { members: new Map(), length: 0 };

/** Parses a tracestate header; invalid members are skipped, as `@opentelemetry/core` does. */
export function parseTracestate(header: string | undefined): TraceStateList {
  if (typeof header !== "string" || header === "") return EMPTY;
  const members = new Map<string, string>();
  let length = 0;
  for (const raw of header.split(",")) {
    const member = raw.trim();
    const eq = member.indexOf("=");
    if (eq === -1) continue;
    const key = member.slice(0, eq);
    const value = member.slice(eq + 1);
    if (!KEY.test(key) || !validValue(value)) continue;
    const next = length + member.length + (members.size > 0 ? 1 : 0);
    if (next > MAX_LENGTH) continue;
    members.set(key, value);
    length = next;
    if (members.size >= MAX_MEMBERS) break;
  }
  return { members, length };
}

/** The header text of a list (`""` when empty). */
export function formatTracestate(list: TraceStateList): string {
  let out = "";
  for (const [key, value] of list.members) out += out === "" ? `${key}=${value}` : `,${key}=${value}`;
  return out;
}

/**
 * The list with `key` set to `value` at the front. Unchanged when the key or value is invalid or the
 * result would exceed 512 characters. The 32-member bound applies to reading only, so our own member
 * never pushes a vendor's out (`@opentelemetry/core` `TraceState.set`).
 */
export function setMember(list: TraceStateList, key: string, value: string): TraceStateList {
  if (!KEY.test(key) || !validValue(value)) return list;
  const current = list.members.get(key);
  const length =
    list.length + (current === undefined ? key.length + value.length + (list.members.size > 0 ? 2 : 1) : value.length - current.length);
  if (length > MAX_LENGTH) return list;
  const members = new Map<string, string>([[key, value]]);
  for (const [k, v] of list.members) if (k !== key) members.set(k, v);
  return { members, length };
}

/** The sub-keys of the `ot` member. */
export interface OtTraceState {
  /** Rejection threshold as 14 lowercase hex digits. */
  readonly th?: string;
  /** Explicit randomness as 14 lowercase hex digits. */
  readonly rv?: string;
  /** Other sub-keys, kept as received. */
  readonly rest: readonly string[];
}

const NO_OT: OtTraceState = { rest: [] };

/** Reads `th`, `rv` and the other sub-keys of an `ot` value; a malformed `th` or `rv` is dropped. */
export function parseOt(value: string | undefined): OtTraceState {
  if (value === undefined || value === "" || value.length > MAX_OT_LENGTH) return NO_OT;
  let th: string | undefined;
  let rv: string | undefined;
  const rest: string[] = [];
  for (const part of value.split(";")) {
    // A later th/rv replaces an earlier one, a malformed one included (sampler-composite parseOtelTraceState).
    if (part.startsWith("th:")) {
      const hex = part.slice(3);
      th = TH.test(hex) ? hex.toLowerCase().padEnd(14, "0") : undefined;
    } else if (part.startsWith("rv:")) {
      const hex = part.slice(3);
      rv = RV.test(hex) ? hex.toLowerCase() : undefined;
    } else {
      rest.push(part);
    }
  }
  return { ...(th === undefined ? {} : { th }), ...(rv === undefined ? {} : { rv }), rest };
}

/** The `ot` value: `th`, then `rv`, then the rest, cut at `;` boundaries to 256 characters; `""` when empty. */
export function formatOt(ot: OtTraceState): string {
  const parts: string[] = [];
  if (ot.th !== undefined) parts.push(`th:${encodeTh(ot.th)}`);
  if (ot.rv !== undefined) parts.push(`rv:${ot.rv}`);
  parts.push(...ot.rest);
  let out = parts.join(";");
  while (out.length > MAX_OT_LENGTH) {
    const cut = out.lastIndexOf(";");
    if (cut === -1) break;
    out = out.slice(0, cut);
  }
  return out;
}

/** Reads the `ot` member of a tracestate header. */
export function readOt(header: string | undefined): OtTraceState {
  return parseOt(parseTracestate(header).members.get("ot"));
}

/**
 * The tracestate a decision propagates, as `@opentelemetry/sampler-composite`'s `CompositeSampler`
 * writes it: the incoming members, with the `ot` member rewritten at the front carrying `threshold` as
 * `th` (undefined removes it: a dropped trace, or a decision that is not a consistent probability) and
 * the incoming `rv` and other sub-keys. When nothing is left to write in `ot`, the incoming list is kept
 * as it is. Undefined when the result is empty.
 */
export function decisionTracestate(incoming: TraceStateList | undefined, ot: OtTraceState, threshold: string | undefined): string | undefined {
  const value = formatOt({ ...(threshold === undefined ? {} : { th: threshold }), ...(ot.rv === undefined ? {} : { rv: ot.rv }), rest: ot.rest });
  const list = value === "" ? incoming : setMember(incoming ?? EMPTY, "ot", value);
  const text = list === undefined ? "" : formatTracestate(list);
  return text === "" ? undefined : text;
}

/** `header` with the `ot` member's `th` replaced by `threshold` (a later decision, such as a tail rule's rate). */
export function withThreshold(header: string | undefined, threshold: string | undefined): string | undefined {
  const list = parseTracestate(header);
  return decisionTracestate(list, parseOt(list.members.get("ot")), threshold);
}
