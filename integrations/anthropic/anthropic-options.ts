import type { ObservationHandle, TraceHandle, Tracewise } from "tracewise";
import type { CallOptions } from "../shared/call-options";
import type { ModelPrices } from "../shared/cost-details";
import { COMMON_OPTION_RULES, pricesRule, validateWrapperOptions } from "../shared/wrapper-options";

/**
 * Options of {@link observeAnthropic}. Every field is optional; an invalid one throws
 * `TracewiseConfigError` when the client is wrapped.
 */
export interface ObserveAnthropicOptions {
  /** Name of every traced call. @default `Anthropic.` + the method path, e.g. `Anthropic.messages.create` */
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
   * `{ "claude-sonnet-5-5": { input: 3, input_cached_tokens: 0.3, input_cache_creation: 3.75, output: 15 } }`.
   * A detail key without a price is charged at its parent's (`input_cached_tokens` at `input`), so
   * give cache prices when prompts are cached. @default none: the backend computes cost from its own
   * price table
   */
  pricesPerMillionTokens?: ModelPrices;
}

/** {@link ObserveAnthropicOptions} after validation; shared by every proxy of one wrapped client. */
export type ResolvedAnthropicOptions = Readonly<ObserveAnthropicOptions> & CallOptions;

const RULES = { ...COMMON_OPTION_RULES, pricesPerMillionTokens: pricesRule("claude-sonnet-5-5") };

/**
 * Validates the options once, when the client is wrapped.
 *
 * @throws TracewiseConfigError naming the first invalid option.
 */
export function resolveAnthropicOptions(options: ObserveAnthropicOptions | undefined): ResolvedAnthropicOptions {
  validateWrapperOptions("observeAnthropic options", options, RULES);
  return { ...options, integration: "anthropic" };
}
