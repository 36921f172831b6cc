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

/**
 * `@opentelemetry/core`'s W3CTraceContextPropagator pattern: lowercase hex only, at most one
 * whitespace character at either end, version `ff` and all-zero ids invalid, fields after the flags
 * only for a version above `00`.
 */
const TRACEPARENT = /^\s?((?!ff)[\da-f]{2})-((?![0]{32})[\da-f]{32})-((?![0]{16})[\da-f]{16})-([\da-f]{2})(-.*)?\s?$/;

/**
 * Parses a W3C `traceparent` header value; undefined when it is malformed, as the spec requires.
 * `tracestate` is kept as received (it is parsed where it is used, `sampling/tracestate.ts`).
 */
export function parseTraceparent(header: string | undefined, tracestate?: string): RemoteParent | undefined {
  if (typeof header !== "string") return undefined;
  const match = TRACEPARENT.exec(header);
  if (!match) return undefined;
  const [, version, traceId, spanId, flags, rest] = match as unknown as [string, string, string, string, string, string | undefined];
  if (version === "00" && rest !== undefined && rest !== "") return undefined;
  const sampled = (Number.parseInt(flags, 16) & 1) === 1;
  return typeof tracestate === "string" && tracestate !== ""
    ? { traceId, spanId, sampled, tracestate }
    : { traceId, spanId, sampled };
}

/** Formats a W3C `traceparent` header value (version 00). */
export function formatTraceparent(traceId: string, spanId: string, sampled: boolean): string {
  return `00-${traceId}-${spanId}-${sampled ? "01" : "00"}`;
}
