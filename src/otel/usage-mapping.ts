import type { UsageDetails } from "tracewise";

/** Token counts as instrumentations report them: totals that include their detail counts. */
export interface TokenCounts {
  input?: number | undefined;
  output?: number | undefined;
  total?: number | undefined;
  /** Part of `input` read from the provider's prompt cache. */
  cacheRead?: number | undefined;
  /** Part of `input` written to the prompt cache. */
  cacheWrite?: number | undefined;
  /** Part of `output` spent on reasoning. */
  reasoning?: number | undefined;
}

/**
 * Canonical usage details, as the OpenAI integration reports them: each detail count under its own
 * key (`input_cached_tokens`, `input_cache_creation_tokens`, `output_reasoning_tokens`) and taken out
 * of `input` / `output`, since prices apply per key (a cached token counted twice would bill twice).
 * Zero details are left out; undefined when nothing was reported.
 */
export function toUsageDetails(counts: TokenCounts): UsageDetails | undefined {
  const out: UsageDetails = {};
  part(out, "input", counts.input, [["cached_tokens", counts.cacheRead], ["cache_creation_tokens", counts.cacheWrite]]);
  part(out, "output", counts.output, [["reasoning_tokens", counts.reasoning]]);
  const total = counts.total ?? (counts.input !== undefined && counts.output !== undefined ? counts.input + counts.output : undefined);
  if (total !== undefined) out.total = total;
  return Object.keys(out).length === 0 ? undefined : out;
}

function part(out: UsageDetails, prefix: "input" | "output", count: number | undefined, details: [string, number | undefined][]): void {
  let inDetails = 0;
  for (const [key, n] of details) {
    if (n === undefined || n <= 0) continue;
    out[`${prefix}_${key}`] = n;
    inDetails += n;
  }
  if (count !== undefined) out[prefix] = Math.max(0, count - inDetails);
}
