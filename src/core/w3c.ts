import { isValidSpanId, isValidTraceId } from "./ids";

/** A parsed W3C `traceparent`: the remote parent of a trace continued in this process. */
export interface RemoteParent {
  /** 32-hex trace id. */
  readonly traceId: string;
  /** 16-hex span id of the remote caller. */
  readonly spanId: string;
  /** The caller's sampled flag (bit 0 of trace-flags). */
  readonly sampled: boolean;
  /** The caller's `tracestate`, if any. */
  readonly tracestate?: string;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

/**
 * Parses a W3C `traceparent` header value; undefined when it is malformed, as the spec requires
 * (version `ff` is invalid; a future version may carry extra fields after the flags).
 */
export function parseTraceparent(header: string | undefined, tracestate?: string): RemoteParent | undefined {
  if (header === undefined) return undefined;
  const match = TRACEPARENT.exec(header.trim().toLowerCase());
  if (!match) return undefined;
  const [, version, traceId, spanId, flags, rest] = match as unknown as [string, string, string, string, string, string | undefined];
  if (version === "ff" || (version === "00" && rest !== undefined)) return undefined;
  if (!isValidTraceId(traceId) || !isValidSpanId(spanId)) return undefined;
  const sampled = (Number.parseInt(flags, 16) & 1) === 1;
  return tracestate === undefined || tracestate.trim() === ""
    ? { traceId, spanId, sampled }
    : { traceId, spanId, sampled, tracestate: tracestate.trim() };
}

/** Formats a W3C `traceparent` header value (version 00). */
export function formatTraceparent(traceId: string, spanId: string, sampled: boolean): string {
  return `00-${traceId}-${spanId}-${sampled ? "01" : "00"}`;
}
