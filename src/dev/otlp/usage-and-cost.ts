/**
 * Token usage and cost normalization shared by the OTLP mapping and the legacy ingestion API, following
 * Langfuse: OpenAI-shaped usage is renamed to `input`/`output`/`total`, other keys are kept when they
 * are non-negative integers, and a missing `total` is the sum of the others.
 *
 * @module
 */
import { asNumber, asObject, type Attributes } from "./attribute-readers";

function nonNegativeInt(value: unknown): number | undefined {
  const n = asNumber(value);
  return n !== undefined && n >= 0 && Number.isInteger(n) ? n : undefined;
}

function withTotal(counts: Record<string, number>): Record<string, number> | undefined {
  const keys = Object.keys(counts);
  if (keys.length === 0) return undefined;
  if (counts.total === undefined) counts.total = keys.reduce((sum, key) => sum + (counts[key] ?? 0), 0);
  return counts;
}

function openAiShape(usage: Record<string, unknown>): Record<string, number> | undefined {
  const input = nonNegativeInt(usage.prompt_tokens ?? usage.input_tokens);
  const output = nonNegativeInt(usage.completion_tokens ?? usage.output_tokens);
  if (input === undefined || output === undefined) return undefined;
  const inDetails = asObject(usage.prompt_tokens_details ?? usage.input_tokens_details);
  const cached = nonNegativeInt(inDetails?.cached_tokens);
  const outDetails = asObject(usage.completion_tokens_details ?? usage.output_tokens_details);
  const reasoning = nonNegativeInt(outDetails?.reasoning_tokens);
  // Langfuse's convention, as for the GenAI attributes below: input and output exclude their parts.
  const counts: Record<string, number> = { input: Math.max(0, input - (cached ?? 0)), output: Math.max(0, output - (reasoning ?? 0)) };
  const total = nonNegativeInt(usage.total_tokens);
  if (total !== undefined) counts.total = total;
  if (cached !== undefined) counts.input_cached_tokens = cached;
  if (reasoning !== undefined) counts.output_reasoning_tokens = reasoning;
  return counts;
}

/** Normalizes a usage object (or its JSON text); undefined when nothing usable is in it. */
export function normalizeUsage(value: unknown): Record<string, number> | undefined {
  const usage = asObject(value);
  if (!usage) return undefined;
  const openAi = openAiShape(usage);
  if (openAi) return withTotal(openAi);
  const counts: Record<string, number> = {};
  for (const [key, raw] of Object.entries(usage)) {
    const n = nonNegativeInt(raw);
    if (n !== undefined) counts[key] = n;
  }
  return withTotal(counts);
}

/** Normalizes a cost object (or its JSON text) of non-negative numbers; a missing `total` is the sum. */
export function normalizeCost(value: unknown): Record<string, number> | undefined {
  const cost = asObject(value);
  if (!cost) return undefined;
  const out: Record<string, number> = {};
  for (const [key, raw] of Object.entries(cost)) {
    const n = asNumber(raw);
    if (n !== undefined && n >= 0) out[key] = n;
  }
  if (Object.keys(out).length === 0) return undefined;
  if (out.total === undefined) out.total = Object.values(out).reduce((sum, n) => sum + n, 0);
  return out;
}

/** Usage from the GenAI / OpenInference conventions (`gen_ai.usage.*`, `llm.token_count.*`). */
export function usageFromConventions(attrs: Attributes): Record<string, number> | undefined {
  const pick = (...keys: string[]): number | undefined => {
    for (const key of keys) {
      const n = nonNegativeInt(attrs[key]);
      if (n !== undefined) return n;
    }
    return undefined;
  };
  const cacheRead = pick("gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.cache_read_input_tokens", "llm.token_count.prompt_details.cache_read");
  const cacheWrite = pick("gen_ai.usage.cache_creation.input_tokens", "gen_ai.usage.cache_creation_input_tokens", "llm.token_count.prompt_details.cache_write");
  const reasoning = pick("gen_ai.usage.reasoning.output_tokens", "gen_ai.usage.reasoning_tokens", "llm.token_count.completion_details.reasoning");
  const input = pick("gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens", "llm.token_count.prompt");
  const output = pick("gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens", "llm.token_count.completion");
  const counts: Record<string, number> = {};
  if (input !== undefined) counts.input = Math.max(0, input - (cacheRead ?? 0) - (cacheWrite ?? 0));
  if (output !== undefined) counts.output = Math.max(0, output - (reasoning ?? 0));
  if (cacheRead !== undefined) counts.input_cached_tokens = cacheRead;
  if (cacheWrite !== undefined) counts.input_cache_creation = cacheWrite;
  if (reasoning !== undefined) counts.output_reasoning_tokens = reasoning;
  const total = pick("gen_ai.usage.total_tokens", "llm.token_count.total");
  if (total !== undefined) counts.total = total;
  return withTotal(counts);
}

/** Cost from `gen_ai.usage.cost` or `llm.cost.total`, as `{ total }`. */
export function costFromConventions(attrs: Attributes): Record<string, number> | undefined {
  const total = asNumber(attrs["gen_ai.usage.cost"] ?? attrs["llm.cost.total"]);
  return total !== undefined && total >= 0 ? { total } : undefined;
}
