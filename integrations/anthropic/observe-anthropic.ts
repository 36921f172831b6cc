import { proxyResources, unwrapProxy, type ProxyPlan, type SdkMethod } from "../shared/resource-proxy";
import { recordingParent, reportInternal } from "../shared/start-call";
import { runTracedCall } from "../shared/traced-call";
import { resolveAnthropicOptions, type ObserveAnthropicOptions, type ResolvedAnthropicOptions } from "./anthropic-options";
import { isResourcePath, tracedMethodAt } from "./method-registry";
import { anthropicModelParameters } from "./model-parameters";

/**
 * Traces an Anthropic client: returns the same client (a proxy of it) whose calls are recorded:
 * `messages.create` (plain and `stream: true`), `messages.parse` and the `messages.stream` helper as
 * generations (system prompt and messages as chat, parameters, usage with cache reads and writes, cost
 * when prices are given, time to first token, stop reason, errors), `messages.countTokens` and
 * `messages.batches.create` as spans, and the same under `beta`. Everything else passes through
 * untouched, and every SDK behaviour stays (`withResponse()`, `asResponse()`, the `MessageStream`
 * events and `finalMessage()`, `tee()`, `instanceof`). Inside `observe()` or `withObservation()` a
 * call is a child of the current observation; outside, it starts its own trace. Under a dropped trace
 * it only calls through.
 *
 * `@anthropic-ai/sdk` is an optional peer dependency; the client is used structurally.
 *
 * @param client - an `Anthropic` client.
 * @param options - see {@link ObserveAnthropicOptions}; an invalid one throws `TracewiseConfigError`.
 * @returns the traced client, typed as the client given.
 *
 * @example
 * ```ts
 * import Anthropic from "@anthropic-ai/sdk";
 * import { observeAnthropic } from "tracewise/anthropic";
 *
 * const anthropic = observeAnthropic(new Anthropic(), { tags: ["support"] });
 * const message = await anthropic.messages.create({
 *   model: "claude-sonnet-5-5",
 *   max_tokens: 1024,
 *   messages: [{ role: "user", content: "Hello!" }],
 * });
 * ```
 */
export function observeAnthropic<T extends object>(client: T, options?: ObserveAnthropicOptions): T {
  return wrapClient(unwrapProxy(client), resolveAnthropicOptions(options));
}

function wrapClient<T extends object>(client: T, options: ResolvedAnthropicOptions): T {
  return proxyResources(client, "", plan(options));
}

function plan(options: ResolvedAnthropicOptions): ProxyPlan {
  const self: ProxyPlan = {
    isResource: isResourcePath,
    traceMethod: (method, owner, path) => {
      const spec = tracedMethodAt(path);
      if (spec === undefined) return undefined;
      const name = `Anthropic.${path}`;
      switch (spec.mode) {
        case "call": {
          const call = { name, capture: spec.capture, modelParameters: anthropicModelParameters };
          return (...args: unknown[]) => runTracedCall(method, owner, args, call, options);
        }
        case "helper":
          return (...args: unknown[]) => runStreamHelper(method, owner, path, args, { ...options, defaultName: name });
        case "client":
          return (...args: unknown[]) => wrapReturnedClient(method.apply(owner, args), options);
      }
    },
  };
  return self;
}

/**
 * Runs `messages.stream`: the SDK's `MessageStream` calls `create` on the resource it is given, so
 * handing it the traced resource makes that request the generation, named after the helper, with no
 * copy of the helper's logic. The `MessageStream` returned is the SDK's own.
 */
function runStreamHelper(method: SdkMethod, owner: object, path: string, args: unknown[], options: ResolvedAnthropicOptions): unknown {
  if (recordingParent(options) === null) return method.apply(owner, args);
  const resourcePath = path.slice(0, path.lastIndexOf("."));
  return method.apply(proxyResources(owner, resourcePath, plan(options)), args);
}

function wrapReturnedClient(client: unknown, options: ResolvedAnthropicOptions): unknown {
  try {
    return typeof client === "object" && client !== null ? wrapClient(client, options) : client;
  } catch (error) {
    reportInternal(options, "withOptions", error);
    return client;
  }
}
