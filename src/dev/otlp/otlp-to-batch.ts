/**
 * Turns a decoded OTLP export request into the {@link WriteBatch} the store applies: one observation
 * per span and the trace fields each span carries.
 *
 * @module
 */
import { emptyBatch, type WriteBatch } from "../store/rows";
import { readOtlpSpans } from "./otlp-span";
import { spanToObservation } from "./span-to-observation";
import { spanTraceFields } from "./span-trace-fields";

/** The batch to write, or the reasons the request was rejected. */
export type OtlpBatchResult = { ok: true; batch: WriteBatch; spanCount: number } | { ok: false; reasons: string[] };

/**
 * Maps every span of a request; rejects the whole request when one span is malformed.
 * @param request - the decoded `ExportTraceServiceRequest` (JSON or protobuf), unchecked
 * @param nowMs - fallback time for spans without any time
 */
export function otlpToBatch(request: unknown, nowMs: number = Date.now()): OtlpBatchResult {
  const read = readOtlpSpans(request);
  if (!read.ok) return read;
  const batch = emptyBatch();
  for (const span of read.spans) {
    batch.observations.push(spanToObservation(span, nowMs));
    batch.traces.push(spanTraceFields(span));
  }
  return { ok: true, batch, spanCount: read.spans.length };
}
