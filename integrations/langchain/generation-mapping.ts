import type { ModelParameters, UsageDetails } from "tracewise";
import { isMessageLike, toTracedMessage, toTracedMessages } from "./message-mapping";
import { requestedModel, respondingModel } from "./model-name";
import { usageFromResult } from "./usage-mapping";

/**
 * Invocation params recorded as model parameters (OpenAI, Anthropic, Google and LangChain spellings).
 * The model itself, tools and credentials are not parameters.
 */
const MODEL_PARAMETER_KEYS = [
  "temperature",
  "max_tokens",
  "max_completion_tokens",
  "maxTokens",
  "maxOutputTokens",
  "top_p",
  "topP",
  "top_k",
  "topK",
  "frequency_penalty",
  "presence_penalty",
  "stop",
  "seed",
  "n",
  "reasoning_effort",
  "response_format",
  "parallel_tool_calls",
] as const;

/** LangSmith run metadata used when the invocation params lack the parameter. */
const LS_PARAMETER_KEYS: Readonly<Record<string, string>> = { ls_temperature: "temperature", ls_max_tokens: "max_tokens" };

/** What a generation starts with. */
export interface GenerationStart {
  input: unknown;
  model?: string;
  modelParameters?: ModelParameters;
}

/** What a generation ends with. */
export interface GenerationEnd {
  output?: unknown;
  model?: string;
  usageDetails?: UsageDetails;
}

/**
 * Maps an LLM or chat model start: the input messages (or prompts), with the bound tools and
 * `tool_choice` beside them when there are any; the requested model; the model parameters.
 */
export function generationStart(
  serialized: unknown,
  prompts: readonly unknown[],
  extraParams: Record<string, unknown> | undefined,
  metadata: Record<string, unknown> | undefined,
): GenerationStart {
  const params = asRecord(extraParams?.invocation_params);
  // Providers put bound tools in the invocation params; models without native tools keep them in the call options.
  const callOptions = asRecord(extraParams?.options);
  const messages = promptInput(prompts);
  const tools = params?.tools ?? callOptions?.tools;
  const toolChoice = params?.tool_choice ?? callOptions?.tool_choice;
  const input =
    tools === undefined && toolChoice === undefined
      ? messages
      : { messages, ...(tools === undefined ? {} : { tools }), ...(toolChoice === undefined ? {} : { tool_choice: toolChoice }) };
  const out: GenerationStart = { input };
  const model = requestedModel(params, metadata, serialized);
  if (model !== undefined) out.model = model;
  const modelParameters = pickModelParameters(params, metadata);
  if (modelParameters !== undefined) out.modelParameters = modelParameters;
  return out;
}

/**
 * Maps an LLM result: the output message (or text; an array when the model returned several
 * choices), the responding model, and the usage.
 */
export function generationEnd(result: unknown): GenerationEnd {
  const r = asRecord(result);
  const groups = Array.isArray(r?.generations) ? (r.generations as unknown[]) : [];
  const last = groups.at(-1);
  const choices = Array.isArray(last) ? (last as unknown[]) : [];
  const out: GenerationEnd = {};
  if (choices.length > 0) out.output = choices.length === 1 ? choiceOutput(choices[0]) : choices.map(choiceOutput);
  const lastChoice = choices.at(-1);
  const model = respondingModel(lastChoice);
  if (model !== undefined) out.model = model;
  const usage = usageFromResult(lastChoice, r?.llmOutput);
  if (usage !== undefined) out.usageDetails = usage;
  return out;
}

/** Chat models give one message list per run (flattened here); LLMs give prompt strings. */
function promptInput(prompts: readonly unknown[]): unknown {
  if (prompts.every(Array.isArray)) {
    const messages = (prompts as unknown[][]).flat();
    return messages.every(isMessageLike) ? toTracedMessages(messages) : messages;
  }
  return prompts.length === 1 ? prompts[0] : prompts;
}

function choiceOutput(choice: unknown): unknown {
  const c = asRecord(choice);
  if (c === undefined) return choice;
  if (isMessageLike(c.message)) return toTracedMessage(c.message);
  return c.text;
}

function pickModelParameters(
  params: Record<string, unknown> | undefined,
  metadata: Record<string, unknown> | undefined,
): ModelParameters | undefined {
  const out: ModelParameters = {};
  for (const key of MODEL_PARAMETER_KEYS) {
    const value = toParameter(params?.[key]);
    if (value !== undefined) out[key] = value;
  }
  for (const [lsKey, key] of Object.entries(LS_PARAMETER_KEYS)) {
    const value = toParameter(metadata?.[lsKey]);
    if (value !== undefined && out[key] === undefined) out[key] = value;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/** Primitives and string arrays are kept; other objects (such as `response_format`) become JSON text. */
function toParameter(value: unknown): ModelParameters[string] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value;
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
}
