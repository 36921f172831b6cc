import { chatCapture } from "./chat-capture";
import { completionsCapture } from "./completions-capture";
import type { EndpointCapture } from "../shared/endpoint-capture";
import { embeddingsCapture } from "./embeddings-capture";
import { responsesCapture } from "./responses-capture";
import { methodTable } from "../shared/resource-proxy";

/**
 * How a registered method is traced:
 * - `call`: one request; its `APIPromise` (or stream) is observed as one generation.
 * - `helper`: an SDK helper (`chat.completions.stream`, `responses.stream`) that makes its request
 *   through the client; it runs against a traced client, so that request is the generation.
 * - `runner`: `runTools`, a loop of requests and tool calls; an `agent` observation wraps the
 *   loop and each request is a child generation.
 * - `client`: returns a new client (`withOptions`), which is wrapped with the same options.
 */
export type MethodMode = "call" | "helper" | "runner" | "client";

/** A registered method. */
export interface MethodSpec {
  readonly mode: MethodMode;
  /** How the call is captured (for `call` mode). */
  readonly capture?: EndpointCapture;
}

/**
 * The methods the wrapper traces, by path from the client. Everything else on the client passes
 * through untouched. The `beta.chat.completions.*` entries are where openai v4 kept the helpers;
 * `beta.responses.create` exists from openai 6 (an older client simply has no such path).
 */
export const TRACED_METHODS = {
  "chat.completions.create": { mode: "call", capture: chatCapture },
  "chat.completions.parse": { mode: "call", capture: chatCapture },
  "chat.completions.stream": { mode: "helper" },
  "chat.completions.runTools": { mode: "runner" },
  "beta.chat.completions.parse": { mode: "call", capture: chatCapture },
  "beta.chat.completions.stream": { mode: "helper" },
  "beta.chat.completions.runTools": { mode: "runner" },
  "responses.create": { mode: "call", capture: responsesCapture },
  "responses.parse": { mode: "call", capture: responsesCapture },
  "responses.stream": { mode: "helper" },
  "beta.responses.create": { mode: "call", capture: responsesCapture },
  "embeddings.create": { mode: "call", capture: embeddingsCapture },
  "completions.create": { mode: "call", capture: completionsCapture },
  withOptions: { mode: "client" },
} as const satisfies Readonly<Record<string, MethodSpec>>;

/** Lookups in {@link TRACED_METHODS}: a method's spec, and whether a path leads to one. */
export const { specAt: tracedMethodAt, isResource: isResourcePath } = methodTable<MethodSpec>(TRACED_METHODS);

/** The default observation name of the method at `path`. */
export function defaultNameOf(path: string): string {
  return `OpenAI.${path}`;
}
