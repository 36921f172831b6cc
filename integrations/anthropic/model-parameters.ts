import type { ModelParameters } from "tracewise";
import { setParameter } from "../shared/parameter-value";

/** Request parameters of the Messages API recorded as `modelParameters`, by their Anthropic name. */
const PARAMETER_KEYS = [
  "max_tokens",
  "temperature",
  "top_p",
  "top_k",
  "stop_sequences",
  "tool_choice",
  "thinking",
  "service_tier",
  "output_config",
  "inference_geo",
  "speed",
] as const;

/**
 * Extracts the model parameters of a Messages request (objects such as `thinking` or `tool_choice`
 * become JSON text, as Langfuse stores them).
 *
 * @param params - the request body.
 * @returns the parameters, or undefined when the request sets none.
 */
export function anthropicModelParameters(params: Readonly<Record<string, unknown>>): ModelParameters | undefined {
  const out: Record<string, ModelParameters[string]> = {};
  for (const key of PARAMETER_KEYS) setParameter(out, key, params[key]);
  return Object.keys(out).length === 0 ? undefined : out;
}
