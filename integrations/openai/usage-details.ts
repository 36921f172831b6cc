import type { UsageDetails } from "tracewise";
import { asNumber, asRecord } from "../shared/read-fields";

/**
 * Maps an OpenAI `usage` object to Langfuse's canonical usage keys.
 *
 * Chat and legacy completions report `prompt_tokens` / `completion_tokens` with
 * `prompt_tokens_details` / `completion_tokens_details`; the Responses API reports `input_tokens` /
 * `output_tokens` with `input_tokens_details` / `output_tokens_details`; embeddings report only
 * `prompt_tokens`. Every detail count is a part of its parent, so it is reported under
 * `input_<detail>` / `output_<detail>` (`input_cached_tokens`, `output_reasoning_tokens`,
 * `input_audio_tokens`, …) and subtracted from `input` / `output`, as Langfuse expects (prices apply
 * per key, so counting a cached token under both keys would bill it twice). Details with a count of
 * zero are left out. `total` is the reported total.
 *
 * @param usage - the `usage` field of a response or final stream chunk.
 * @returns the usage details, or undefined when `usage` carries no token counts.
 *
 * @example
 * ```ts
 * toUsageDetails({ prompt_tokens: 100, completion_tokens: 50, total_tokens: 150,
 *   prompt_tokens_details: { cached_tokens: 40 }, completion_tokens_details: { reasoning_tokens: 30 } });
 * // { input: 60, input_cached_tokens: 40, output: 20, output_reasoning_tokens: 30, total: 150 }
 * ```
 */
export function toUsageDetails(usage: unknown): UsageDetails | undefined {
  const u = asRecord(usage);
  if (u === undefined) return undefined;
  const out: UsageDetails = {};
  addPart(out, "input", asNumber(u.prompt_tokens) ?? asNumber(u.input_tokens), u.prompt_tokens_details ?? u.input_tokens_details);
  addPart(out, "output", asNumber(u.completion_tokens) ?? asNumber(u.output_tokens), u.completion_tokens_details ?? u.output_tokens_details);
  const total = asNumber(u.total_tokens);
  if (total !== undefined) out.total = total;
  return Object.keys(out).length === 0 ? undefined : out;
}

/** Adds `prefix` (minus its details) and each non-zero `prefix_<detail>` to `out`. */
function addPart(out: UsageDetails, prefix: "input" | "output", count: number | undefined, details: unknown): void {
  const parts = detailCounts(details);
  if (count !== undefined) {
    const inDetails = parts.reduce((sum, [, n]) => sum + n, 0);
    out[prefix] = Math.max(0, count - inDetails);
  }
  for (const [key, n] of parts) out[`${prefix}_${key}`] = n;
}

/** The positive numeric entries of a `*_tokens_details` object. */
function detailCounts(details: unknown): [string, number][] {
  const record = asRecord(details);
  if (record === undefined) return [];
  const out: [string, number][] = [];
  for (const [key, value] of Object.entries(record)) {
    const n = asNumber(value);
    if (n !== undefined && n > 0) out.push([key, n]);
  }
  return out;
}
