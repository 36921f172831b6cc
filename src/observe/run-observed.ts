import { types } from "node:util";
import { applyWithObservation, currentObservation } from "../core/context";
import type { ObservationHandle } from "../core/observation-handle";
import type { StartObservationOptions } from "../core/observation-options";
import { RecordingObservation } from "../core/recording-observation";
import type { TraceOptions } from "../core/tracer";
import { getGlobalClient } from "../global-client";
import { errorText } from "../serialize/snapshot";
import { MARKERS } from "../serialize/snapshot-limits";
import type { ObservedSpec } from "./observed-spec";
import { wrapAsyncGenerator, wrapGenerator } from "./wrap-iterator";

/**
 * Runs the user's function as an observation: starts it (a child of the current observation, or a
 * new trace), runs `fn` inside it, records the result and ends it, for sync values, promises and
 * (async) generators. The user's result is returned as is (promises keep their extra methods) and
 * the user's error is re-thrown as the same object. Telemetry failures never reach the caller.
 */
export function runObserved<T>(spec: ObservedSpec, thisArg: unknown, args: unknown[], fn: (...a: unknown[]) => T): T {
  const parent = currentObservation();
  // Under a dropped trace nothing is recorded and the context already says so: run bare.
  if (parent !== undefined && !parent.isRecording) return fn.apply(thisArg, args);
  const observation = start(spec, parent, thisArg, args);
  if (observation === undefined) return fn.apply(thisArg, args);
  if (!observation.isRecording) return applyWithObservation(observation, fn, thisArg, args);
  let result: T;
  try {
    result = applyWithObservation(observation, fn, thisArg, args);
  } catch (error) {
    endWithError(observation, error);
    throw error;
  }
  return settle(spec, observation as RecordingObservation, result);
}

function start(spec: ObservedSpec, parent: ObservationHandle | undefined, thisArg: unknown, args: readonly unknown[]): ObservationHandle | undefined {
  try {
    const name = typeof spec.name === "string" ? spec.name : spec.name(thisArg);
    if (parent !== undefined) return startChild(spec, parent, name, args);
    const client = spec.client ?? getGlobalClient();
    if (!client.enabled) return undefined;
    // Assigned key by key rather than with conditional spreads: this runs for every observed root.
    const options: TraceOptions = { name, asType: spec.asType };
    if (spec.sampled !== undefined) options.sampled = spec.sampled;
    if (spec.samplingContext !== undefined) options.samplingContext = spec.samplingContext;
    const root = client.tracer.startTrace(options);
    if (root.isRecording) {
      const input = captureInput(spec, args, client.tracer.errors, client.config.captureInput);
      // Captured once for both the root's input and the trace's (they are the same value).
      if (input !== undefined) (root as RecordingObservation).setCapturedIo("input", client.tracer.capture(input));
      if (spec.metadata !== undefined) root.update({ metadata: spec.metadata });
      if (spec.prompt !== undefined) root.update(spec.prompt);
    }
    return root;
  } catch (error) {
    reportSafely(error);
    return undefined;
  }
}

/** Starts the observation of a call nested under a recording `parent`. */
function startChild(spec: ObservedSpec, parent: ObservationHandle, name: string, args: readonly unknown[]): ObservationHandle {
  const tracer = (parent as RecordingObservation).trace.tracer;
  const input = captureInput(spec, args, tracer.errors, (spec.client?.tracer ?? tracer).captureDefaults.input);
  if (parent instanceof RecordingObservation && spec.asType !== "event") {
    // What `parent.startObservation({ name, asType, input, metadata })` does, without building the
    // options object and walking it key by key.
    const child = tracer.openChild(parent, spec.asType, name);
    if (input !== undefined) child.setIo("input", input);
    if (spec.metadata !== undefined) child.update({ metadata: spec.metadata });
    if (spec.prompt !== undefined) child.update(spec.prompt);
    return child;
  }
  const options: StartObservationOptions = { name, asType: spec.asType };
  if (input !== undefined) options.input = input;
  if (spec.metadata !== undefined) options.metadata = spec.metadata;
  if (spec.prompt !== undefined) Object.assign(options, spec.prompt);
  return parent.startObservation(options);
}

