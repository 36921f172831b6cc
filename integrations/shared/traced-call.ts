import { observePromise, type PromiseObserver } from "./api-promise";
import { CallRecorder } from "./call-recorder";
import type { EndpointCapture } from "./endpoint-capture";
import type { ModelParameters } from "tracewise";
import type { CallOptions } from "./call-options";
import type { SdkMethod } from "./resource-proxy";
import { asRecord, asString, isAsyncIterable } from "./read-fields";
import { reportInternal, startCall } from "./start-call";
import { observeStream } from "./traced-stream";

/** What a traced call needs besides the method and its arguments. */
export interface TracedCallSpec {
  /** Observation name. */
  readonly name: string;
  /** How the endpoint is captured. */
  readonly capture: EndpointCapture;
  /** The model parameters of a request. */
  readonly modelParameters: (params: Readonly<Record<string, unknown>>) => ModelParameters | undefined;
  /** The arguments of a streamed call as sent (OpenAI's `includeUsage` adds `stream_options`). @default as given */
  readonly streamArgs?: (params: Record<string, unknown>, args: readonly unknown[]) => unknown[];
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
export function runTracedCall(method: SdkMethod, resource: object, args: unknown[], spec: TracedCallSpec, options: CallOptions): unknown {
  const params = asRecord(args[0]);
  const model = asString(params?.model);
  const started = startCall(options, () => ({
    name: options.generationName ?? options.defaultName ?? spec.name,
    asType: spec.capture.asType,
    ...(params === undefined ? {} : { input: spec.capture.input(params) }),
    ...(model === undefined ? {} : { model }),
    ...optionalParameters(spec, params),
  }));
  if (started === undefined) return method.apply(resource, args);
  const recorder = new CallRecorder(started, spec.capture, options, model);
  const streamed = params?.stream === true;
  const callArgs = streamed && params !== undefined && spec.streamArgs !== undefined ? spec.streamArgs(params, args) : args;
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

function optionalParameters(spec: TracedCallSpec, params: Record<string, unknown> | undefined): { modelParameters?: ModelParameters } {
  const modelParameters = params === undefined ? undefined : spec.modelParameters(params);
  return modelParameters === undefined ? {} : { modelParameters };
}
