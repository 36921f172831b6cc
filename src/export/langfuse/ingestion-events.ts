/**
 * Records as events of Langfuse's legacy batch ingestion API (`POST /api/public/ingestion`), in the
 * shapes of `shared/reference/langfuse/openapi.yml`: `trace-create` for a local root, then
 * `span-create`, `generation-create`, `event-create`, or the typed event of the other observation
 * types (`agent-create`, `tool-create`, `chain-create`, `retriever-create`, `evaluator-create`,
 * `embedding-create`, `guardrail-create`); `score-create` for scores. The server's ingestion schema
 * accepts the typed events with the generation body, and its legacy `observation-create` only with
 * type SPAN, GENERATION or EVENT (langfuse/langfuse packages/shared/src/server/ingestion/types.ts).
 * Records are finished, so no `*-update` event is ever needed.
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import type { ObservationRecord, ScoreRecord } from "../../core/records";
import { SAMPLE_RATE_METADATA_KEY } from "../otlp/otlp-span";
import { canonicalUsage } from "./canonical-usage";

/** Event types Tracewise emits. */
export type IngestionEventType =
  | "trace-create"
  | "span-create"
  | "generation-create"
  | "event-create"
  | TypedCreateEventType
  | "score-create";

/** The typed observation events: the type's name, lowercase, then `-create`. */
export type TypedCreateEventType =
  | "agent-create"
  | "tool-create"
  | "chain-create"
  | "retriever-create"
  | "evaluator-create"
  | "embedding-create"
  | "guardrail-create";

/** An ingestion event envelope. `id` is unique per event and stays the same across retries. */
export interface IngestionEvent {
  readonly id: string;
  readonly type: IngestionEventType;
  readonly timestamp: string;
  readonly body: Readonly<Record<string, unknown>>;
}

/** What the mapping needs besides the record. */
export interface IngestionEventContext {
  /** Environment when the record's trace has none. */
  readonly environment?: string;
  readonly release?: string;
  readonly version?: string;
  /**
   * Send typed spans as `span-create` (embeddings as `generation-create`) for servers older than the
   * typed observation types, instead of their typed event (`agent-create`, `tool-create`, …).
   */
  readonly typedSpansAsSpans: boolean;
  /** Event ids. @default crypto.randomUUID */
  readonly newId?: () => string;
  /** Event creation time (epoch ms). @default Date.now */
  readonly now?: () => number;
}

/** The events of one record: one per record, plus a `trace-create` before a local root. */
export function recordEvents(record: ObservationRecord | ScoreRecord, context: IngestionEventContext): IngestionEvent[] {
  if (record.kind === "score") return [scoreEvent(record, context)];
  const events: IngestionEvent[] = [];
  if (record.isLocalRoot) events.push(envelope("trace-create", traceBody(record, context), context));
  events.push(observationEvent(record, context));
  return events;
}

/** The `score-create` event of a score. */
export function scoreEvent(score: ScoreRecord, context: Pick<IngestionEventContext, "environment" | "newId" | "now">): IngestionEvent {
  return envelope(
    "score-create",
    compact({
      id: score.id,
      traceId: score.traceId,
      observationId: score.observationId,
      name: score.name,
      value: score.value,
      dataType: score.dataType,
      comment: score.comment,
      metadata: score.metadata,
      environment: score.environment ?? context.environment,
    }),
    context,
  );
}

function traceBody(record: ObservationRecord, context: IngestionEventContext): Record<string, unknown> {
  const trace = record.trace;
  return compact({
    id: record.traceId,
    timestamp: iso(record.startTime),
    name: trace.name ?? record.name,
    userId: trace.userId,
    sessionId: trace.sessionId,
    input: trace.input ?? record.input,
    output: trace.output ?? record.output,
    release: trace.release ?? context.release,
    version: trace.version ?? context.version,
    metadata: withSampleRate(trace.metadata, trace.sampleRate),
    tags: trace.tags === undefined ? undefined : [...trace.tags],
    environment: trace.environment ?? context.environment,
    public: trace.public,
  });
}

function observationEvent(record: ObservationRecord, context: IngestionEventContext): IngestionEvent {
  const base = compact({
    id: record.id,
    traceId: record.traceId,
    parentObservationId: record.parentObservationId,
    name: record.name,
    startTime: iso(record.startTime),
    metadata: withSampleRate(record.metadata, record.trace.sampleRate),
    input: record.input,
    output: record.output,
    level: record.level,
    statusMessage: record.statusMessage,
    version: record.version ?? record.trace.version ?? context.version,
    environment: record.trace.environment ?? context.environment,
  });
  const end = { endTime: iso(record.endTime) };
  switch (record.type) {
    case "span":
      return envelope("span-create", { ...base, ...end }, context);
    case "event":
      return envelope("event-create", base, context);
    case "generation":
      return envelope("generation-create", { ...base, ...end, ...generationFields(record) }, context);
    default:
      if (context.typedSpansAsSpans) {
        return record.type === "embedding"
          ? envelope("generation-create", { ...base, ...end, ...generationFields(record) }, context)
          : envelope("span-create", { ...base, ...end }, context);
      }
      return envelope(`${record.type}-create`, { ...base, ...end, ...generationFields(record) }, context);
  }
}

function generationFields(record: ObservationRecord): Record<string, unknown> {
  return compact({
    completionStartTime: record.completionStartTime === undefined ? undefined : iso(record.completionStartTime),
    model: record.model,
    modelParameters: record.modelParameters,
    usageDetails: record.usageDetails === undefined ? undefined : canonicalUsage(record.usageDetails),
    costDetails: record.costDetails,
    promptName: record.promptName,
    promptVersion: record.promptVersion === undefined ? undefined : Math.trunc(record.promptVersion),
  });
}

/**
 * Metadata with the trace's sampling probability under `tracewise_sample_rate` (the key the OTLP
 * exporter uses too), so counts and costs can be extrapolated in Langfuse: a kept trace stands for
 * 1/p traces.
 */
function withSampleRate(metadata: Readonly<Record<string, unknown>> | undefined, sampleRate: number): Record<string, unknown> {
  return { ...metadata, [SAMPLE_RATE_METADATA_KEY]: sampleRate };
}

function envelope(type: IngestionEventType, body: Record<string, unknown>, context: Pick<IngestionEventContext, "newId" | "now">): IngestionEvent {
  return { id: (context.newId ?? randomUUID)(), type, timestamp: iso((context.now ?? Date.now)()), body };
}

/** ISO-8601 with milliseconds and `Z`. */
function iso(ms: number): string {
  return new Date(Math.floor(ms)).toISOString();
}

/** Drops `undefined` fields: the schema allows absent or null, and absent is smaller. */
function compact(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out;
}
