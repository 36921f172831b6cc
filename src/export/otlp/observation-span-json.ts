/**
 * JSON text of an observation's OTLP span, built from cached fragments: the exporter encodes every
 * span of every kept trace on the main thread, so this is the export hot path.
 *
 * - Per trace snapshot (shared by the records of a trace, held weakly): the trace attributes every
 *   span carries (user, session, tags, trace metadata, release, environment), the trace state and
 *   the sample-rate attribute.
 * - Per type and level: the two attributes every span starts with.
 * - Everything else goes through the same attribute builders as {@link observationToSpan}, in the
 *   same order, so the text is exactly `JSON.stringify(observationToSpan(record))`.
 *
 * @module
 */
import type { ObservationRecord, TraceSnapshot } from "../../core/records";
import { genAiAttributes } from "./gen-ai-attributes";
import { generationAttributes, rootAttributes, traceAttributes } from "./langfuse-span-attributes";
import { doubleAttr, jsonText, msToUnixNano, type OtlpAttribute, stringAttr } from "./otlp-json";
import { SAMPLE_RATE_ATTRIBUTE, SPAN_KIND, STATUS_CODE } from "./otlp-span";
import { attributeJson, attributesJson } from "./otlp-span-json";
import { spanTraceState } from "./sampling-tracestate";

/** What every span of one trace snapshot shares, as JSON text. */
interface TraceFragments {
  /** `,"traceState":"…"` or empty. */
  readonly traceState: string;
  /** The trace attributes, each preceded by a comma (or empty). */
  readonly traceAttributes: string;
  /** `,{…tracewise.sample_rate…}`. */
  readonly sampleRate: string;
}

const traceFragments = new WeakMap<TraceSnapshot, TraceFragments>();

function fragmentsOf(record: ObservationRecord): TraceFragments {
  const trace = record.trace;
  let fragments = traceFragments.get(trace);
  if (fragments === undefined) {
    const traceState = spanTraceState(trace.tracestate, trace.sampleRate);
    const attributes = attributesJson(traceAttributes(record));
    fragments = {
      traceState: traceState === undefined ? "" : `,"traceState":${JSON.stringify(traceState)}`,
      traceAttributes: attributes === "" ? "" : `,${attributes}`,
      sampleRate: `,${attributeJson(doubleAttr(SAMPLE_RATE_ATTRIBUTE, trace.sampleRate))}`,
    };
    traceFragments.set(trace, fragments);
  }
  return fragments;
}

/** `type` and `level` attributes by `type|level` (10 types × 4 levels at most). */
const typeLevelFragments = new Map<string, string>();

function typeLevel(record: ObservationRecord): string {
  const key = `${record.type}|${record.level}`;
  let fragment = typeLevelFragments.get(key);
  if (fragment === undefined) {
    fragment = attributesJson([stringAttr("langfuse.observation.type", record.type), stringAttr("langfuse.observation.level", record.level)]);
    if (typeLevelFragments.size < 64) typeLevelFragments.set(key, fragment);
  }
  return fragment;
}

const INPUT_KEY = `,{"key":"langfuse.observation.input","value":{"stringValue":`;
const OUTPUT_KEY = `,{"key":"langfuse.observation.output","value":{"stringValue":`;

/** Appends `,attr` for each attribute. */
function more(attributes: readonly OtlpAttribute[]): string {
  let text = "";
  for (let i = 0; i < attributes.length; i++) text += `,${attributeJson(attributes[i] as OtlpAttribute)}`;
  return text;
}

/** The attributes after type and level in `observationAttributes`: status message, version, metadata. */
function observationExtras(record: ObservationRecord): string {
  let text = "";
  if (record.statusMessage !== undefined) text += `,${attributeJson(stringAttr("langfuse.observation.status_message", record.statusMessage))}`;
  const version = record.version ?? record.trace.version;
  if (version !== undefined) text += `,${attributeJson(stringAttr("langfuse.version", version))}`;
  const metadata = record.metadata;
  if (metadata !== undefined) {
    for (const key of Object.keys(metadata)) {
      const value = metadata[key];
      if (value !== undefined) text += `,${attributeJson(stringAttr(`langfuse.observation.metadata.${key}`, jsonText(value)))}`;
    }
  }
  return text;
}

/** The observation's input and output attributes (the trace's on the local root when it has none). */
function io(record: ObservationRecord): string {
  const input = record.input ?? (record.isLocalRoot ? record.trace.input : undefined);
  const output = record.output ?? (record.isLocalRoot ? record.trace.output : undefined);
  let text = "";
  if (input !== undefined) text += `${INPUT_KEY}${JSON.stringify(jsonText(input))}}}`;
  if (output !== undefined) text += `${OUTPUT_KEY}${JSON.stringify(jsonText(output))}}}`;
  return text;
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

/** JSON text of the observation's span: the same text as `JSON.stringify(observationToSpan(record))`. */
export function observationSpanJson(record: ObservationRecord): string {
  const fragments = fragmentsOf(record);
  let attributes = typeLevel(record) + observationExtras(record) + io(record) + fragments.traceAttributes;
  if (record.isLocalRoot) attributes += more(rootAttributes(record));
  if (hasGenerationFields(record)) attributes += more(generationAttributes(record));
  attributes += more(genAiAttributes(record)) + fragments.sampleRate;
  const isCall = record.type === "generation" || record.type === "embedding";
  let text = `{"traceId":${JSON.stringify(record.traceId)},"spanId":${JSON.stringify(record.id)},"parentSpanId":${JSON.stringify(record.parentObservationId ?? "")}${fragments.traceState}`;
  text += `,"name":${JSON.stringify(record.name)},"kind":${isCall ? SPAN_KIND.client : SPAN_KIND.internal},"startTimeUnixNano":"${msToUnixNano(record.startTime)}","endTimeUnixNano":"${msToUnixNano(record.endTime)}","attributes":[${attributes}],"status":`;
  if (record.level !== "ERROR") return `${text}{}}`;
  return record.statusMessage === undefined
    ? `${text}{"code":${STATUS_CODE.error}}}`
    : `${text}{"code":${STATUS_CODE.error},"message":${JSON.stringify(record.statusMessage)}}}`;
}
