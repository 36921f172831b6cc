import type { ModelParameters, ObservationType } from "tracewise";
import { firstDefined, jsonAttr, numberAttr, stringAttr } from "./attribute-values";
import type { Attributes } from "./otel-span";
import type { MappedFields } from "./span-fields";
import { toUsageDetails } from "./usage-mapping";

/*
 * The Vercel AI SDK's telemetry (`experimental_telemetry: { isEnabled: true }`): `ai.*` attributes on
 * spans named after the operation (`ai.generateText`, `ai.generateText.doGenerate`, `ai.toolCall`, …),
 * as AI SDK 4 to 6 write them (v4's `promptTokens` / `completionTokens` are read too).
 */

/** The AI SDK operation of a span (`ai.operationId`, else its name), or undefined for other spans. */
export function aiOperationOf(name: string, attributes: Attributes): string | undefined {
  const id = stringAttr(attributes, "ai.operationId");
  if (id !== undefined) return id;
  return name.startsWith("ai.") ? name : undefined;
}

/**
 * The observation type of an AI SDK operation: the provider calls (`*.doGenerate`, `*.doStream`) are
 * generations, tool executions are tools, embedding calls embeddings. The outer calls
 * (`ai.generateText`, `ai.streamText`) stay spans: their usage sums their steps' and would count twice.
 */
export function aiObservationType(operation: string): ObservationType {
  if (operation.endsWith(".doGenerate") || operation.endsWith(".doStream")) return "generation";
  if (operation === "ai.toolCall") return "tool";
  if (operation.endsWith(".doEmbed")) return "embedding";
  return "span";
}

/** Fields of a finished AI SDK span. */
export function aiSdkFields(type: ObservationType, startTimeMs: number, a: Attributes): MappedFields {
  if (type === "tool") {
    return {
      input: jsonAttr(a, "ai.toolCall.args"),
      output: jsonAttr(a, "ai.toolCall.result"),
      consumed: ["ai.toolCall.args", "ai.toolCall.result"],
      metadata: defined({ toolCallId: stringAttr(a, "ai.toolCall.id"), toolName: stringAttr(a, "ai.toolCall.name"), ...common(a) }),
    };
  }
  const input = firstDefined(jsonAttr(a, "ai.prompt.messages"), jsonAttr(a, "ai.prompt"), jsonAttr(a, "ai.values"), jsonAttr(a, "ai.value"));
  const toolCalls = jsonAttr(a, "ai.response.toolCalls");
  const text = stringAttr(a, "ai.response.text");
  const output = firstDefined<unknown>(
    toolCalls === undefined ? undefined : text === undefined ? { toolCalls } : { text, toolCalls },
    text,
    jsonAttr(a, "ai.response.object"),
    jsonAttr(a, "ai.embeddings"),
    jsonAttr(a, "ai.embedding"),
  );
  const consumed = ["ai.prompt.messages", "ai.prompt", "ai.values", "ai.value", "ai.response.toolCalls", "ai.response.text", "ai.response.object", "ai.embeddings", "ai.embedding"];
  const fields: MappedFields = { input, output, consumed, metadata: defined({ finishReason: stringAttr(a, "ai.response.finishReason"), ...common(a) }) };
  if (type !== "generation" && type !== "embedding") return fields;
  fields.model = firstDefined(stringAttr(a, "ai.response.model"), stringAttr(a, "gen_ai.response.model"), stringAttr(a, "ai.model.id"), stringAttr(a, "gen_ai.request.model"));
  fields.modelParameters = settingsOf(a);
  fields.usageDetails = toUsageDetails({
    input: firstDefined(numberAttr(a, "ai.usage.inputTokens"), numberAttr(a, "ai.usage.promptTokens"), numberAttr(a, "ai.usage.tokens")),
    output: firstDefined(numberAttr(a, "ai.usage.outputTokens"), numberAttr(a, "ai.usage.completionTokens")),
    total: numberAttr(a, "ai.usage.totalTokens"),
    cacheRead: firstDefined(numberAttr(a, "ai.usage.inputTokenDetails.cacheReadTokens"), numberAttr(a, "ai.usage.cachedInputTokens")),
    cacheWrite: numberAttr(a, "ai.usage.inputTokenDetails.cacheWriteTokens"),
    reasoning: firstDefined(numberAttr(a, "ai.usage.outputTokenDetails.reasoningTokens"), numberAttr(a, "ai.usage.reasoningTokens")),
  });
  const msToFirstChunk = numberAttr(a, "ai.response.msToFirstChunk");
  if (msToFirstChunk !== undefined) fields.completionStartTime = startTimeMs + msToFirstChunk;
  return fields;
}

/** `ai.settings.*` (temperature, maxOutputTokens, …) as model parameters. */
function settingsOf(a: Attributes): ModelParameters | undefined {
  const out: Record<string, ModelParameters[string]> = {};
  for (const [key, value] of Object.entries(a)) {
    if (!key.startsWith("ai.settings.") || value === undefined) continue;
    out[key.slice("ai.settings.".length)] = Array.isArray(value) ? value.map(String) : (value);
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/** Metadata every AI SDK span carries: the function id, the provider and `ai.telemetry.metadata.*`. */
function common(a: Attributes): Record<string, unknown> {
  const out: Record<string, unknown> = { functionId: stringAttr(a, "ai.telemetry.functionId"), provider: stringAttr(a, "ai.model.provider") };
  for (const [key, value] of Object.entries(a)) {
    if (key.startsWith("ai.telemetry.metadata.")) out[key.slice("ai.telemetry.metadata.".length)] = value;
  }
  return out;
}

function defined(record: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(record)) if (record[key] === undefined) delete record[key];
  return record;
}
