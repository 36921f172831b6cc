/**
 * OpenTelemetry GenAI semantic-convention attributes, so backends other than Langfuse understand
 * generations, embeddings, tools and agents. Langfuse reads `langfuse.observation.*` first, so these
 * never change what it stores.
 *
 * @module
 */
import type { ObservationRecord, ObservationType } from "../../core/records";
import { doubleAttr, intAttr, type OtlpAttribute, stringArrayAttr, stringAttr } from "./otlp-json";

/** `gen_ai.operation.name` per observation type (types without one get none). */
const OPERATION_BY_TYPE: Partial<Record<ObservationType, string>> = {
  generation: "chat",
  embedding: "embeddings",
  tool: "execute_tool",
  agent: "invoke_agent",
};

/** Model parameters with a `gen_ai.request.*` attribute of their own. */
const REQUEST_PARAMETERS: Readonly<Record<string, string>> = {
  temperature: "gen_ai.request.temperature",
  top_p: "gen_ai.request.top_p",
  top_k: "gen_ai.request.top_k",
  max_tokens: "gen_ai.request.max_tokens",
  frequency_penalty: "gen_ai.request.frequency_penalty",
  presence_penalty: "gen_ai.request.presence_penalty",
  seed: "gen_ai.request.seed",
};

/** GenAI semantic-convention attributes of an observation. */
export function genAiAttributes(record: ObservationRecord): OtlpAttribute[] {
  const out: OtlpAttribute[] = [];
  const operation = operationName(record);
  if (operation !== undefined) out.push(stringAttr("gen_ai.operation.name", operation));
  if (record.type === "tool") out.push(stringAttr("gen_ai.tool.name", record.name));
  if (record.type === "agent") out.push(stringAttr("gen_ai.agent.name", record.name));
  if (record.model !== undefined) {
    // Records carry one model name: the one the call was made with, which providers echo back.
    out.push(stringAttr("gen_ai.request.model", record.model), stringAttr("gen_ai.response.model", record.model));
  }
  for (const [key, value] of Object.entries(record.modelParameters ?? {})) {
    const name = REQUEST_PARAMETERS[key];
    if (name !== undefined && typeof value === "number") {
      out.push(key === "max_tokens" || key === "seed" || key === "top_k" ? intAttr(name, value) : doubleAttr(name, value));
    }
    if (key === "stop" && Array.isArray(value)) out.push(stringArrayAttr("gen_ai.request.stop_sequences", value as string[]));
  }
  out.push(...usageAttributes(record.usageDetails));
  return out;
}

/**
 * The operation name. An agent that reports its own model, usage or cost gets none: Langfuse strips
 * model, usage and cost from `invoke_agent` spans to avoid double counting.
 */
function operationName(record: ObservationRecord): string | undefined {
  const operation = OPERATION_BY_TYPE[record.type];
  const hasCost = record.model !== undefined || record.usageDetails !== undefined || record.costDetails !== undefined;
  if (record.type === "agent" && hasCost) return undefined;
  return operation;
}

/**
 * Semconv token counts include cached and reasoning tokens, which Langfuse's canonical keys split out:
 * `input_tokens` = `input` + every `input_*` key, `output_tokens` = `output` + every `output_*` key.
 */
export function usageAttributes(usage: Readonly<Record<string, number>> | undefined): OtlpAttribute[] {
  if (usage === undefined) return [];
  const out: OtlpAttribute[] = [];
  const sum = (prefix: string): number | undefined => {
    if (typeof usage[prefix] !== "number") return undefined;
    let total = 0;
    for (const [key, value] of Object.entries(usage)) {
      if ((key === prefix || key.startsWith(`${prefix}_`)) && Number.isFinite(value)) total += value;
    }
    return total;
  };
  const input = sum("input");
  const output = sum("output");
  if (input !== undefined) out.push(intAttr("gen_ai.usage.input_tokens", input));
  if (output !== undefined) out.push(intAttr("gen_ai.usage.output_tokens", output));
  const cached = usage.input_cached_tokens;
  if (typeof cached === "number") out.push(intAttr("gen_ai.usage.cache_read.input_tokens", cached));
  return out;
}
