import type { EndpointCapture } from "../shared/endpoint-capture";
import { methodTable } from "../shared/resource-proxy";
import { batchCreateCapture, countTokensCapture, messagesCapture } from "./messages-capture";

/**
 * How a registered method is traced:
 * - `call`: one request; its `APIPromise` (or stream) is observed as one observation.
 * - `helper`: `messages.stream`, whose `MessageStream` makes its request through `messages.create`;
 *   it runs against the traced resource, so that request is the generation, named after the helper.
 * - `client`: returns a new client (`withOptions`), which is wrapped with the same options.
 */
export type MethodMode = "call" | "helper" | "client";

/** A registered method; a `call` says how it is captured. */
export type MethodSpec = { readonly mode: "call"; readonly capture: EndpointCapture } | { readonly mode: Exclude<MethodMode, "call"> };

/**
 * The methods the wrapper traces, by path from the client. Everything else on the client (models,
 * batch retrieval and results, files, …) passes through untouched. `messages.parse` calls `create`
 * on the real resource, so it is traced as one call of its own.
 */
export const TRACED_METHODS = {
  "messages.create": { mode: "call", capture: messagesCapture },
  "messages.parse": { mode: "call", capture: messagesCapture },
  "messages.stream": { mode: "helper" },
  "messages.countTokens": { mode: "call", capture: countTokensCapture },
  "messages.batches.create": { mode: "call", capture: batchCreateCapture },
  "beta.messages.create": { mode: "call", capture: messagesCapture },
  "beta.messages.parse": { mode: "call", capture: messagesCapture },
  "beta.messages.stream": { mode: "helper" },
  "beta.messages.countTokens": { mode: "call", capture: countTokensCapture },
  "beta.messages.batches.create": { mode: "call", capture: batchCreateCapture },
  withOptions: { mode: "client" },
} as const satisfies Readonly<Record<string, MethodSpec>>;

/** Lookups in {@link TRACED_METHODS}: a method's spec, and whether a path leads to one. */
export const { specAt: tracedMethodAt, isResource: isResourcePath } = methodTable<MethodSpec>(TRACED_METHODS);
