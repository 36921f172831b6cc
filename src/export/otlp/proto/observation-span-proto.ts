/**
 * Protobuf bytes of an observation's OTLP span, written straight from the record with the attributes
 * of {@link writeObservationAttributes} (the same attributes, in the same order, as the JSON encoding):
 * the export hot path. What spans share is cached as encoded bytes and copied, and so are the
 * attribute keys.
 *
 * @module
 */
import type { ObservationRecord } from "../../../core/records";
import type { AttributeSink } from "../attribute-sink";
import { keyCache } from "../key-cache";
import { attributeFragments, writeObservationAttributes } from "../observation-attributes";
import { boolAttr, doubleAttr, type OtlpAttribute } from "../otlp-json";
import { SPAN_KIND, STATUS_CODE } from "../otlp-span";
import { SCOPE_SPANS_SPANS_FIELD, SPAN_FIELD, STATUS_FIELD, writeAttributes, writeIntAttribute } from "./otlp-span-proto";
import { encodeKey, ProtoWriter } from "./proto-writer";

/** Writer of the cached attribute bytes (copied out, so a cache entry never pins a slab). */
const cacheWriter = new ProtoWriter(16 * 1024);

/** Encoded `Span.attributes` entries, kept by the fragment cache. */
function encodeAttributes(attributes: readonly OtlpAttribute[]): Buffer {
  cacheWriter.reset();
  writeAttributes(cacheWriter, SPAN_FIELD.attributes, attributes);
  const view = cacheWriter.finish();
  const copy = Buffer.allocUnsafe(view.length);
  view.copy(copy);
  return copy;
}

const fragments = attributeFragments(encodeAttributes);

/** The encoded `KeyValue.key` of each attribute key. */
const keyBytes = keyCache(encodeKey);

/** Writes attributes into a span being written. */
class ProtoAttributes implements AttributeSink<Buffer> {
  w!: ProtoWriter;

  fragment(fragment: Buffer): void {
    this.w.raw(fragment);
  }

  string(key: string, value: string): void {
    this.w.stringAttribute(SPAN_FIELD.attributes, keyBytes(key), value);
  }

  int(key: string, value: number): void {
    writeIntAttribute(this.w, SPAN_FIELD.attributes, keyBytes(key), Math.trunc(value));
  }

  double(key: string, value: number): void {
    writeAttributes(this.w, SPAN_FIELD.attributes, [doubleAttr(key, value)]);
  }

  bool(key: string, value: boolean): void {
    writeAttributes(this.w, SPAN_FIELD.attributes, [boolAttr(key, value)]);
  }

  list(attributes: readonly OtlpAttribute[]): void {
    writeAttributes(this.w, SPAN_FIELD.attributes, attributes);
  }
}

/** One sink, pointed at the writer of the span being written (spans are written one at a time). */
const sink = new ProtoAttributes();

/** Writes the observation's span as a `ScopeSpans.spans` entry. */
export function writeObservationSpan(w: ProtoWriter, record: ObservationRecord): void {
  const start = w.beginWide(SCOPE_SPANS_SPANS_FIELD);
  w.hexBytes(SPAN_FIELD.traceId, record.traceId);
  w.hexBytes(SPAN_FIELD.spanId, record.id);
  const traceState = fragments.trace(record).traceState;
  if (traceState !== undefined && traceState !== "") w.string(SPAN_FIELD.traceState, traceState);
  if (record.parentObservationId !== undefined && record.parentObservationId !== "") w.hexBytes(SPAN_FIELD.parentSpanId, record.parentObservationId);
  w.string(SPAN_FIELD.name, record.name);
  w.uint(SPAN_FIELD.kind, record.type === "generation" || record.type === "embedding" ? SPAN_KIND.client : SPAN_KIND.internal);
  w.unixNanosFromMs(SPAN_FIELD.start, record.startTime);
  w.unixNanosFromMs(SPAN_FIELD.end, record.endTime);
  sink.w = w;
  writeObservationAttributes(record, fragments, sink);
  if (record.level === "ERROR") {
    const status = w.begin(SPAN_FIELD.status);
    if (record.statusMessage !== undefined) w.string(STATUS_FIELD.message, record.statusMessage);
    w.uint(STATUS_FIELD.code, STATUS_CODE.error);
    w.end(status);
  }
  w.endWide(start);
}
