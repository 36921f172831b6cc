/**
 * The attributes of an observation's OTLP span, in order, written through an {@link AttributeSink}: the
 * one description of the Langfuse mapping (shared/design/LANGFUSE-OTLP.md) that both wire encodings
 * follow, so OTLP/JSON and OTLP protobuf always carry the same attributes in the same order.
 *
 * What many spans share is encoded once by the sink's encoding and cached ({@link AttributeFragments}):
 * the trace attributes and sample rate per trace snapshot, the type and level attributes per pair.
 *
 * @module
 */
import type { ObservationRecord, TraceSnapshot } from "../../core/records";
import { genAiAttributes } from "./gen-ai-attributes";
import { generationAttributes, hasGenerationFields, traceAttributes } from "./langfuse-span-attributes";
import { boolAttr, doubleAttr, jsonText, type OtlpAttribute, stringAttr } from "./otlp-json";
import { SAMPLE_RATE_ATTRIBUTE } from "./otlp-span";
import { spanTraceState } from "./sampling-tracestate";

/** Where the attributes go: one encoding (JSON text, protobuf bytes) of attribute lists. */
export interface AttributeSink<F> {
  /** Attributes encoded earlier by {@link AttributeFragments}. */
  fragment(fragment: F): void;
  /** One string attribute (the common case, written without building an attribute object). */
  string(key: string, value: string): void;
  /** Attributes of any value type. */
  list(attributes: readonly OtlpAttribute[]): void;
}

/** What every span of one trace snapshot carries. */
export interface TraceFragments<F> {
  /** The span's trace state (with `ot=th:…` for a probability below 1), if any. */
  readonly traceState: string | undefined;
  readonly traceAttributes: F;
  readonly sampleRate: F;
}

/** The cached, pre-encoded attributes of one encoding. */
export interface AttributeFragments<F> {
  /** What every span of the record's trace snapshot carries: trace state, trace attributes, sample rate. */
  trace(record: ObservationRecord): TraceFragments<F>;
  /** The type and level attributes. */
  typeLevel(record: ObservationRecord): F;
}

/** Bound on cached type/level pairs (10 types × 4 levels at most). */
const MAX_TYPE_LEVELS = 64;

/** Fragments cached for an encoding whose attribute lists encode with `encode`. */
export function attributeFragments<F>(encode: (attributes: readonly OtlpAttribute[]) => F): AttributeFragments<F> {
  const byTrace = new WeakMap<TraceSnapshot, TraceFragments<F>>();
  const byTypeLevel = new Map<string, F>();
  return {
    trace(record) {
      let shared = byTrace.get(record.trace);
      if (shared === undefined) {
        shared = {
          traceState: spanTraceState(record.trace.tracestate, record.trace.sampleRate),
          traceAttributes: encode(traceAttributes(record)),
          sampleRate: encode([doubleAttr(SAMPLE_RATE_ATTRIBUTE, record.trace.sampleRate)]),
        };
        byTrace.set(record.trace, shared);
      }
      return shared;
    },
    typeLevel(record) {
      const key = `${record.type}|${record.level}`;
      let fragment = byTypeLevel.get(key);
      if (fragment === undefined) {
        fragment = encode([stringAttr("langfuse.observation.type", record.type), stringAttr("langfuse.observation.level", record.level)]);
        if (byTypeLevel.size < MAX_TYPE_LEVELS) byTypeLevel.set(key, fragment);
      }
      return fragment;
    },
  };
}

/** Status message, version and flat metadata keys of the observation. */
function writeObservationFields<F>(record: ObservationRecord, sink: AttributeSink<F>): void {
  if (record.statusMessage !== undefined) sink.string("langfuse.observation.status_message", record.statusMessage);
  const version = record.version ?? record.trace.version;
  if (version !== undefined) sink.string("langfuse.version", version);
  const metadata = record.metadata;
  if (metadata === undefined) return;
  for (const key of Object.keys(metadata)) {
    const value = metadata[key];
    if (value !== undefined) sink.string(`langfuse.observation.metadata.${key}`, jsonText(value));
  }
}

/**
 * Writes the span's attributes: type and level, status message, version, metadata, the observation's
 * input and output (on the local root, the trace's fill in what it lacks: Langfuse's direct path reads
 * the trace's I/O from there), the trace attributes; on the local root the trace's name, input, output
 * (read by the legacy path) and public flag; model, usage, cost and prompt; the GenAI semantic
 * conventions; the sample rate. A value that is both the observation's and the trace's I/O is
 * stringified once.
 */
export function writeObservationAttributes<F>(record: ObservationRecord, fragments: AttributeFragments<F>, sink: AttributeSink<F>): void {
  const shared = fragments.trace(record);
  sink.fragment(fragments.typeLevel(record));
  writeObservationFields(record, sink);
  const root = record.isLocalRoot;
  const input = record.input ?? (root ? record.trace.input : undefined);
  const output = record.output ?? (root ? record.trace.output : undefined);
  const inputText = input === undefined ? undefined : jsonText(input);
  const outputText = output === undefined ? undefined : jsonText(output);
  if (inputText !== undefined) sink.string("langfuse.observation.input", inputText);
  if (outputText !== undefined) sink.string("langfuse.observation.output", outputText);
  sink.fragment(shared.traceAttributes);
  if (root) {
    const trace = record.trace;
    sink.string("langfuse.trace.name", trace.name ?? record.name);
    const traceInput = trace.input ?? record.input;
    const traceOutput = trace.output ?? record.output;
    if (traceInput !== undefined) sink.string("langfuse.trace.input", traceInput === input && inputText !== undefined ? inputText : jsonText(traceInput));
    if (traceOutput !== undefined) sink.string("langfuse.trace.output", traceOutput === output && outputText !== undefined ? outputText : jsonText(traceOutput));
    if (trace.public !== undefined) sink.list([boolAttr("langfuse.trace.public", trace.public)]);
  }
  if (hasGenerationFields(record)) sink.list(generationAttributes(record));
  const genAi = genAiAttributes(record);
  if (genAi.length > 0) sink.list(genAi);
  sink.fragment(shared.sampleRate);
}
