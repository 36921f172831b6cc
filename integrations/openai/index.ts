/**
 * Tracewise for OpenAI: `observeOpenAI(new OpenAI())` traces every generation the client makes.
 *
 * @packageDocumentation
 */

export { observeOpenAI } from "./observe-openai";
export type { ObserveOpenAIOptions } from "./openai-options";
export type { SdkWrapperOptions } from "../shared/wrapper-options";
export type { ModelPrices, TokenPrices } from "../shared/cost-details";
export { toUsageDetails } from "./usage-details";
