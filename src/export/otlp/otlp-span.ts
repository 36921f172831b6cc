/**
 * One finished record as one OTLP/JSON span: ids as lowercase hex, times as unix-nanosecond strings,
 * Langfuse and GenAI attributes, status code 2 for `ERROR`, and the sampling trace state.
 *
 * @module
 */
import type { ObservationRecord, ScoreRecord } from "../../core/records";
import { genAiAttributes } from "./gen-ai-attributes";
import {
  generationAttributes,
  observationAttributes,
  observationIo,
  rootAttributes,
  traceAttributes,
} from "./langfuse-span-attributes";
import { doubleAttr, msToUnixNano, type OtlpAttribute, stringAttr } from "./otlp-json";
import { spanTraceState } from "./sampling-tracestate";

/** OTLP span kinds used: INTERNAL for steps, CLIENT for calls to a model provider. */
export const SPAN_KIND = { internal: 1, client: 3 } as const;

/** OTLP status codes: UNSET, OK, ERROR. */
export const STATUS_CODE = { unset: 0, ok: 1, error: 2 } as const;

/** Attribute carrying the probability with which the trace was kept, so backends can extrapolate. */
export const SAMPLE_RATE_ATTRIBUTE = "tracewise.sample_rate";

/** An OTLP/JSON span as Tracewise emits it. */
export interface OtlpSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly traceState?: string;
  readonly name: string;
  readonly kind: number;
  readonly startTimeUnixNano: string;
  readonly endTimeUnixNano: string;
  readonly attributes: readonly OtlpAttribute[];
  readonly status: { readonly code?: number; readonly message?: string };
}

/** Maps an observation to its span. */
export function observationToSpan(record: ObservationRecord): OtlpSpan {
  const attributes: OtlpAttribute[] = [
    ...observationAttributes(record),
    ...observationIo(record),
    ...traceAttributes(record),
    ...(record.isLocalRoot ? rootAttributes(record) : []),
    ...generationAttributes(record),
    ...genAiAttributes(record),
    doubleAttr(SAMPLE_RATE_ATTRIBUTE, record.trace.sampleRate),
  ];
  const traceState = spanTraceState(record.trace.tracestate, record.trace.sampleRate);
  const isCall = record.type === "generation" || record.type === "embedding";
  return {
    traceId: record.traceId,
    spanId: record.id,
    parentSpanId: record.parentObservationId ?? "",
    ...(traceState === undefined ? {} : { traceState }),
    name: record.name,
    kind: isCall ? SPAN_KIND.client : SPAN_KIND.internal,
    startTimeUnixNano: msToUnixNano(record.startTime),
    endTimeUnixNano: msToUnixNano(record.endTime),
    attributes,
    status:
      record.level === "ERROR"
        ? { code: STATUS_CODE.error, ...(record.statusMessage === undefined ? {} : { message: record.statusMessage }) }
        : {},
  };
}

/**
 * A score as a zero-duration span, for OTLP backends that have no score API: named
 * `score <name>`, a child of the scored observation (or a parentless span of the trace), with the
 * GenAI evaluation attributes (`gen_ai.evaluation.name`, `gen_ai.evaluation.score.value` or
 * `.score.label`, `gen_ai.evaluation.explanation`) and `tracewise.score.*`. Its span id is the first
 * 16 hex digits of the score's UUID.
 */
export function scoreToSpan(score: ScoreRecord): OtlpSpan {
  const time = msToUnixNano(score.timestamp);
  const attributes: OtlpAttribute[] = [
    stringAttr("tracewise.score.id", score.id),
    stringAttr("tracewise.score.data_type", score.dataType),
    stringAttr("gen_ai.evaluation.name", score.name),
    typeof score.value === "number"
      ? doubleAttr("gen_ai.evaluation.score.value", score.value)
      : stringAttr("gen_ai.evaluation.score.label", score.value),
  ];
  if (score.comment !== undefined) attributes.push(stringAttr("gen_ai.evaluation.explanation", score.comment));
  if (score.environment !== undefined) attributes.push(stringAttr("langfuse.environment", score.environment));
  for (const [key, value] of Object.entries(score.metadata ?? {})) {
    if (value !== undefined) attributes.push(stringAttr(`tracewise.score.metadata.${key}`, typeof value === "string" ? value : JSON.stringify(value)));
  }
  return {
    traceId: score.traceId,
    spanId: scoreSpanId(score.id),
    parentSpanId: score.observationId ?? "",
    name: `score ${score.name}`,
    kind: SPAN_KIND.internal,
    startTimeUnixNano: time,
    endTimeUnixNano: time,
    attributes,
    status: {},
  };
}

/** 16 lowercase hex digits derived from a UUID (or any id), padded when shorter. */
export function scoreSpanId(id: string): string {
  const hex = id.toLowerCase().replace(/[^0-9a-f]/g, "");
  return hex.slice(0, 16).padEnd(16, "0");
}
