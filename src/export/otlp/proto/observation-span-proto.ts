/**
 * Protobuf bytes of an observation's OTLP span, written straight from the record: the export hot
 * path. The attributes are those of {@link observationToSpan}, in the same order, so the span decodes
 * to exactly what the JSON codec sends; what every span of a trace shares (trace attributes, sample
 * rate) and the type and level attributes are encoded once and copied.
 *
 * @module
 */
import type { ObservationRecord, TraceSnapshot } from "../../../core/records";
import { genAiAttributes } from "../gen-ai-attributes";
import { generationAttributes, rootAttributes, traceAttributes } from "../langfuse-span-attributes";
import { doubleAttr, jsonText, type OtlpAttribute, stringAttr } from "../otlp-json";
import { SAMPLE_RATE_ATTRIBUTE, SPAN_KIND, STATUS_CODE } from "../otlp-span";
import { spanTraceState } from "../sampling-tracestate";
import { SCOPE_SPANS_SPANS_FIELD, writeAttributes } from "./otlp-span-proto";
import { ProtoWriter } from "./proto-writer";

/** Field numbers of `Span`, `Status`, `KeyValue` and `AnyValue.string_value`. */
const SPAN = { traceId: 1, spanId: 2, traceState: 3, parentSpanId: 4, name: 5, kind: 6, start: 7, end: 8, attributes: 9, status: 15 } as const;
const STATUS = { message: 2, code: 3 } as const;
const KEY_VALUE = { key: 1, value: 2 } as const;
const STRING_VALUE = 1;

/** Writer of the cached attribute bytes below (copied out, so a cache entry never pins a slab). */
const cacheWriter = new ProtoWriter(16 * 1024);

/** Encoded `Span.attributes` entries, built once and kept. */
function encodeAttributes(attributes: readonly OtlpAttribute[]): Buffer {
  cacheWriter.reset();
  writeAttributes(cacheWriter, SPAN.attributes, attributes);
  const view = cacheWriter.finish();
  const copy = Buffer.allocUnsafe(view.length);
  view.copy(copy);
  return copy;
}

/** What every span of one trace snapshot shares, encoded. */
interface TraceBytes {
  readonly traceState: string | undefined;
  readonly traceAttributes: Buffer;
  readonly sampleRate: Buffer;
}

const traceBytes = new WeakMap<TraceSnapshot, TraceBytes>();

function traceBytesOf(record: ObservationRecord): TraceBytes {
  const trace = record.trace;
  let bytes = traceBytes.get(trace);
  if (bytes === undefined) {
    bytes = {
      traceState: spanTraceState(trace.tracestate, trace.sampleRate),
      traceAttributes: encodeAttributes(traceAttributes(record)),
      sampleRate: encodeAttributes([doubleAttr(SAMPLE_RATE_ATTRIBUTE, trace.sampleRate)]),
    };
    traceBytes.set(trace, bytes);
  }
  return bytes;
}

/** `type` and `level` attributes by `type|level` (10 types × 4 levels at most). */
const typeLevelBytes = new Map<string, Buffer>();

function typeLevelOf(record: ObservationRecord): Buffer {
  const key = `${record.type}|${record.level}`;
  let bytes = typeLevelBytes.get(key);
  if (bytes === undefined) {
    bytes = encodeAttributes([stringAttr("langfuse.observation.type", record.type), stringAttr("langfuse.observation.level", record.level)]);
    if (typeLevelBytes.size < 64) typeLevelBytes.set(key, bytes);
  }
  return bytes;
}

/** A string attribute written in place. */
function stringAttribute(w: ProtoWriter, key: string, value: string): void {
  const kv = w.begin(SPAN.attributes);
  w.string(KEY_VALUE.key, key);
  const any = w.begin(KEY_VALUE.value);
  w.string(STRING_VALUE, value);
  w.end(any);
  w.end(kv);
}

