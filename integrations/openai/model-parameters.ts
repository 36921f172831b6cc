import type { ModelParameters } from "tracewise";
import { setParameter } from "../shared/parameter-value";
import { asRecord } from "../shared/read-fields";

/**
 * Request parameters recorded as `modelParameters`, by their OpenAI name. Chat, Responses, legacy
 * completions and embeddings share one list: a key a request does not set is simply absent.
 */
const TOP_LEVEL_KEYS = [
  "temperature",
  "top_p",
  "max_tokens",
  "max_completion_tokens",
  "max_output_tokens",
  "n",
  "stop",
  "seed",
  "frequency_penalty",
  "presence_penalty",
  "response_format",
  "reasoning_effort",
  "tool_choice",
  "parallel_tool_calls",
  "max_tool_calls",
  "logprobs",
  "top_logprobs",
  "logit_bias",
  "modalities",
  "verbosity",
  "service_tier",
  "store",
  "truncation",
  "background",
  "best_of",
  "echo",
  "suffix",
  "dimensions",
  "encoding_format",
] as const;

/** Nested Responses API parameters, flattened to the name the chat API uses for the same thing. */
const NESTED_KEYS = [
  ["reasoning", "effort", "reasoning_effort"],
  ["reasoning", "summary", "reasoning_summary"],
  ["text", "format", "response_format"],
  ["text", "verbosity", "verbosity"],
] as const;

/**
 * Extracts the model parameters of a request. Strings, numbers, booleans, null and string arrays are
 * kept as they are; objects (`response_format`, `tool_choice`, `logit_bias`) become JSON text, which is
 * how Langfuse stores non-scalar parameters.
 *
 * @param params - the request body given to the OpenAI method.
 * @returns the parameters, or undefined when the request sets none.
 */
export function extractModelParameters(params: unknown): ModelParameters | undefined {
  const body = asRecord(params);
  if (body === undefined) return undefined;
  const out: Record<string, ModelParameters[string]> = {};
  for (const key of TOP_LEVEL_KEYS) setParameter(out, key, body[key]);
  for (const [outer, inner, name] of NESTED_KEYS) setParameter(out, name, asRecord(body[outer])?.[inner]);
  return Object.keys(out).length === 0 ? undefined : out;
}
