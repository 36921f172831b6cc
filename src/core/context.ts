import { AsyncLocalStorage } from "node:async_hooks";
import { externalContext } from "./external-context";
import type { ObservationHandle } from "./observation-handle";

/**
 * The current observation follows async context: `await`, `Promise.all`, timers and event-emitter
 * callbacks registered inside an observed call all see it. One store per process (kept on
 * `globalThis`), so the ESM and CJS builds of Tracewise, if both get loaded, share it.
 */
const KEY = Symbol.for("tracewise.context");

type Holder = { [KEY]?: AsyncLocalStorage<ObservationHandle> };

const storage: AsyncLocalStorage<ObservationHandle> = ((globalThis as Holder)[KEY] ??=
  new AsyncLocalStorage<ObservationHandle>());

/** The observation the calling code runs inside, if any. */
export function currentObservation(): ObservationHandle | undefined {
  const external = externalContext();
  return external === undefined ? storage.getStore() : external.current(storage.getStore());
}

/**
 * Runs `fn` with `observation` (an observation handle, or a trace handle meaning its root) as the
 * current observation. Anything else is ignored and `fn` runs in the current context: the context
 * only ever holds handles.
 */
export function runWithObservation<T>(observation: ObservationHandle | { readonly root: ObservationHandle }, fn: () => T): T {
  const handle = handleOf(observation);
  if (handle === undefined) return fn();
  const external = externalContext();
  return external === undefined ? storage.run(handle, fn) : storage.run(handle, () => external.run(handle, fn));
}

function handleOf(value: unknown): ObservationHandle | undefined {
  try {
    if (typeof value !== "object" || value === null) return undefined;
    if (typeof (value as { isRecording?: unknown }).isRecording === "boolean") return value as ObservationHandle;
    const root = (value as { root?: unknown }).root;
    return typeof root === "object" && root !== null && typeof (root as { isRecording?: unknown }).isRecording === "boolean" ? (root as ObservationHandle) : undefined;
  } catch {
    // A hostile value (a Proxy whose traps throw) is not a handle.
    return undefined;
  }
}

/**
 * Calls `fn` with `thisArg` and `args` with `observation` as the current observation: the same as
 * `runWithObservation(observation, () => fn.apply(thisArg, args))` without a closure per call (this
 * runs for every observed call).
 */
export function applyWithObservation<T>(observation: ObservationHandle, fn: (...a: unknown[]) => T, thisArg: unknown, args: unknown[]): T {
  const external = externalContext();
  if (external !== undefined) return runWithObservation(observation, () => fn.apply(thisArg, args));
  return storage.run(observation, callWith, fn, thisArg, args) as T;
}

/** `fn.apply(thisArg, args)`, as a function `run()` can call with arguments. */
function callWith(fn: (...a: unknown[]) => unknown, thisArg: unknown, args: unknown[]): unknown {
  return fn.apply(thisArg, args);
}