function captureInput(spec: ObservedSpec, args: readonly unknown[], errors: { report(w: string, e: unknown): void }, clientDefault: boolean): unknown {
  if (!(spec.captureInput ?? clientDefault)) return undefined;
  if (spec.input !== undefined) {
    try {
      return spec.input(args);
    } catch (error) {
      errors.report("observe input transform", error);
      return undefined;
    }
  }
  return args.length === 0 ? undefined : args.length === 1 ? args[0] : args;
}

function settle<T>(spec: ObservedSpec, observation: RecordingObservation, result: T): T {
  switch (kindOf(result)) {
    case "promise":
      try {
        // Observe completion without replacing the user's promise (it may be an APIPromise with extra
        // methods). Both handlers are given, so this derived chain never rejects unhandled.
        (result as PromiseLike<unknown>).then(
          (value) => endWithOutput(spec, observation, value),
          (error: unknown) => endWithError(observation, error),
        );
      } catch (error) {
        // A Promise subclass whose `then` throws: the call still ends here, recorded.
        observation.trace.tracer.errors.report("observe", error);
        endAsReturned(spec, observation);
      }
      return result;
    case "thenable":
      // Not a Promise: calling its `then` may run it (a lazy query builder executes on every `then`),
      // so the caller's own `then` is the only one; the observation ends when the value is returned.
      endAsReturned(spec, observation);
      return result;
    case "generator":
      return wrapOrEnd(spec, observation, result, () => wrapGenerator(result as Generator, observation, spec, endWithOutput, endWithError) as T);
    case "async-generator":
      return wrapOrEnd(spec, observation, result, () => wrapAsyncGenerator(result as AsyncGenerator, observation, spec, endWithOutput, endWithError) as T);
    default:
      endWithOutput(spec, observation, result);
      return result;
  }
}

/**
 * What an observed function returned, telling apart the values whose completion is awaited. Native
 * promises and generators are recognised without running user code; `then` is read (guarded) only on
 * other objects, and a read that throws makes the value a plain one.
 */
function kindOf(value: unknown): "promise" | "thenable" | "generator" | "async-generator" | "value" {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return "value";
  if (types.isPromise(value)) return "promise";
  try {
    if (types.isGeneratorObject(value)) return Object.prototype.toString.call(value) === "[object AsyncGenerator]" ? "async-generator" : "generator";
    return typeof (value as { then?: unknown }).then === "function" ? "thenable" : "value";
  } catch {
    return "value";
  }
}

function wrapOrEnd<T>(spec: ObservedSpec, observation: RecordingObservation, result: T, wrap: () => T): T {
  try {
    return wrap();
  } catch (error) {
    observation.trace.tracer.errors.report("observe", error);
    endAsReturned(spec, observation);
    return result;
  }
}

/** Ends `observation` when a value whose completion Tracewise does not await is returned. */
function endAsReturned(spec: ObservedSpec, observation: RecordingObservation): void {
  try {
    const tracer = observation.trace.tracer;
    if (spec.captureOutput ?? (spec.client?.tracer ?? tracer).captureDefaults.output) observation.setCapturedIo("output", MARKERS.thenable);
    observation.end();
  } catch (error) {
    reportSafely(error);
  }
}

/** Ends `observation` with the (transformed) output; never throws. */
export function endWithOutput(spec: ObservedSpec, observation: RecordingObservation, value: unknown): void {
  try {
    const tracer = observation.trace.tracer;
    const capture = spec.captureOutput ?? (spec.client?.tracer ?? tracer).captureDefaults.output;
    let output: unknown;
    if (capture) {
      try {
        output = spec.output === undefined ? value : spec.output(value);
      } catch (error) {
        tracer.errors.report("observe output transform", error);
      }
    }
    // Captured once; on the local root it is the trace's output too.
    if (output !== undefined) observation.setCapturedIo("output", tracer.capture(output));
    observation.end();
  } catch (error) {
    reportSafely(error);
  }
}

/** Ends `observation` at level ERROR with the error's message; never throws. */
export function endWithError(observation: ObservationHandle, error: unknown): void {
  try {
    observation.end({ level: "ERROR", statusMessage: errorText(error) });
  } catch (inner) {
    reportSafely(inner);
  }
}

function reportSafely(error: unknown): void {
  try {
    getGlobalClient().tracer.errors.report("observe", error);
  } catch {
    // Nothing more can be done without risking the caller.
  }
}
