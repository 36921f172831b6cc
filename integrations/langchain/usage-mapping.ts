import type { UsageDetails } from "tracewise";

/**
 * LangChain token-detail keys → Langfuse's canonical usage keys. Details not listed here become
 * `input_<key>` / `output_<key>`.
 */
const INPUT_DETAIL_KEYS: Readonly<Record<string, string>> = {
  cache_read: "input_cached_tokens",
  cache_creation: "input_cache_creation",
  audio: "input_audio_tokens",
};
const OUTPUT_DETAIL_KEYS: Readonly<Record<string, string>> = {
  reasoning: "output_reasoning_tokens",
  audio: "output_audio_tokens",
};

/** The shape of LangChain's `AIMessage.usage_metadata`. */
interface UsageMetadataLike {
  input_tokens?: unknown;
  output_tokens?: unknown;
  total_tokens?: unknown;
  input_token_details?: unknown;
  output_token_details?: unknown;
}

/**
 * Usage from LangChain's `usage_metadata`: `input`, `output`, `total` and one key per token detail
 * (`input_cached_tokens`, `output_reasoning_tokens`, …). Details are subtracted from their parent so
 * that the keys do not overlap (Langfuse prices each key separately); `total` stays as reported.
 */
export function fromUsageMetadata(usage: UsageMetadataLike): UsageDetails | undefined {
  const out: UsageDetails = {};
  const input = count(usage.input_tokens);
  const output = count(usage.output_tokens);
  const total = count(usage.total_tokens);
  if (input !== undefined) out.input = input - addDetails(out, usage.input_token_details, INPUT_DETAIL_KEYS, "input_", input);
  else addDetails(out, usage.input_token_details, INPUT_DETAIL_KEYS, "input_", Infinity);
  if (output !== undefined) out.output = output - addDetails(out, usage.output_token_details, OUTPUT_DETAIL_KEYS, "output_", output);
  else addDetails(out, usage.output_token_details, OUTPUT_DETAIL_KEYS, "output_", Infinity);
  if (total !== undefined) out.total = total;
  return Object.keys(out).length === 0 ? undefined : out;
}

/**
 * Usage from `llmOutput.tokenUsage` (LangChain JS: `promptTokens`, `completionTokens`, `totalTokens`)
 * or a provider's raw `token_usage` / `usage` (`prompt_tokens`, `input_tokens`, …).
 */
export function fromTokenUsage(usage: Record<string, unknown>): UsageDetails | undefined {
  const input = count(usage.promptTokens ?? usage.prompt_tokens ?? usage.input_tokens);
  const output = count(usage.completionTokens ?? usage.completion_tokens ?? usage.output_tokens);
  const total = count(usage.totalTokens ?? usage.total_tokens);
  const out: UsageDetails = {};
  if (input !== undefined) out.input = input;
  if (output !== undefined) out.output = output;
  if (total !== undefined) out.total = total;
  return Object.keys(out).length === 0 ? undefined : out;
}

/**
 * Usage of an LLM run: the last generation's `usage_metadata` when present (chat models), otherwise
 * the token usage in `llmOutput`.
 */
export function usageFromResult(lastGeneration: unknown, llmOutput: unknown): UsageDetails | undefined {
  const message = field(lastGeneration, "message");
  const metadata = field(message, "usage_metadata");
  if (isObject(metadata)) {
    const usage = fromUsageMetadata(metadata);
    if (usage !== undefined) return usage;
  }
  for (const key of ["tokenUsage", "token_usage", "usage", "estimatedTokenUsage"]) {
    const usage = field(llmOutput, key);
    if (isObject(usage)) {
      const details = fromTokenUsage(usage);
      if (details !== undefined) return details;
    }
  }
  return undefined;
}

/** Adds each non-zero detail under its canonical key and returns their sum, capped at `cap` (never below zero). */
function addDetails(
  out: UsageDetails,
  details: unknown,
  names: Readonly<Record<string, string>>,
  prefix: string,
  cap: number,
): number {
  if (!isObject(details)) return 0;
  let sum = 0;
  for (const key of Object.keys(details)) {
    const value = count(details[key]);
    // As every integration: a detail of zero says nothing and is left out; `input`/`output` are kept at zero.
    if (value === undefined || value === 0) continue;
    out[names[key] ?? `${prefix}${key}`] = value;
    sum += value;
  }
  return Math.min(sum, cap);
}

/** A token count: a non-negative finite integer, else undefined. */
function count(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function field(value: unknown, key: string): unknown {
  return isObject(value) ? value[key] : undefined;
}
