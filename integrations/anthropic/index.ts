/**
 * Tracewise for Anthropic: `observeAnthropic(new Anthropic())` traces every message the client creates.
 *
 * @packageDocumentation
 */

export { observeAnthropic } from "./observe-anthropic";
export type { ObserveAnthropicOptions } from "./anthropic-options";
export type { SdkWrapperOptions } from "../shared/wrapper-options";
export type { ModelPrices, TokenPrices } from "../shared/cost-details";
export { toAnthropicUsage } from "./usage-details";
