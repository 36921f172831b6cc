import { observePromise, type PromiseObserver } from "../shared/api-promise";
import { CallRecorder } from "../shared/call-recorder";
import type { EndpointCapture } from "../shared/endpoint-capture";
import { extractModelParameters } from "./model-parameters";
import type { ResolvedOpenAIOptions } from "./openai-options";
import { asRecord, asString, isAsyncIterable } from "../shared/read-fields";
import { reportInternal, startCall } from "../shared/start-call";
import { observeStream } from "../shared/traced-stream";

/** A method of the SDK, called with its resource as `this`. */
export type SdkMethod = (this: object, ...args: unknown[]) => unknown;

/** What a traced call needs besides the method and its arguments. */
export interface TracedCallSpec {
  /** Observation name. */
  readonly name: string;
  /** How the endpoint is captured. */
  readonly capture: EndpointCapture;
  /** Whether the endpoint takes `stream_options` (chat and legacy completions), for `includeUsage`. */
  readonly acceptsStreamOptions: boolean;
}

/**
 * Runs one SDK call as an observation: starts it (child of the current observation, or a new trace),
 * calls the real method on the real resource, and observes what comes back: the parsed response, the
 * stream, or the error (re-thrown unchanged). Under a dropped trace it only calls through.
 *
 * @param method - the SDK method.
 * @param resource - the real resource object (`this` for the method, so private fields work).
 * @param args - the caller's arguments.
 * @param spec - name and capture of the endpoint.
 * @param options - the wrapper's options.
 */
export function runTracedCall(method: SdkMethod, resource: object, args: unknown[], spec: TracedCallSpec, options: ResolvedOpenAIOptions): unknown {
  const params = asRecord(args[0]);
  const model = asString(params?.model);
  const started = startCall(options, () => ({
    name: options.generationName ?? options.defaultName ?? spec.name,
    asType: spec.capture.asType,
    ...(params === undefined ? {} : { input: spec.capture.input(params) }),
    ...(model === undefined ? {} : { model }),
    ...optionalParameters(params),
  }));
  if (started === undefined) return method.apply(resource, args);
  const recorder = new CallRecorder(started, spec.capture, options, model);
  const streamed = params?.stream === true;
  const callArgs = streamed && params !== undefined && options.includeUsage === true && spec.acceptsStreamOptions ? withIncludeUsage(params, args) : args;
  let result: unknown;
  try {
    result = method.apply(resource, callArgs);
  } catch (error) {
    recorder.onError(error);
    throw error;
  }
  const observer: PromiseObserver = {
    onValue: (value) => {
      try {
        if (streamed && isAsyncIterable(value)) return observeStream(value, recorder);
      } catch (error) {
        reportInternal(options, "stream", error);
        return value;
      }
      recorder.onResult(value);
      return value;
    },
    onError: (error) => recorder.onError(error),
    onRawResponse: () => recorder.onRawResponse(),
  };
  return observePromise(result, observer);
}

function optionalParameters(params: Record<string, unknown> | undefined): { modelParameters?: NonNullable<ReturnType<typeof extractModelParameters>> } {
  const modelParameters = extractModelParameters(params);
  return modelParameters === undefined ? {} : { modelParameters };
}

/** The arguments with `stream_options.include_usage` set, unless the caller set it either way. */
function withIncludeUsage(params: Record<string, unknown>, args: readonly unknown[]): unknown[] {
  const streamOptions = asRecord(params.stream_options);
  if (streamOptions?.include_usage !== undefined) return [...args];
  return [{ ...params, stream_options: { ...streamOptions, include_usage: true } }, ...args.slice(1)];
}
