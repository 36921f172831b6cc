/**
 * OTLP protobuf encoding of one {@link OtlpSpan} (`opentelemetry.proto.trace.v1.Span`), written as an
 * entry of `ScopeSpans.spans` (field 2) so a batch body is the envelope followed by its items.
 *
 * Field numbers follow opentelemetry-proto v1 (`trace.proto`, `common.proto`). The span carries the
 * same content as its OTLP/JSON form: ids become bytes, times `fixed64` nanoseconds, `intValue`s
 * varint `int64`s.
 *
 * @module
 */
import type { OtlpAttribute, OtlpValue } from "../otlp-json";
import type { OtlpSpan } from "../otlp-span";
import type { ProtoWriter } from "./proto-writer";

/** `ScopeSpans.spans`. */
export const SCOPE_SPANS_SPANS_FIELD = 2;

/** Field numbers of `Span`. */
export const SPAN_FIELD = { traceId: 1, spanId: 2, traceState: 3, parentSpanId: 4, name: 5, kind: 6, start: 7, end: 8, attributes: 9, status: 15 } as const;
/** Field numbers of `Status`. */
export const STATUS_FIELD = { message: 2, code: 3 } as const;
/** Field numbers of `KeyValue`. */
const KEY_VALUE = { key: 1, value: 2 } as const;
/** Field numbers of `AnyValue` (and `ArrayValue.values`). */
const ANY = { string: 1, bool: 2, int: 3, double: 4, array: 5, arrayValues: 1 } as const;

/** Writes an `AnyValue`'s fields (the caller opened the message). */
export function writeAnyValue(w: ProtoWriter, value: OtlpValue): void {
  if ("stringValue" in value) return w.string(ANY.string, value.stringValue);
  if ("intValue" in value) return w.int64(ANY.int, Number(value.intValue));
  if ("doubleValue" in value) return w.double(ANY.double, value.doubleValue);
  if ("boolValue" in value) return w.uint(ANY.bool, value.boolValue ? 1 : 0);
  const array = w.begin(ANY.array);
  for (const item of value.arrayValue.values) {
    const entry = w.begin(ANY.arrayValues);
    writeAnyValue(w, item);
    w.end(entry);
  }
  w.end(array);
}

/** Writes one integer attribute as a `KeyValue` in `field`, its key already encoded (see `encodeKey`). */
export function writeIntAttribute(w: ProtoWriter, field: number, key: Uint8Array, value: number): void {
  const kv = w.begin(field);
  w.raw(key);
  const any = w.begin(KEY_VALUE.value);
  w.int64(ANY.int, value);
  w.end(any);
  w.end(kv);
}

/** Writes `attributes` as repeated `KeyValue`s in `field`. */
export function writeAttributes(w: ProtoWriter, field: number, attributes: readonly OtlpAttribute[]): void {
  for (const attribute of attributes) {
    const kv = w.begin(field);
    w.string(KEY_VALUE.key, attribute.key);
    const value = w.begin(KEY_VALUE.value);
    writeAnyValue(w, attribute.value);
    w.end(value);
    w.end(kv);
  }
}

/** Writes the span as a `ScopeSpans.spans` entry. */
export function writeSpan(w: ProtoWriter, span: OtlpSpan): void {
  const start = w.beginWide(SCOPE_SPANS_SPANS_FIELD);
  w.hexBytes(SPAN_FIELD.traceId, span.traceId);
  w.hexBytes(SPAN_FIELD.spanId, span.spanId);
  if (span.traceState !== undefined && span.traceState !== "") w.string(SPAN_FIELD.traceState, span.traceState);
  if (span.parentSpanId !== "") w.hexBytes(SPAN_FIELD.parentSpanId, span.parentSpanId);
  w.string(SPAN_FIELD.name, span.name);
  w.uint(SPAN_FIELD.kind, span.kind);
  w.unixNanosFromDecimal(SPAN_FIELD.start, span.startTimeUnixNano);
  w.unixNanosFromDecimal(SPAN_FIELD.end, span.endTimeUnixNano);
  writeAttributes(w, SPAN_FIELD.attributes, span.attributes);
  const { code, message } = span.status;
  if (code !== undefined || message !== undefined) {
    const status = w.begin(SPAN_FIELD.status);
    if (message !== undefined) w.string(STATUS_FIELD.message, message);
    if (code !== undefined && code !== 0) w.uint(STATUS_FIELD.code, code);
    w.end(status);
  }
  w.endWide(start);
}
