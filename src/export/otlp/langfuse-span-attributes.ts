/**
 * Langfuse attribute builders for an observation's span, as `shared/design/LANGFUSE-OTLP.md` describes
 * the server reading them (direct v4 path and legacy path); `observation-attributes.ts` puts them in
 * order.
 *
 * @module
 */
import type { ObservationRecord } from "../../core/records";
import { canonicalUsage } from "../langfuse/canonical-usage";
import type { AttributeSink } from "./attribute-sink";
import { boolAttr, jsonText, msToIso, type OtlpAttribute, stringArrayAttr, stringAttr } from "./otlp-json";

/**
 * Trace-level attributes every span carries, so Langfuse's per-observation user, session, tag and
 * metadata filters work (on the direct path a trace is an aggregate over its span rows). Every span
 * carries all of them, `public` included: where the server still writes its legacy tables, each span
 * with trace attributes becomes a `trace-create` merged in timestamp order
 * (packages/shared/src/server/otel/OtelIngestionProcessor.ts, hasTraceUpdates/createTraceEvent), so
 * a child without one of them must not disagree with the root. A `null` metadata value is left out
 * rather than sent as the string "null".
 */
export function traceAttributes(record: ObservationRecord): OtlpAttribute[] {
  const trace = record.trace;
  const out: OtlpAttribute[] = [];
  if (trace.userId !== undefined) out.push(stringAttr("user.id", trace.userId));
  if (trace.sessionId !== undefined) out.push(stringAttr("session.id", trace.sessionId));
  if (trace.tags !== undefined && trace.tags.length > 0) out.push(stringArrayAttr("langfuse.trace.tags", trace.tags));
  for (const [key, value] of Object.entries(trace.metadata ?? {})) {
    if (value !== undefined && value !== null) out.push(stringAttr(`langfuse.trace.metadata.${key}`, jsonText(value)));
  }
  if (trace.public !== undefined) out.push(boolAttr("langfuse.trace.public", trace.public));
  if (trace.release !== undefined) out.push(stringAttr("langfuse.release", trace.release));
  if (trace.environment !== undefined) out.push(stringAttr("langfuse.environment", trace.environment));
  return out;
}

/** True when the record has any of the fields {@link writeGenerationAttributes} writes. */
export function hasGenerationFields(record: ObservationRecord): boolean {
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

/** Writes the model, parameters, usage, cost, completion start and prompt of a generation-like observation. */
export function writeGenerationAttributes<F>(record: ObservationRecord, sink: AttributeSink<F>): void {
  if (record.model !== undefined) sink.string("langfuse.observation.model.name", record.model);
  if (record.modelParameters !== undefined) sink.string("langfuse.observation.model.parameters", jsonText(record.modelParameters));
  if (record.usageDetails !== undefined) sink.string("langfuse.observation.usage_details", jsonText(canonicalUsage(record.usageDetails)));
  if (record.costDetails !== undefined) sink.string("langfuse.observation.cost_details", jsonText(record.costDetails));
  if (record.completionStartTime !== undefined) sink.string("langfuse.observation.completion_start_time", msToIso(record.completionStartTime));
  if (record.promptName !== undefined) sink.string("langfuse.observation.prompt.name", record.promptName);
  if (record.promptVersion !== undefined) sink.int("langfuse.observation.prompt.version", record.promptVersion);
}
