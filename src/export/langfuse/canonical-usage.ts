/**
 * Usage details as Langfuse accepts them, shared by the OTLP and the ingestion exporters.
 *
 * @module
 */

/**
 * Usage with non-negative integer counts only. Langfuse keeps a usage key only when its value is a
 * non-negative integer (its ingestion schema says `integer`), so fractional counts are rounded and
 * negative or non-finite ones left out. Keys are kept as given: the core already uses the canonical
 * `input`, `output`, `total`, `input_cached_tokens`, `output_reasoning_tokens`, ….
 */
export function canonicalUsage(usage: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(usage)) {
    if (typeof value === "number" && Number.isFinite(value) && value >= 0) out[key] = Math.round(value);
  }
  return out;
}
