import { createDecorator, isDecoratorContext, observeClass, type ObserveDecorator } from "./decorators";
import type { ObserveOptions } from "./observe-options";
import { observeOptionsFrom, toSpec } from "./observed-spec";
import { wrapFunction } from "./wrap-function";

/* eslint-disable @typescript-eslint/no-explicit-any -- the wrapped function's own signature is preserved */

/**
 * Traces a function: each call becomes an observation, nested under the current one (across
 * `await`, `Promise.all`, timers and event emitters) or starting a new trace. Works for sync, async,
 * generator and async-generator functions; errors are recorded (level ERROR) and re-thrown as the
 * same object; `this`, `name` and `length` are preserved, and promises keep their extra methods.
 *
 * A returned native `Promise` (including subclasses such as OpenAI's `APIPromise`, which keep
 * `.withResponse()`) ends the observation when it settles. Any other thenable (a Knex or Mongoose
 * query builder, which runs its query on every `then()`) is returned untouched and never `then`-ed by
 * Tracewise: the observation ends when the function returns, with output
 * `"[Thenable: not awaited by Tracewise]"`, so the query runs exactly as often as without tracing.
 * `await` it inside an `async` observed function to record its result and duration instead.
 *
 * Options are checked when `observe()` is called: a bad one is ignored with a warning, never thrown.
 *
 * @example
 * ```ts
 * const answer = observe(async function answer(q: string) { return llm(q); });
 * ```
 */
export function observe<F extends (...args: any[]) => any>(fn: F, options?: ObserveOptions<Parameters<F>, ReturnType<F>>): F;
/**
 * Returns a decorator for methods and classes, in both TC39 and legacy (`experimentalDecorators`)
 * mode. A class decorator traces every method as `ClassName.method`.
 *
 * @example
 * ```ts
 * class Agent {
 *   @observe() async run(q: string) { ... }
 *   @observe({ name: "llm-call", asType: "generation" }) async llm(prompt: string) { ... }
 * }
 * ```
 */
export function observe(options?: ObserveOptions): ObserveDecorator;
export function observe(first?: unknown, second?: unknown, third?: unknown): unknown {
  if (typeof first === "function") {
    // `@observe` without parentheses: a TC39 or legacy decorator call with default options.
    if (isDecoratorContext(second) || third !== undefined) return (createDecorator({}) as (...a: unknown[]) => unknown)(first, second, third);
    if (second === undefined && isClass(first)) {
      observeClass(first as abstract new () => unknown, {});
      return undefined;
    }
    const fn = first as (...args: never[]) => unknown;
    return wrapFunction(fn, toSpec(observeOptionsFrom(second), functionName(fn)));
  }
  if (typeof first === "object" && first !== null && (typeof second === "string" || typeof second === "symbol")) {
    return (createDecorator({}) as (...a: unknown[]) => unknown)(first, second, third);
  }
  return createDecorator(observeOptionsFrom(first));
}

/* eslint-enable @typescript-eslint/no-explicit-any */

function functionName(fn: (...args: never[]) => unknown): string {
  try {
    return typeof fn.name === "string" && fn.name !== "" ? fn.name : "anonymous";
  } catch {
    return "anonymous";
  }
}

function isClass(fn: unknown): boolean {
  try {
    return Function.prototype.toString.call(fn).startsWith("class");
  } catch {
    return false;
  }
}
