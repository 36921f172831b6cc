/**
 * Maps one OTLP span to the observation it becomes, by the rules Langfuse applies to OTLP ingestion
 * (see `shared/design/LANGFUSE-OTLP.md` §2): type, name, times, level, status message, input/output,
 * metadata, model, parameters, usage, cost, completion start and prompt.
 *
 * @module
 */
import type { ObservationWrite } from "../store/rows";
import type { AttributeValue } from "./any-value";
import { asNumber, asObject, type Attributes, firstString, tryParseJson, withPrefix } from "./attribute-readers";
import { IO_KEYS, spanIo } from "./io-fallbacks";
import { normalizeEnvironment, spanLevel } from "./level-and-environment";
import { MODEL_KEYS, observationType } from "./observation-type";
import type { OtlpSpan } from "./otlp-span";
import { costFromConventions, normalizeCost, normalizeUsage, usageFromConventions } from "./usage-and-cost";

const NO_MODEL_OPERATIONS = new Set(["invoke_agent", "agent_step"]);

function spanName(span: OtlpSpan): string {
  const override = firstString(span.attributes, "gen_ai.tool.name", "genkit:name", "logfire.msg", "ai.toolCall.name");
  if (override !== undefined) return override;
  const operationId = firstString(span.attributes, "ai.operationId");
  if (operationId !== undefined) {
    const fn = firstString(span.attributes, "ai.telemetry.functionId");
    return fn !== undefined ? `${fn}:${operationId}` : operationId;
  }
  return span.name;
}

function parseDate(value: unknown): number | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const unquoted = typeof value === "string" && value.startsWith('"') ? tryParseJson(value) : value;
  if (typeof unquoted !== "string" && typeof unquoted !== "number") return undefined;
  const ms = new Date(unquoted).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

function modelParameters(attrs: Attributes): Record<string, unknown> | undefined {
  const explicit = asObject(attrs["langfuse.observation.model.parameters"]) ?? asObject(attrs["llm.invocation_parameters"]);
  const source: Record<string, unknown> = explicit ?? { ...withPrefix(attrs, "gen_ai.request"), ...withPrefix(attrs, "llm.invocation_parameters") };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (!explicit && key === "model") continue;
    out[key] = typeof value === "string" || typeof value === "number" ? value : JSON.stringify(value);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function metadataValue(value: AttributeValue): unknown {
  return typeof value === "string" && /^[[{]/.test(value) ? (tryParseJson(value) ?? value) : value;
}

/** Keys (and prefixes ending in ".") that the mapping consumes; the rest are kept as `attributes` metadata. */
const CONSUMED = ["langfuse.", "tracewise.", "user.id", "session.id", ...IO_KEYS];

function metadata(span: OtlpSpan): Record<string, unknown> | undefined {
  const attrs = span.attributes;
  const out: Record<string, unknown> = {
    ...asObject(attrs["langfuse.metadata"]),
    ...withPrefix(attrs, "langfuse.metadata"),
    ...asObject(attrs["langfuse.observation.metadata"]),
    ...withPrefix(attrs, "langfuse.observation.metadata"),
  };
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attrs)) {
    if (!CONSUMED.some((c) => (c.endsWith(".") ? key.startsWith(c) : key === c))) rest[key] = metadataValue(value);
  }
  if (Object.keys(rest).length > 0) out.attributes = rest;
  if (span.parentSpanId === undefined) {
    if (Object.keys(span.resource).length > 0) out.resourceAttributes = span.resource;
    if (span.scopeName !== "") out.scope = { name: span.scopeName, ...(span.scopeVersion !== undefined && { version: span.scopeVersion }) };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function generationFields(attrs: Attributes, type: ObservationWrite["type"]): Partial<ObservationWrite> {
  const operation = attrs["gen_ai.operation.name"];
  if (typeof operation === "string" && NO_MODEL_OPERATIONS.has(operation)) return {};
  const out: Partial<ObservationWrite> = {};
  const model = firstString(attrs, ...MODEL_KEYS);
  if (model !== undefined) out.model = model;
  const parameters = modelParameters(attrs);
  if (parameters) out.modelParameters = parameters;
  const explicitUsage = attrs["langfuse.observation.usage_details"];
  const usage = explicitUsage !== undefined ? normalizeUsage(explicitUsage) : usageFromConventions(attrs);
  if (usage) out.usage = usage;
  const cost = normalizeCost(attrs["langfuse.observation.cost_details"]) ?? costFromConventions(attrs);
  if (cost) out.cost = cost;
  const completionStart = parseDate(attrs["langfuse.observation.completion_start_time"]);
  if (completionStart !== undefined) out.completionStartTime = completionStart;
  if (type === "generation") {
    const promptName = firstString(attrs, "langfuse.observation.prompt.name", "langfuse.prompt.name");
    const promptVersion = asNumber(attrs["langfuse.observation.prompt.version"] ?? attrs["langfuse.prompt.version"]);
    if (promptName !== undefined) out.promptName = promptName;
    if (promptVersion !== undefined) out.promptVersion = Math.trunc(promptVersion);
  }
  return out;
}

/**
 * The observation a span becomes.
 * @param span - a span read by `readOtlpSpans`
 * @param nowMs - used when the span carries no time at all
 */
export function spanToObservation(span: OtlpSpan, nowMs: number): ObservationWrite {
  const attrs = span.attributes;
  const type = observationType(attrs);
  const startTime = span.startMs ?? span.endMs ?? nowMs;
  const io = spanIo(attrs, span.events);
  const statusMessage = firstString(attrs, "langfuse.observation.status_message") ?? span.statusMessage;
  const version = firstString(attrs, "langfuse.version") ?? firstString(span.resource, "service.version");
  const environment = normalizeEnvironment(
    firstString(attrs, "langfuse.environment", "deployment.environment.name", "deployment.environment") ??
      firstString(span.resource, "langfuse.environment", "deployment.environment.name", "deployment.environment"),
  );
  const meta = metadata(span);
  return {
    id: span.spanId,
    traceId: span.traceId,
    parentId: span.parentSpanId ?? null,
    type,
    name: spanName(span),
    startTime,
    endTime: Math.max(span.endMs ?? startTime, startTime),
    level: spanLevel(attrs["langfuse.observation.level"], span.statusCode),
    ...(statusMessage !== undefined && { statusMessage }),
    ...(io.input !== undefined && { input: io.input }),
    ...(io.output !== undefined && { output: io.output }),
    ...(meta && { metadata: meta }),
    ...(version !== undefined && { version }),
    ...(environment !== undefined && { environment }),
    ...generationFields(attrs, type),
  };
}
