import type { CallOptions } from "../shared/call-options";
import { COMMON_OPTION_RULES, pricesRule, validateWrapperOptions, type SdkWrapperOptions } from "../shared/wrapper-options";

/**
 * Options of {@link observeAnthropic}: those of every SDK wrapper. Every field is optional; an invalid
 * one throws `TracewiseConfigError` when the client is wrapped.
 */
export type ObserveAnthropicOptions = SdkWrapperOptions;

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
