/**
 * Reads an OTLP `ExportTraceServiceRequest` (decoded from JSON or protobuf) into flat {@link OtlpSpan}s,
 * each carrying its resource and scope. Validation follows Langfuse's `validateOtelSpanIds`: a span
 * without a usable trace or span id, or a collection that is present but not an array, rejects the
 * whole request — nothing of it is stored.
 *
 * @module
 */
import { type AttributeValue, field, keyValues, nanosToMs, toId } from "./any-value";

/** A span event, converted. */
export interface OtlpSpanEvent {
  name: string;
  /** Unix epoch milliseconds, if the event had a time. */
  timeMs?: number;
  attributes: Record<string, AttributeValue>;
}

/** One span with everything the mapping needs. */
export interface OtlpSpan {
  traceId: string;
  spanId: string;
  /** Absent for a root span. */
  parentSpanId?: string;
  name: string;
  traceState?: string;
  startMs?: number;
  endMs?: number;
  attributes: Record<string, AttributeValue>;
  events: OtlpSpanEvent[];
  /** OTLP status code (0 unset, 1 ok, 2 error) when it was an integer. */
  statusCode?: number;
  statusMessage?: string;
  resource: Record<string, AttributeValue>;
  scopeName: string;
  scopeVersion?: string;
}

/** The result of reading a request: spans, or the reasons it was rejected. */
export type ReadSpansResult = { ok: true; spans: OtlpSpan[] } | { ok: false; reasons: string[] };

function arrayOrReject(value: unknown, what: string, reasons: Set<string>): unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  reasons.add(`${what}:not_an_array`);
  return [];
}

function isIdShape(value: unknown): boolean {
  return typeof value === "string" || value instanceof Uint8Array;
}

function readSpan(raw: unknown, resource: OtlpSpan["resource"], scope: unknown, reasons: Set<string>): OtlpSpan | undefined {
  const rawTraceId = field(raw, "traceId", "trace_id");
  const rawSpanId = field(raw, "spanId", "span_id");
  const rawParent = field(raw, "parentSpanId", "parent_span_id");
  if (!isIdShape(rawTraceId)) reasons.add("traceId:absent");
  if (!isIdShape(rawSpanId)) reasons.add("spanId:absent");
  if (rawParent !== undefined && rawParent !== null && rawParent !== "" && !isIdShape(rawParent)) reasons.add("parentSpanId:invalid");
  const attributes = arrayOrReject(field(raw, "attributes"), "attributes", reasons);
  const rawEvents = arrayOrReject(field(raw, "events"), "events", reasons);
  const traceId = toId(rawTraceId, 16);
  const spanId = toId(rawSpanId, 8);
  if (traceId === undefined || spanId === undefined) {
    if (isIdShape(rawTraceId) && isIdShape(rawSpanId)) reasons.add("id:empty");
    return undefined;
  }
  const events: OtlpSpanEvent[] = rawEvents.map((event) => {
    const eventAttributes = arrayOrReject(field(event, "attributes"), "event.attributes", reasons);
    const timeMs = nanosToMs(field(event, "timeUnixNano", "time_unix_nano"));
    const name = field(event, "name");
    return { name: typeof name === "string" ? name : "", ...(timeMs !== undefined && { timeMs }), attributes: keyValues(eventAttributes) };
  });
  const status = field(raw, "status");
  const code = field(status, "code");
  const message = field(status, "message");
  const name = field(raw, "name");
  const traceState = field(raw, "traceState", "trace_state");
  const parentSpanId = toId(rawParent, 8);
  const startMs = nanosToMs(field(raw, "startTimeUnixNano", "start_time_unix_nano"));
  const endMs = nanosToMs(field(raw, "endTimeUnixNano", "end_time_unix_nano"));
  const scopeName = field(scope, "name");
  const scopeVersion = field(scope, "version");
  return {
    traceId,
    spanId,
    ...(parentSpanId !== undefined && { parentSpanId }),
    name: typeof name === "string" ? name : "",
    ...(typeof traceState === "string" && traceState !== "" && { traceState }),
    ...(startMs !== undefined && { startMs }),
    ...(endMs !== undefined && { endMs }),
    attributes: keyValues(attributes),
    events,
    ...(typeof code === "number" && { statusCode: code }),
    ...(typeof message === "string" && message !== "" && { statusMessage: message }),
    resource,
    scopeName: typeof scopeName === "string" ? scopeName : "",
    ...(typeof scopeVersion === "string" && scopeVersion !== "" && { scopeVersion }),
  };
}

/**
 * Reads every span of an export request. A missing or empty `resourceSpans` is a valid, empty request.
 * @param request - the decoded request body (any shape; it is checked here)
 */
export function readOtlpSpans(request: unknown): ReadSpansResult {
  if (request === null || typeof request !== "object" || Array.isArray(request)) {
    return { ok: false, reasons: ["body:not_an_object"] };
  }
  const reasons = new Set<string>();
  const spans: OtlpSpan[] = [];
  for (const resourceSpans of arrayOrReject(field(request, "resourceSpans", "resource_spans"), "resourceSpans", reasons)) {
    const resourceAttributes = arrayOrReject(field(field(resourceSpans, "resource"), "attributes"), "resource.attributes", reasons);
    const resource = keyValues(resourceAttributes);
    for (const scopeSpans of arrayOrReject(field(resourceSpans, "scopeSpans", "scope_spans"), "scopeSpans", reasons)) {
      const scope = field(scopeSpans, "scope");
      arrayOrReject(field(scope, "attributes"), "scope.attributes", reasons);
      for (const raw of arrayOrReject(field(scopeSpans, "spans"), "spans", reasons)) {
        const span = readSpan(raw, resource, scope, reasons);
        if (span) spans.push(span);
      }
    }
  }
  return reasons.size > 0 ? { ok: false, reasons: [...reasons] } : { ok: true, spans };
}
