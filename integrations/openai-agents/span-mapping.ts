import type { EndObservationOptions, ObservationLevel, ObservationType, UsageDetails } from "tracewise";
import { toUsageDetails } from "../openai/usage-details";
import { outputText } from "../openai/responses-capture";
import { asArray, asNumber, asRecord, asString, definedOnly } from "../shared/read-fields";

/** What a span of the Agents SDK starts as. */
export interface SpanStart {
  readonly name: string;
  readonly asType: ObservationType;
}

/** The `spanData` of an Agents SDK span, read structurally (its `type` says which kind). */
export type SpanData = Readonly<Record<string, unknown>>;

/**
 * The observation a span starts: `agent` → agent, `generation` and `response` → generation,
 * `function` and `mcp_tools` → tool, `guardrail` → guardrail, `handoff` → span `handoff → <agent>`,
 * `custom`, `task`, `turn` and anything newer → span named after it.
 */
export function spanStart(data: SpanData): SpanStart {
  const type = asString(data.type) ?? "span";
  const name = asString(data.name);
  switch (type) {
    case "agent":
      return { name: name ?? "agent", asType: "agent" };
    case "generation":
      return { name: "generation", asType: "generation" };
    case "response":
      return { name: "response", asType: "generation" };
    case "function":
      return { name: name ?? "function", asType: "tool" };
    case "mcp_tools":
      return { name: `mcp_tools ${asString(data.server) ?? ""}`.trim(), asType: "tool" };
    case "guardrail":
      return { name: name ?? "guardrail", asType: "guardrail" };
    case "handoff":
      return { name: `handoff → ${asString(data.to_agent) ?? "?"}`, asType: "span" };
    case "turn":
      return { name: `turn ${asNumber(data.turn) ?? ""}`.trim(), asType: "span" };
    default:
      return { name: name ?? type, asType: "span" };
  }
}

/**
 * What a span records when it ends, from its data (complete by then) and its error: input, output,
 * model, parameters and usage of generations and responses; arguments and result of function tools;
 * whether a guardrail tripped (WARNING); the agents of a handoff; an error at level ERROR.
 */
export function spanEnd(data: SpanData, error: unknown): EndObservationOptions {
  const fields = fieldsOf(data);
  const e = asRecord(error);
  if (e === undefined) return fields;
  const message = asString(e.message) ?? "error";
  return { ...fields, level: "ERROR", statusMessage: message, metadata: { ...fields.metadata, ...definedOnly({ errorData: e.data }) } };
}

function fieldsOf(data: SpanData): EndObservationOptions {
  switch (data.type) {
    case "generation":
      return definedOnly({ input: data.input, output: data.output, model: asString(data.model), modelParameters: parameters(data.model_config), usageDetails: generationUsage(data.usage) });
    case "response":
      return responseFields(data);
    case "function":
      return definedOnly({ input: parseJson(data.input), output: parseJson(data.output), metadata: data.mcp_data === undefined ? undefined : { mcpData: data.mcp_data } });
    case "mcp_tools":
      return definedOnly({ output: data.result });
    case "guardrail": {
      const level: ObservationLevel | undefined = data.triggered === true ? "WARNING" : undefined;
      return definedOnly({ metadata: { triggered: data.triggered === true }, level, statusMessage: level === undefined ? undefined : "guardrail tripped" });
    }
    case "handoff":
      return { metadata: definedOnly({ fromAgent: asString(data.from_agent), toAgent: asString(data.to_agent) }) };
    case "agent":
      return { metadata: definedOnly({ handoffs: data.handoffs, tools: data.tools, outputType: data.output_type }) };
    case "custom":
      return definedOnly({ metadata: asRecord(data.data) });
    case "task":
    case "turn":
      return definedOnly({ usageDetails: generationUsage(data.usage), metadata: definedOnly({ agentName: asString(data.agent_name) }) });
    default:
      return {};
  }
}

/** A Responses API call: input, the response's output items and text, its model and usage. */
function responseFields(data: SpanData): EndObservationOptions {
  const response = asRecord(data._response);
  const items = asArray(response?.output);
  const text = items === undefined ? "" : outputText(items);
  return definedOnly({
    input: data._input,
    output: items === undefined ? undefined : { ...(text === "" ? {} : { output_text: text }), output: items },
    model: asString(response?.model),
    usageDetails: toUsageDetails(response?.usage),
    metadata: definedOnly({ responseId: asString(data.response_id) ?? asString(response?.id) }),
  });
}

/** Usage of generation, task and turn spans: `input_tokens` / `output_tokens`, cache reads and writes. */
function generationUsage(usage: unknown): UsageDetails | undefined {
  const u = asRecord(usage);
  if (u === undefined) return undefined;
  const fromOpenAI = toUsageDetails(u);
  const cached = asNumber(u.cached_input_tokens);
  const written = asNumber(u.cache_write_input_tokens);
  if (fromOpenAI === undefined) return undefined;
  const out: UsageDetails = { ...fromOpenAI };
  // Cached and written tokens are parts of input_tokens: moved to their own keys, as every integration does.
  if (cached !== undefined && cached > 0) out.input_cached_tokens = cached;
  if (written !== undefined && written > 0) out.input_cache_creation = written;
  if (out.input !== undefined) out.input = Math.max(0, out.input - (cached ?? 0) - (written ?? 0));
  if (out.total === undefined) out.total = Object.entries(out).reduce((sum, [, n]) => sum + n, 0);
  return out;
}

function parameters(config: unknown): Record<string, string | number | boolean | null> | undefined {
  const c = asRecord(config);
  if (c === undefined) return undefined;
  const out: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(c)) {
    if (typeof value === "string" || typeof value === "boolean" || value === null || (typeof value === "number" && Number.isFinite(value))) out[key] = value;
    else if (typeof value === "object") out[key] = JSON.stringify(value);
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

function parseJson(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
