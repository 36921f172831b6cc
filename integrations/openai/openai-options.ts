import { z } from "zod";
import type { ObservationHandle, TraceHandle, Tracewise } from "tracewise";
import type { CallOptions } from "../shared/call-options";
import type { ModelPrices } from "../shared/cost-details";
import { COMMON_OPTION_RULES, pricesRule, validateWrapperOptions, type OptionRule } from "../shared/wrapper-options";

/**
 * Options of {@link observeOpenAI}. Every field is optional; an invalid one throws
 * `TracewiseConfigError` when the client is wrapped.
 */
export interface ObserveOpenAIOptions {
  /** Name of every traced call. @default `OpenAI.` + the method path, e.g. `OpenAI.chat.completions.create` */
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
   * Adds `stream_options: { include_usage: true }` to streamed chat and legacy completion requests
   * that do not set it, so their usage is recorded. The final chunk then has an empty `choices` list,
   * which code iterating the stream must tolerate. @default false
   */
  includeUsage?: boolean;
  /**
   * Token prices in USD per million tokens by model name, to record cost: e.g.
   * `{ "gpt-4o-mini": { input: 0.15, input_cached_tokens: 0.075, output: 0.6 } }`. A detail key without
   * a price is charged at its parent's (`output_reasoning_tokens` at `output`). @default none: the
   * backend computes cost from its own price table
   */
  pricesPerMillionTokens?: ModelPrices;
}

/** {@link ObserveOpenAIOptions} after validation; shared by every proxy of one wrapped client. */
export type ResolvedOpenAIOptions = Readonly<ObserveOpenAIOptions> & CallOptions;

const RULES: Readonly<Record<string, OptionRule>> = {
  ...COMMON_OPTION_RULES,
  includeUsage: { schema: z.boolean(), expected: "a boolean" },
  pricesPerMillionTokens: pricesRule("gpt-4o-mini"),
};

/**
 * Validates the options once, when the client is wrapped.
 *
 * @throws TracewiseConfigError naming the first invalid option.
 */
export function resolveOpenAIOptions(options: ObserveOpenAIOptions | undefined): ResolvedOpenAIOptions {
  validateWrapperOptions("observeOpenAI options", options, RULES);
  return { ...options, integration: "openai" };
}
