import { asRecord } from "./read-fields";

/** How a stream ended: read to its end, abandoned by the reader (`break`), or aborted (`controller.abort()`). */
export type StreamEnd = "completed" | "abandoned" | "aborted";

/** Receives what flows through an observed stream. Implementations must not throw. */
export interface StreamObserver {
  onChunk(chunk: unknown): void;
  onError(error: unknown): void;
  onStreamEnd(end: StreamEnd): void;
}

/** The parts of openai's `Stream` this relies on (shared by v4, v5 and v6). */
interface StreamShape {
  iterator?: unknown;
  controller?: { signal?: AbortSignal };
}

/**
 * Observes an OpenAI `Stream` in place and returns the same object, so the caller keeps the real
 * `Stream`: iteration, `.tee()`, `.toReadableStream()` and `controller.abort()` all work, because they
 * all read chunks through the stream's `iterator` function, which is replaced by one that passes each
 * chunk to `observer` on its way. Only the first iteration is observed (a stream can be read once;
 * `.tee()` reads it once for both branches). The observer learns how the stream ended in a `finally`,
 * so a stream left early or aborted still ends its observation with what arrived.
 *
 * @param stream - the stream the SDK returned.
 * @param observer - receives chunks, the error and the end.
 */
export function observeStream<S extends object>(stream: S, observer: StreamObserver): S {
  const shape = stream as StreamShape;
  const signal = asRecord(shape.controller)?.signal as AbortSignal | undefined;
  let observed = false;
  const observeOnce = (source: AsyncIterator<unknown>): AsyncIterator<unknown> => {
    if (observed) return source;
    observed = true;
    return observeIterator(source, observer, signal);
  };
  if (typeof shape.iterator === "function") {
    const original = shape.iterator as (this: S) => AsyncIterator<unknown>;
    shape.iterator = () => observeOnce(original.call(stream));
    return stream;
  }
  const iterable = stream as Partial<AsyncIterable<unknown>>;
  const original = iterable[Symbol.asyncIterator];
  if (typeof original !== "function") return stream;
  Object.defineProperty(stream, Symbol.asyncIterator, {
    value: () => observeOnce(original.call(stream)),
    configurable: true,
    writable: true,
  });
  return stream;
}

/** Passes chunks through, telling `observer`; ends the observation in `finally`. */
async function* observeIterator(source: AsyncIterator<unknown>, observer: StreamObserver, signal: AbortSignal | undefined): AsyncGenerator<unknown> {
  let end: StreamEnd = "abandoned";
  try {
    // for-await calls source.return() when the reader leaves early, which aborts the request.
    for await (const chunk of { [Symbol.asyncIterator]: () => source }) {
      observer.onChunk(chunk);
      yield chunk;
    }
    // openai's iterator ends quietly when aborted; leaving early (below) aborts too, so check here.
    end = signal?.aborted === true ? "aborted" : "completed";
  } catch (error) {
    observer.onError(error);
    throw error;
  } finally {
    observer.onStreamEnd(end);
  }
}
