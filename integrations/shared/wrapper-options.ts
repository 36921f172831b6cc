import { z } from "zod";
import { TracewiseConfigError } from "tracewise";

const handleLike = z.custom<object>((v) => typeof v === "object" && v !== null && ("root" in v || typeof (v as { generation?: unknown }).generation === "function"));
const clientLike = z.custom<object>((v) => typeof v === "object" && v !== null && typeof (v as { trace?: unknown }).trace === "function");

/** An option of an SDK wrapper: its schema, and what it accepts, for the error message. */
export interface OptionRule {
  readonly schema: z.ZodType;
  readonly expected: string;
}

/** The options every SDK wrapper (`observeOpenAI`, `observeAnthropic`) takes. */
export const COMMON_OPTION_RULES: Readonly<Record<string, OptionRule>> = {
  generationName: { schema: z.string().min(1), expected: "a non-empty string" },
  parent: { schema: handleLike, expected: "an observation handle or a TraceHandle" },
  client: { schema: clientLike, expected: "a Tracewise client" },
  metadata: { schema: z.record(z.string(), z.unknown()), expected: "an object" },
  promptName: { schema: z.string().min(1), expected: "a non-empty string" },
  promptVersion: { schema: z.number().int().nonnegative(), expected: "a non-negative integer" },
  userId: { schema: z.string(), expected: "a string" },
  sessionId: { schema: z.string(), expected: "a string" },
  tags: { schema: z.array(z.string()), expected: "an array of strings" },
};

/** The rule of `pricesPerMillionTokens`, with an example model of the wrapper's SDK. */
export function pricesRule(exampleModel: string): OptionRule {
  return {
    schema: z.record(z.string(), z.record(z.string(), z.number().nonnegative())),
    expected: `prices by model, e.g. { "${exampleModel}": { input: 0.15, output: 0.6 } }`,
  };
}

/**
 * Validates a wrapper's options once, when the client is wrapped: an unknown key or an invalid value
 * throws, naming the option, the value and what it accepts.
 *
 * @param what - the options' name in errors (`observeOpenAI options`).
 * @param options - what the caller gave.
 * @param rules - every option the wrapper accepts.
 * @throws TracewiseConfigError naming the first invalid option.
 */
export function validateWrapperOptions(what: string, options: unknown, rules: Readonly<Record<string, OptionRule>>): void {
  if (options === undefined) return;
  if (typeof options !== "object" || options === null) throw new TracewiseConfigError(what, options, "an object");
  for (const [key, value] of Object.entries(options)) {
    const rule = rules[key];
    if (rule === undefined || !Object.prototype.hasOwnProperty.call(rules, key)) throw new TracewiseConfigError(key, "(unknown option)", `one of ${Object.keys(rules).join(", ")}`);
    if (value !== undefined && !rule.schema.safeParse(value).success) throw new TracewiseConfigError(key, value, rule.expected);
  }
}
