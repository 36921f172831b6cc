import type { ObservedSpec } from "./observed-spec";
import { runObserved } from "./run-observed";

/** Marks functions Tracewise already wrapped, so class decorators do not wrap twice. */
export const OBSERVED = Symbol.for("tracewise.observed");

/**
 * Wraps `fn` so every call runs through {@link runObserved}. The wrapper keeps `this`, the function's
 * `name` and `length`, and stays sync for sync functions.
 */
export function wrapFunction<F extends (...args: never[]) => unknown>(fn: F, spec: ObservedSpec): F {
  const original = fn as unknown as (...args: unknown[]) => unknown;
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    return runObserved(spec, this, args, original);
  };
  // Read guarded: a function may define `name` or `length` as a getter that throws.
  Object.defineProperty(wrapped, "name", { value: readSafely(() => fn.name, ""), configurable: true });
  Object.defineProperty(wrapped, "length", { value: readSafely(() => fn.length, 0), configurable: true });
  Object.defineProperty(wrapped, OBSERVED, { value: true });
  copyReflectMetadata(fn, wrapped);
  return wrapped as unknown as F;
}

function readSafely<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/** True for functions returned by {@link wrapFunction}. */
export function isObserved(fn: unknown): boolean {
  return typeof fn === "function" && (fn as unknown as Record<symbol, unknown>)[OBSERVED] === true;
}

type ReflectWithMetadata = typeof Reflect & {
  getOwnMetadataKeys?: (target: object) => unknown[];
  getOwnMetadata?: (key: unknown, target: object) => unknown;
  defineMetadata?: (key: unknown, value: unknown, target: object) => void;
};

/**
 * Copies `reflect-metadata` entries stored on the original function to the wrapper, so decorators
 * applied before `@observe()` (NestJS routes, guards, …) still find theirs. Does nothing when the
 * application has not loaded `reflect-metadata`: Tracewise never installs the polyfill.
 */
export function copyReflectMetadata(from: object, to: object): void {
  const R = Reflect as ReflectWithMetadata;
  if (typeof R.getOwnMetadataKeys !== "function" || typeof R.getOwnMetadata !== "function" || typeof R.defineMetadata !== "function") return;
  try {
    for (const key of R.getOwnMetadataKeys(from)) R.defineMetadata(key, R.getOwnMetadata(key, from), to);
  } catch {
    // Metadata is best effort; the wrapper works without it.
  }
}
