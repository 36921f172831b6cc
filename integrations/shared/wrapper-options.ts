import { z } from "zod";
import { TracewiseConfigError, type ObservationHandle, type TraceHandle, type Tracewise } from "tracewise";
import type { ModelPrices } from "./cost-details";

const handleLike = z.custom<object>((v) => typeof v === "object" && v !== null && ("root" in v || typeof (v as { generation?: unknown }).generation === "function"));
const clientLike = z.custom<object>((v) => typeof v === "object" && v !== null && typeof (v as { trace?: unknown }).trace === "function");

/** The options every SDK wrapper (`observeOpenAI`, `observeAnthropic`) takes. */
export interface SdkWrapperOptions {
  /** Name of every traced call. @default the SDK and the method path, e.g. `OpenAI.chat.completions.create`, `Anthropic.messages.create` */
  generationName?: string;
  /**
   * Parent of every traced call. @default the current observation (inside `observe` or
   * `withObservation`); outside any, each call starts its own trace
   */
  parent?: ObservationHandle | TraceHandle;
  /** The client that records calls starting their own trace. @default the global client (`getClient()`) */
  client?: Tracewise;
  /** Metadata recorded on every traced call (and on the trace a call starts). @default none */
  metadata?: Record<string, unknown>;
  /** Name of the prompt used, to link the generation to it (with `promptVersion`). @default none */
  promptName?: string;
  /** Version of the prompt used. @default none */
  promptVersion?: number;
  /** User of the trace a call starts (ignored when the call nests in a trace). @default none */
  userId?: string;
  /** Session of the trace a call starts. @default none */
  sessionId?: string;
  /** Tags of the trace a call starts. @default none */
  tags?: readonly string[];
  /**
   * Token prices in USD per million tokens by model name, to record cost: e.g.
   * `{ "gpt-4o-mini": { input: 0.15, input_cached_tokens: 0.075, output: 0.6 } }` or
   * `{ "claude-sonnet-5-5": { input: 3, input_cached_tokens: 0.3, input_cache_creation: 3.75, output: 15 } }`.
   * A detail key without a price is charged at its parent's (`input_cached_tokens` at `input`), so
   * give cache prices when prompts are cached. @default none: the backend computes cost from its own
   * price table
   */
  pricesPerMillionTokens?: ModelPrices;
}

/** An option of an SDK wrapper: its schema, and what it accepts, for the error message. */
export interface OptionRule {
  readonly schema: z.ZodType;
  readonly expected: string;
}

/** The rules of {@link SdkWrapperOptions}. */
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
