import { getClient } from "tracewise";
import { chatInput } from "./chat-capture";
import type { ResolvedOpenAIOptions } from "./openai-options";
import { toolDefinitions, withTracedTools } from "./runner-tools";
import { asRecord, errorMessage } from "../shared/read-fields";
import { endCall, recordingParent, reportInternal, startCall, type StartedCall } from "../shared/start-call";
import type { SdkMethod } from "../shared/resource-proxy";

/** Wraps a client with resolved options (the proxy factory, injected to keep modules acyclic). */
export type ClientWrapper = (client: object, options: ResolvedOpenAIOptions) => object;

/**
 * `this` for an SDK helper: the real resource, except that its `_client` (through which every helper
 * of openai v4, v5 and v6 makes its requests) is a traced client. The helper's own requests are then
 * traced like the caller's, streams and all, with no copy of the helper's logic.
 */
function helperView(resource: object, options: ResolvedOpenAIOptions, wrap: ClientWrapper): object | undefined {
  const raw = asRecord(resource)?._client;
  if (typeof raw !== "object" || raw === null) return undefined;
  return Object.create(resource, { _client: { value: wrap(raw, options) } }) as object;
}

/**
 * Runs a streaming helper (`chat.completions.stream`, `responses.stream`): its request is the
 * generation, named after the helper. The helper object returned is the SDK's own.
 */
export function runStreamHelper(method: SdkMethod, resource: object, args: unknown[], name: string, options: ResolvedOpenAIOptions, wrap: ClientWrapper): unknown {
  if (recordingParent(options) === null) return method.apply(resource, args);
  const view = helperView(resource, { ...options, defaultName: name }, wrap);
  return method.apply(view ?? resource, args);
}

/** The parts of openai's chat completion runners this relies on (shared by v4, v5 and v6). */
interface RunnerShape {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  done(): Promise<void>;
}

function isRunner(value: unknown): value is RunnerShape {
  const r = asRecord(value);
  return typeof r?.on === "function" && typeof r.done === "function";
}

/**
 * Runs `runTools`: an `agent` observation spans the whole loop, each request it makes is a child
 * generation and each tool execution a child `tool` observation (a tool observed with `observe()`
 * is recorded by it, once). It ends when the runner emits
 * `end`, with the final message, or at level ERROR when the runner failed or was aborted. Listening
 * to `end` (never to `error`) leaves the runner's own unhandled-error behaviour as it is.
 */
export function runToolsRunner(method: SdkMethod, resource: object, args: unknown[], name: string, options: ResolvedOpenAIOptions, wrap: ClientWrapper): unknown {
  const params = asRecord(args[0]);
  const started = startCall(options, () => ({ name, asType: "agent", ...(params === undefined ? {} : { input: chatInput({ ...params, tools: toolDefinitions(params.tools) }) }) }));
  if (started === undefined) return method.apply(resource, args);
  const view = helperView(resource, { ...options, parent: started.observation }, wrap) ?? resource;
  const client = options.client ?? getClient();
  const callArgs = tracedToolArgs(params, args, started, client, options);
  let runner: unknown;
  try {
    runner = client.withObservation(started.observation, () => method.apply(view, callArgs));
  } catch (error) {
    started.observation.end({ level: "ERROR", statusMessage: errorMessage(error) });
    throw error;
  }
  watchRunner(runner, started, options);
  return runner;
}

/** The arguments with the tools traced; on any failure, the caller's own arguments. */
function tracedToolArgs(params: Record<string, unknown> | undefined, args: unknown[], started: StartedCall, client: ReturnType<typeof getClient>, options: ResolvedOpenAIOptions): unknown[] {
  if (params === undefined) return args;
  try {
    return [withTracedTools(params, started.observation, client), ...args.slice(1)];
  } catch (error) {
    reportInternal(options, "runTools tools", error);
    return args;
  }
}

function watchRunner(runner: unknown, started: StartedCall, options: ResolvedOpenAIOptions): void {
  try {
    if (!isRunner(runner)) {
      endCall(started, {});
      return;
    }
    let finalMessage: unknown;
    runner.on("finalMessage", (message) => (finalMessage = message));
    runner.on("end", () => {
      // At `end` the runner has settled: done() only reads its outcome.
      void runner.done().then(
        () => endCall(started, finalMessage === undefined ? {} : { output: finalMessage }),
        (error: unknown) => endCall(started, { level: "ERROR", statusMessage: errorMessage(error) }),
      );
    });
  } catch (error) {
    reportInternal(options, "runTools", error);
  }
}
