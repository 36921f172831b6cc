/** The parts of openai's `APIPromise` this relies on (shared by v4, v5 and v6). */
interface ApiPromiseShape<T> extends PromiseLike<T> {
  _thenUnwrap<U>(transform: (data: T) => U): ApiPromiseShape<U>;
  asResponse(): Promise<unknown>;
}

/** Receives the outcome of an observed request. Implementations must not throw. */
export interface PromiseObserver {
  /** The parsed value; returns what the caller gets (the value itself, or the same stream, observed). */
  onValue(value: unknown): unknown;
  onError(error: unknown): void;
  /** The caller took the raw `Response` (`asResponse()`): the body is theirs to read. */
  onRawResponse(): void;
}

/** Methods that parse the response body: calling one means the caller wants the parsed value. */
const PARSING_METHODS: ReadonlySet<PropertyKey> = new Set(["then", "catch", "finally", "withResponse"]);

function isApiPromise(value: unknown): value is ApiPromiseShape<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Partial<ApiPromiseShape<unknown>>)._thenUnwrap === "function" &&
    typeof (value as Partial<ApiPromiseShape<unknown>>).asResponse === "function"
  );
}

/**
 * Observes the result of an SDK method. An `APIPromise` stays an `APIPromise` (`.withResponse()`,
 * `.asResponse()`, `instanceof` keep working): the value passes through `_thenUnwrap`, and a proxy
 * observes errors only once the caller asks for the parsed value, so `.asResponse()` leaves the body
 * unread for the caller. Methods are bound to the real promise, whose private fields then work. Any
 * other thenable is chained; the caller's error is re-thrown as the same object.
 *
 * @param result - what the SDK method returned.
 * @param observer - receives the value, the error or the raw response.
 */
export function observePromise<T>(result: T, observer: PromiseObserver): T {
  if (isApiPromise(result)) return observeApiPromise(result, observer) as T;
  if (typeof (result as Partial<PromiseLike<unknown>> | undefined)?.then === "function") {
    return (result as PromiseLike<unknown>).then(
      (value) => observer.onValue(value),
      (error: unknown) => {
        observer.onError(error);
        throw error;
      },
    ) as T;
  }
  return observer.onValue(result) as T;
}

function observeApiPromise(promise: ApiPromiseShape<unknown>, observer: PromiseObserver): ApiPromiseShape<unknown> {
  const unwrapped = promise._thenUnwrap((value) => observer.onValue(value));
  let watching = false;
  const watchErrors = (): void => {
    if (watching) return;
    watching = true;
    // Shares the memoized parse with the caller's own `then`; this branch handles the rejection.
    void unwrapped.then(undefined, (error: unknown) => observer.onError(error));
  };
  return new Proxy(unwrapped, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      if (property === "asResponse") {
        return () => {
          const response = target.asResponse();
          void response.then(
            () => observer.onRawResponse(),
            (error: unknown) => observer.onError(error),
          );
          return response;
        };
      }
      if (PARSING_METHODS.has(property)) watchErrors();
      return (value as (...args: unknown[]) => unknown).bind(target);
    },
  });
}
