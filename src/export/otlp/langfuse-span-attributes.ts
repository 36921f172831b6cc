/**
 * The Langfuse attributes of one observation's span, exactly as `shared/design/LANGFUSE-OTLP.md`
 * describes the server reading them (direct v4 path and legacy path).
 *
 * @module
 */
import type { ObservationRecord } from "../../core/records";
import { canonicalUsage } from "../langfuse/canonical-usage";
import {
  boolAttr,
  intAttr,
  jsonText,
  msToIso,
  type OtlpAttribute,
  stringArrayAttr,
  stringAttr,
} from "./otlp-json";

/**
 * Trace-level attributes every span carries, so Langfuse's per-observation user, session, tag and
 * metadata filters work (on the direct path a trace is an aggregate over its span rows).
 */
export function traceAttributes(record: ObservationRecord): OtlpAttribute[] {
  const trace = record.trace;
  const out: OtlpAttribute[] = [];
  if (trace.userId !== undefined) out.push(stringAttr("user.id", trace.userId));
  if (trace.sessionId !== undefined) out.push(stringAttr("session.id", trace.sessionId));
  if (trace.tags !== undefined && trace.tags.length > 0) out.push(stringArrayAttr("langfuse.trace.tags", trace.tags));
  for (const [key, value] of Object.entries(trace.metadata ?? {})) {
    if (value !== undefined) out.push(stringAttr(`langfuse.trace.metadata.${key}`, jsonText(value)));
  }
  if (trace.release !== undefined) out.push(stringAttr("langfuse.release", trace.release));
  if (trace.environment !== undefined) out.push(stringAttr("langfuse.environment", trace.environment));
  return out;
}

/**
 * Attributes only the local root carries: the trace's name and public flag, and the trace's input and
 * output (read by the legacy path; the direct path reads the root's observation I/O, see
 * {@link observationIo}).
 */
export function rootAttributes(record: ObservationRecord): OtlpAttribute[] {
  const trace = record.trace;
  const out: OtlpAttribute[] = [stringAttr("langfuse.trace.name", trace.name ?? record.name)];
  const input = trace.input ?? record.input;
  const output = trace.output ?? record.output;
  if (input !== undefined) out.push(stringAttr("langfuse.trace.input", jsonText(input)));
  if (output !== undefined) out.push(stringAttr("langfuse.trace.output", jsonText(output)));
  if (trace.public !== undefined) out.push(boolAttr("langfuse.trace.public", trace.public));
  return out;
}

/**
 * The observation's input and output. On the local root, the trace's I/O fills in what the observation
 * lacks: the direct path takes the trace's I/O from the root span's observation I/O.
 */
export function observationIo(record: ObservationRecord): OtlpAttribute[] {
  const input = record.input ?? (record.isLocalRoot ? record.trace.input : undefined);
  const output = record.output ?? (record.isLocalRoot ? record.trace.output : undefined);
  const out: OtlpAttribute[] = [];
  if (input !== undefined) out.push(stringAttr("langfuse.observation.input", jsonText(input)));
  if (output !== undefined) out.push(stringAttr("langfuse.observation.output", jsonText(output)));
  return out;
}

/** Type, level, status message, version and flat metadata keys of the observation. */
export function observationAttributes(record: ObservationRecord): OtlpAttribute[] {
  const out: OtlpAttribute[] = [
    stringAttr("langfuse.observation.type", record.type),
    stringAttr("langfuse.observation.level", record.level),
  ];
  if (record.statusMessage !== undefined) out.push(stringAttr("langfuse.observation.status_message", record.statusMessage));
  const version = record.version ?? record.trace.version;
  if (version !== undefined) out.push(stringAttr("langfuse.version", version));
  for (const [key, value] of Object.entries(record.metadata ?? {})) {
    if (value !== undefined) out.push(stringAttr(`langfuse.observation.metadata.${key}`, jsonText(value)));
  }
  return out;
}

/** Model, parameters, usage, cost, completion start and prompt of a generation-like observation. */
export function generationAttributes(record: ObservationRecord): OtlpAttribute[] {
  const out: OtlpAttribute[] = [];
  if (record.model !== undefined) out.push(stringAttr("langfuse.observation.model.name", record.model));
  if (record.modelParameters !== undefined) {
    out.push(stringAttr("langfuse.observation.model.parameters", jsonText(record.modelParameters)));
  }
  if (record.usageDetails !== undefined) {
    out.push(stringAttr("langfuse.observation.usage_details", jsonText(canonicalUsage(record.usageDetails))));
  }
  if (record.costDetails !== undefined) out.push(stringAttr("langfuse.observation.cost_details", jsonText(record.costDetails)));
  if (record.completionStartTime !== undefined) {
    out.push(stringAttr("langfuse.observation.completion_start_time", msToIso(record.completionStartTime)));
  }
  if (record.promptName !== undefined) out.push(stringAttr("langfuse.observation.prompt.name", record.promptName));
  if (record.promptVersion !== undefined) out.push(intAttr("langfuse.observation.prompt.version", record.promptVersion));
  return out;
}
