import { proxyClient, unwrapProxy } from "./client-proxy";
import { resolveOpenAIOptions, type ObserveOpenAIOptions, type ResolvedOpenAIOptions } from "./openai-options";

/**
 * Traces an OpenAI client: returns the same client (a proxy of it) whose calls are recorded as
 * generations: `chat.completions.create` (plain and streamed), `chat.completions.parse`, the
 * `chat.completions.stream` and `runTools` helpers, `responses.create` / `parse` / `stream`,
 * `embeddings.create` (type `embedding`) and legacy `completions.create`. Everything else passes
 * through untouched. Inside `observe()` or `withObservation()` a call is a child of the current
 * observation; outside, it starts its own trace. Under a dropped trace it only calls through.
 *
 * `openai` is an optional peer dependency (v4 and later); the client is used structurally.
 *
 * @param client - an `OpenAI` (or `AzureOpenAI`) client.
 * @param options - see {@link ObserveOpenAIOptions}; an invalid one throws `TracewiseConfigError`.
 * @returns the traced client, typed as the client given.
 *
 * @example
 * ```ts
 * import OpenAI from "openai";
 * import { observeOpenAI } from "tracewise/openai";
 *
 * const openai = observeOpenAI(new OpenAI(), { generationName: "support-answer", tags: ["support"] });
 * const completion = await openai.chat.completions.create({
 *   model: "gpt-4o-mini",
 *   messages: [{ role: "user", content: "Hello!" }],
 * });
 * ```
 */
export function observeOpenAI<T extends object>(client: T, options?: ObserveOpenAIOptions): T {
  return wrapClient(client, resolveOpenAIOptions(options));
}

/** Wraps `client` (unwrapping it first if it already is a traced client) with resolved options. */
function wrapClient<T extends object>(client: T, options: ResolvedOpenAIOptions): T {
  return proxyClient(unwrapProxy(client), options, wrapClient);
}