/** Status message, version and flat metadata keys: the attributes after type and level. */
function writeExtras(w: ProtoWriter, record: ObservationRecord): void {
  if (record.statusMessage !== undefined) stringAttribute(w, "langfuse.observation.status_message", record.statusMessage);
  const version = record.version ?? record.trace.version;
  if (version !== undefined) stringAttribute(w, "langfuse.version", version);
  const metadata = record.metadata;
  if (metadata === undefined) return;
  for (const key of Object.keys(metadata)) {
    const value = metadata[key];
    if (value !== undefined) stringAttribute(w, `langfuse.observation.metadata.${key}`, jsonText(value));
  }
}

/** Input and output (the trace's on the local root when it has none); returns their texts for reuse. */
function writeIo(w: ProtoWriter, record: ObservationRecord): { input: unknown; inputText: string | undefined; output: unknown; outputText: string | undefined } {
  const input = record.input ?? (record.isLocalRoot ? record.trace.input : undefined);
  const output = record.output ?? (record.isLocalRoot ? record.trace.output : undefined);
  const inputText = input === undefined ? undefined : jsonText(input);
  const outputText = output === undefined ? undefined : jsonText(output);
  if (inputText !== undefined) stringAttribute(w, "langfuse.observation.input", inputText);
  if (outputText !== undefined) stringAttribute(w, "langfuse.observation.output", outputText);
  return { input, inputText, output, outputText };
}

/** The local root's trace attributes; the trace I/O text is reused when it is the observation's own value. */
function writeRoot(w: ProtoWriter, record: ObservationRecord, io: ReturnType<typeof writeIo>): void {
  const trace = record.trace;
  const input = trace.input ?? record.input;
  const output = trace.output ?? record.output;
  if (input === io.input && output === io.output && trace.public === undefined) {
    stringAttribute(w, "langfuse.trace.name", trace.name ?? record.name);
    if (io.inputText !== undefined) stringAttribute(w, "langfuse.trace.input", io.inputText);
    if (io.outputText !== undefined) stringAttribute(w, "langfuse.trace.output", io.outputText);
    return;
  }
  writeAttributes(w, SPAN.attributes, rootAttributes(record));
}

function hasGenerationFields(record: ObservationRecord): boolean {
  return (
    record.model !== undefined ||
    record.modelParameters !== undefined ||
    record.usageDetails !== undefined ||
    record.costDetails !== undefined ||
    record.completionStartTime !== undefined ||
    record.promptName !== undefined ||
    record.promptVersion !== undefined
  );
}

/** Writes the observation's span as a `ScopeSpans.spans` entry. */
export function writeObservationSpan(w: ProtoWriter, record: ObservationRecord): void {
  const shared = traceBytesOf(record);
  const start = w.begin(SCOPE_SPANS_SPANS_FIELD);
  w.hexBytes(SPAN.traceId, record.traceId);
  w.hexBytes(SPAN.spanId, record.id);
  if (shared.traceState !== undefined && shared.traceState !== "") w.string(SPAN.traceState, shared.traceState);
  if (record.parentObservationId !== undefined && record.parentObservationId !== "") w.hexBytes(SPAN.parentSpanId, record.parentObservationId);
  w.string(SPAN.name, record.name);
  w.uint(SPAN.kind, record.type === "generation" || record.type === "embedding" ? SPAN_KIND.client : SPAN_KIND.internal);
  w.unixNanosFromMs(SPAN.start, record.startTime);
  w.unixNanosFromMs(SPAN.end, record.endTime);
  w.raw(typeLevelOf(record));
  writeExtras(w, record);
  const io = writeIo(w, record);
  w.raw(shared.traceAttributes);
  if (record.isLocalRoot) writeRoot(w, record, io);
  if (hasGenerationFields(record)) writeAttributes(w, SPAN.attributes, generationAttributes(record));
  const genAi = genAiAttributes(record);
  if (genAi.length > 0) writeAttributes(w, SPAN.attributes, genAi);
  w.raw(shared.sampleRate);
  if (record.level === "ERROR") {
    const status = w.begin(SPAN.status);
    if (record.statusMessage !== undefined) w.string(STATUS.message, record.statusMessage);
    w.uint(STATUS.code, STATUS_CODE.error);
    w.end(status);
  }
  w.end(start);
}
