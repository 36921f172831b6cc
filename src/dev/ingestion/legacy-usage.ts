/**
 * The legacy `usage` field of generation events: either Langfuse's `{input, output, total, unit,
 * inputCost, outputCost, totalCost}` or OpenAI's `{promptTokens, completionTokens, totalTokens}`.
 *
 * @module
 */
import { asNumber, asObject } from "../otlp/attribute-readers";
import { normalizeCost, normalizeUsage } from "../otlp/usage-and-cost";

/** Token counts and costs read from a legacy `usage` object. */
export interface LegacyUsage {
  usage?: Record<string, number>;
  cost?: Record<string, number>;
}

/** Splits a legacy `usage` object into usage details and cost details. */
export function legacyUsage(value: unknown): LegacyUsage {
  const usage = asObject(value);
  if (!usage) return {};
  const counts = normalizeUsage({
    input: usage.input ?? usage.promptTokens,
    output: usage.output ?? usage.completionTokens,
    total: usage.total ?? usage.totalTokens,
  });
  const cost = normalizeCost({
    input: asNumber(usage.inputCost),
    output: asNumber(usage.outputCost),
    total: asNumber(usage.totalCost),
  });
  return { ...(counts && { usage: counts }), ...(cost && { cost }) };
}
