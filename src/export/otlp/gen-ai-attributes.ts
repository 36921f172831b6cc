/**
 * OpenTelemetry GenAI semantic-convention attributes, so backends other than Langfuse understand
 * generations, embeddings, tools and agents. Langfuse reads `langfuse.observation.*` first, so these
 * never change what it stores.
 *
 * @module
 */
import type { ObservationRecord, ObservationType } from "../../core/records";
import type { AttributeSink } from "./attribute-sink";
import { stringArrayAttr } from "./otlp-json";

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

/** Writes the GenAI semantic-convention attributes of an observation. */
export function writeGenAiAttributes<F>(record: ObservationRecord, sink: AttributeSink<F>): void {
  const operation = operationName(record);
  if (operation !== undefined) sink.string("gen_ai.operation.name", operation);
  if (record.type === "tool") sink.string("gen_ai.tool.name", record.name);
  if (record.type === "agent") sink.string("gen_ai.agent.name", record.name);
  if (record.model !== undefined) {
    // Records carry one model name: the one the call was made with, which providers echo back.
    sink.string("gen_ai.request.model", record.model);
    sink.string("gen_ai.response.model", record.model);
  }
  const parameters = record.modelParameters;
  if (parameters !== undefined) writeRequestParameters(parameters, sink);
  if (record.usageDetails !== undefined) writeUsageAttributes(record.usageDetails, sink);
}

/** `gen_ai.request.*` of the model parameters that have one. */
function writeRequestParameters<F>(parameters: NonNullable<ObservationRecord["modelParameters"]>, sink: AttributeSink<F>): void {
  for (const key of Object.keys(parameters)) {
    const value = parameters[key];
    const name = REQUEST_PARAMETERS[key];
    if (name !== undefined && typeof value === "number") {
      if (key === "max_tokens" || key === "seed" || key === "top_k") sink.int(name, value);
      else sink.double(name, value);
    }
    if (key === "stop" && Array.isArray(value)) sink.list([stringArrayAttr("gen_ai.request.stop_sequences", value as string[])]);
  }
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
export function writeUsageAttributes<F>(usage: Readonly<Record<string, number>>, sink: AttributeSink<F>): void {
  const input = tokenSum(usage, "input");
  const output = tokenSum(usage, "output");
  if (input !== undefined) sink.int("gen_ai.usage.input_tokens", input);
  if (output !== undefined) sink.int("gen_ai.usage.output_tokens", output);
  const cached = usage.input_cached_tokens;
  if (typeof cached === "number") sink.int("gen_ai.usage.cache_read.input_tokens", cached);
}

/** `usage[prefix]` plus every finite `usage[prefix_*]`; undefined without `usage[prefix]`. */
function tokenSum(usage: Readonly<Record<string, number>>, prefix: string): number | undefined {
  if (typeof usage[prefix] !== "number") return undefined;
  let total = 0;
  for (const key of Object.keys(usage)) {
    const value = usage[key] as number;
    if ((key === prefix || (key.length > prefix.length && key.charCodeAt(prefix.length) === 95 && key.startsWith(prefix))) && Number.isFinite(value)) total += value;
  }
  return total;
}
