import type { ModelParameters, ObservationType } from "tracewise";
import { firstDefined, jsonAttr, numberAttr, stringAttr } from "./attribute-values";
import type { Attributes } from "./otel-span";
import type { MappedFields } from "./span-fields";
import { toUsageDetails } from "./usage-mapping";

/**
 * The OpenTelemetry GenAI semantic conventions this mapping is written against: the `gen_ai.*`
 * attributes as `@opentelemetry/semantic-conventions` 1.45.0 publishes them (incubating). The older
 * `gen_ai.system`, `gen_ai.prompt`, `gen_ai.completion` and `gen_ai.usage.prompt_tokens` /
 * `completion_tokens` that earlier instrumentations write are read too.
 */
export const GEN_AI_SEMCONV_VERSION = "1.45.0";

const OPERATION_TYPES: Readonly<Record<string, ObservationType>> = {
  chat: "generation",
  text_completion: "generation",
  generate_content: "generation",
  embeddings: "embedding",
  execute_tool: "tool",
  invoke_agent: "agent",
  create_agent: "agent",
  invoke_workflow: "chain",
  retrieval: "retriever",
};

/** The observation type of a GenAI span, from `gen_ai.operation.name` (or a requested model); undefined for other spans. */
export function genAiObservationType(a: Attributes): ObservationType | undefined {
  const operation = stringAttr(a, "gen_ai.operation.name");
  if (operation !== undefined) return OPERATION_TYPES[operation] ?? "span";
  return stringAttr(a, "gen_ai.request.model") === undefined ? undefined : "generation";
}

const PARAMETERS: readonly [string, string][] = [
  ["gen_ai.request.temperature", "temperature"],
  ["gen_ai.request.max_tokens", "max_tokens"],
  ["gen_ai.request.top_p", "top_p"],
  ["gen_ai.request.top_k", "top_k"],
  ["gen_ai.request.frequency_penalty", "frequency_penalty"],
  ["gen_ai.request.presence_penalty", "presence_penalty"],
  ["gen_ai.request.stop_sequences", "stop_sequences"],
  ["gen_ai.request.seed", "seed"],
  ["gen_ai.request.choice.count", "n"],
];

/** Fields of a finished GenAI span. */
export function genAiFields(type: ObservationType, startTimeMs: number, a: Attributes): MappedFields {
  const metadata: Record<string, unknown> = {};
  for (const [key, name] of [["gen_ai.provider.name", "provider"], ["gen_ai.system", "provider"], ["gen_ai.response.id", "responseId"], ["gen_ai.conversation.id", "conversationId"], ["gen_ai.agent.name", "agentName"]] as const) {
    const value = stringAttr(a, key);
    if (value !== undefined) metadata[name] ??= value;
  }
  const finishReasons = a["gen_ai.response.finish_reasons"];
  if (finishReasons !== undefined) metadata.finishReasons = finishReasons;
  if (type === "tool") {
    const toolName = stringAttr(a, "gen_ai.tool.name");
    if (toolName !== undefined) metadata.toolName = toolName;
    return { input: jsonAttr(a, "gen_ai.tool.call.arguments"), output: jsonAttr(a, "gen_ai.tool.call.result"), consumed: ["gen_ai.tool.call.arguments", "gen_ai.tool.call.result"], metadata };
  }
  const system = jsonAttr(a, "gen_ai.system_instructions");
  const messages = firstDefined(jsonAttr(a, "gen_ai.input.messages"), jsonAttr(a, "gen_ai.prompt"));
  const fields: MappedFields = {
    input: system === undefined ? messages : { system_instructions: system, messages },
    output: firstDefined(jsonAttr(a, "gen_ai.output.messages"), jsonAttr(a, "gen_ai.completion")),
    consumed: ["gen_ai.system_instructions", "gen_ai.input.messages", "gen_ai.prompt", "gen_ai.output.messages", "gen_ai.completion"],
    metadata,
  };
  if (type !== "generation" && type !== "embedding") return fields;
  fields.model = firstDefined(stringAttr(a, "gen_ai.response.model"), stringAttr(a, "gen_ai.request.model"));
  const parameters: Record<string, ModelParameters[string]> = {};
  for (const [key, name] of PARAMETERS) {
    const value = a[key];
    if (value !== undefined) parameters[name] = Array.isArray(value) ? value.map(String) : (value);
  }
  if (Object.keys(parameters).length > 0) fields.modelParameters = parameters;
  fields.usageDetails = toUsageDetails({
    input: firstDefined(numberAttr(a, "gen_ai.usage.input_tokens"), numberAttr(a, "gen_ai.usage.prompt_tokens")),
    output: firstDefined(numberAttr(a, "gen_ai.usage.output_tokens"), numberAttr(a, "gen_ai.usage.completion_tokens")),
    cacheRead: numberAttr(a, "gen_ai.usage.cache_read.input_tokens"),
    cacheWrite: numberAttr(a, "gen_ai.usage.cache_creation.input_tokens"),
    reasoning: numberAttr(a, "gen_ai.usage.reasoning.output_tokens"),
  });
  // Seconds, measured from the request (the span's start).
  const firstChunkS = numberAttr(a, "gen_ai.response.time_to_first_chunk");
  if (firstChunkS !== undefined) fields.completionStartTime = startTimeMs + firstChunkS * 1000;
  return fields;
}
