import type { UsageDetails } from "tracewise";
import { asNumber, asRecord } from "../shared/read-fields";

/**
 * Maps an Anthropic `usage` object to Langfuse's canonical usage keys, the same keys the OpenAI and
 * LangChain integrations use: `input` (Anthropic's `input_tokens`, which already excludes cached
 * tokens), `input_cached_tokens` (cache reads), `input_cache_creation` (cache writes), `output` (minus
 * `output_reasoning_tokens`, the thinking tokens) and `total`, their sum. As in every integration,
 * `input` and `output` are kept at zero, while a detail (cache, thinking) of zero is left out.
 *
 * @param usage - the `usage` of a message, or the usage assembled from a stream.
 * @returns the usage details, or undefined when `usage` carries no token counts.
 *
 * @example
 * ```ts
 * toAnthropicUsage({ input_tokens: 20, cache_read_input_tokens: 100, cache_creation_input_tokens: 50, output_tokens: 30 });
 * // { input: 20, input_cached_tokens: 100, input_cache_creation: 50, output: 30, total: 200 }
 * ```
 */
export function toAnthropicUsage(usage: unknown): UsageDetails | undefined {
  const u = asRecord(usage);
  if (u === undefined) return undefined;
  const out: UsageDetails = {};
  const input = asNumber(u.input_tokens);
  const cacheRead = asNumber(u.cache_read_input_tokens);
  const cacheCreation = asNumber(u.cache_creation_input_tokens);
  const output = asNumber(u.output_tokens);
  const thinking = asNumber(asRecord(u.output_tokens_details)?.thinking_tokens);
  if (input !== undefined) out.input = input;
  if (cacheRead !== undefined && cacheRead > 0) out.input_cached_tokens = cacheRead;
  if (cacheCreation !== undefined && cacheCreation > 0) out.input_cache_creation = cacheCreation;
  if (output !== undefined) out.output = thinking === undefined ? output : Math.max(0, output - thinking);
  if (thinking !== undefined && thinking > 0) out.output_reasoning_tokens = thinking;
  const counts = Object.values(out);
  if (counts.length === 0) return undefined;
  out.total = counts.reduce((sum, n) => sum + n, 0);
  return out;
}
