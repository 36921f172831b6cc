import { z } from "zod";
import type { CallOptions } from "../shared/call-options";
import { COMMON_OPTION_RULES, pricesRule, validateWrapperOptions, type OptionRule, type SdkWrapperOptions } from "../shared/wrapper-options";

/**
 * Options of {@link observeOpenAI}: those of every SDK wrapper, and `includeUsage`. Every field is
 * optional; an invalid one throws `TracewiseConfigError` when the client is wrapped.
 */
export interface ObserveOpenAIOptions extends SdkWrapperOptions {
  /**
   * Adds `stream_options: { include_usage: true }` to streamed chat and legacy completion requests
   * that do not set it, so their usage is recorded. The final chunk then has an empty `choices` list,
   * which code iterating the stream must tolerate. @default false
   */
  includeUsage?: boolean;
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
