/**
 * The OTLP span shape (as OTLP/JSON writes it: ids as lowercase hex, times as unix-nanosecond strings),
 * its constants, and a score as a span. Observations are encoded straight from their records
 * (`observation-span-json.ts`, `proto/observation-span-proto.ts`).
 *
 * @module
 */
import type { ScoreRecord } from "../../core/records";
import { doubleAttr, msToUnixNano, type OtlpAttribute, stringAttr } from "./otlp-json";

/** OTLP span kinds used: INTERNAL for steps, CLIENT for calls to a model provider. */
export const SPAN_KIND = { internal: 1, client: 3 } as const;

/** OTLP status codes: UNSET, OK, ERROR. */
export const STATUS_CODE = { unset: 0, ok: 1, error: 2 } as const;

/** Attribute carrying the probability with which the trace was kept, so backends can extrapolate. */
export const SAMPLE_RATE_ATTRIBUTE = "tracewise.sample_rate";

/**
 * The metadata key that carries the same probability into Langfuse. Langfuse copies span attributes
 * into metadata only for scopes not starting with `langfuse-sdk` (ours does) and never reads
 * tracestate, so the rate goes in as `langfuse.trace.metadata.<key>` (trace metadata) and
 * `langfuse.observation.metadata.<key>` (observation metadata on the legacy path); the direct path
 * merges trace metadata into every observation row
 * (langfuse/langfuse packages/shared/src/server/otel/OtelIngestionProcessor.ts, extractMetadata).
 */
export const SAMPLE_RATE_METADATA_KEY = "tracewise_sample_rate";

/** The attributes recording the sampling probability: generic OTel and both Langfuse metadata scopes. */
export function sampleRateAttributes(sampleRate: number): OtlpAttribute[] {
  return [
    doubleAttr(SAMPLE_RATE_ATTRIBUTE, sampleRate),
    doubleAttr(`langfuse.trace.metadata.${SAMPLE_RATE_METADATA_KEY}`, sampleRate),
    doubleAttr(`langfuse.observation.metadata.${SAMPLE_RATE_METADATA_KEY}`, sampleRate),
  ];
}

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
    if (value !== undefined && value !== null) attributes.push(stringAttr(`tracewise.score.metadata.${key}`, typeof value === "string" ? value : JSON.stringify(value)));
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
