/**
 * Token counts for people. Usage is recorded in Langfuse's convention (`input` and `output` exclude
 * their parts, which are `input_<part>` / `output_<part>`: 120 prompt tokens of which 20 cached are
 * `input: 100, input_cached_tokens: 20`); a person expects the provider's figures, parts included.
 *
 * @module
 */

/** Prompt, completion and total as the provider reported them, with their named parts. */
export interface ReportedTokens {
  readonly prompt?: number;
  readonly completion?: number;
  readonly total?: number;
  /** Parts of the prompt (`cached`, `cache creation`, `audio`, …), included in `prompt`. */
  readonly promptParts: readonly (readonly [string, number])[];
  /** Parts of the completion (`reasoning`, `audio`, …), included in `completion`. */
  readonly completionParts: readonly (readonly [string, number])[];
}

/** The provider's figures from usage in Langfuse's convention; undefined when it has no token counts. */
export function reportedTokens(usage: Readonly<Record<string, number>> | undefined): ReportedTokens | undefined {
  if (usage === undefined) return undefined;
  const promptParts = parts(usage, "input_");
  const completionParts = parts(usage, "output_");
  const prompt = whole(usage.input, promptParts);
  const completion = whole(usage.output, completionParts);
  const total = usage.total ?? (prompt === undefined && completion === undefined ? undefined : (prompt ?? 0) + (completion ?? 0));
  if (prompt === undefined && completion === undefined && total === undefined) return undefined;
  return {
    ...(prompt === undefined ? {} : { prompt }),
    ...(completion === undefined ? {} : { completion }),
    ...(total === undefined ? {} : { total }),
    promptParts,
    completionParts,
  };
}

/** `tokens 120 prompt (20 cached), 45 completion (10 reasoning), 165 total`. */
export function formatReportedTokens(tokens: ReportedTokens): string {
  const pieces: string[] = [];
  if (tokens.prompt !== undefined) pieces.push(`${tokens.prompt} prompt${partsText(tokens.promptParts)}`);
  if (tokens.completion !== undefined) pieces.push(`${tokens.completion} completion${partsText(tokens.completionParts)}`);
  if (tokens.total !== undefined) pieces.push(`${tokens.total} total`);
  return `tokens ${pieces.join(", ")}`;
}

function parts(usage: Readonly<Record<string, number>>, prefix: string): [string, number][] {
  const out: [string, number][] = [];
  for (const [key, value] of Object.entries(usage)) {
    if (key.startsWith(prefix) && Number.isFinite(value) && value > 0) out.push([key.slice(prefix.length).replace(/_tokens$/, "").replace(/_/g, " "), value]);
  }
  return out;
}

function whole(base: number | undefined, ofParts: readonly (readonly [string, number])[]): number | undefined {
  if (base === undefined && ofParts.length === 0) return undefined;
  return (base ?? 0) + ofParts.reduce((sum, [, n]) => sum + n, 0);
}

function partsText(ofParts: readonly (readonly [string, number])[]): string {
  return ofParts.length === 0 ? "" : ` (${ofParts.map(([name, n]) => `${n} ${name}`).join(", ")})`;
}
