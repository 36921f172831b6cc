import type { RecordingObservation } from "../core/recording-observation";
import { runWithObservation } from "../core/context";
import type { ObservedSpec } from "./observed-spec";

/** Most chunks kept in a generator's aggregated output; later ones are counted, not stored. */
export const MAX_OUTPUT_CHUNKS = 1000;

type EndOk = (spec: ObservedSpec, observation: RecordingObservation, value: unknown) => void;
type EndErr = (observation: RecordingObservation, error: unknown) => void;

/**
 * Collects yielded chunks: strings are concatenated, anything else becomes a bounded list. For a
 * generation, the first chunk sets `completionStartTime`.
 */
class ChunkCollector {
  private text = "";
  private items: unknown[] = [];
  private count = 0;
  private onlyStrings = true;

  constructor(private readonly observation: RecordingObservation, private readonly isGeneration: boolean) {}

  add(chunk: unknown): void {
    if (this.count === 0 && this.isGeneration) {
      this.observation.update({ completionStartTime: this.observation.trace.tracer.clock.now() });
    }
    this.count++;
    if (typeof chunk === "string" && this.onlyStrings) {
      this.text += chunk;
      return;
    }
    if (this.onlyStrings) {
      this.onlyStrings = false;
      if (this.text !== "") this.items.push(this.text);
    }
    if (this.items.length < MAX_OUTPUT_CHUNKS) this.items.push(this.observation.trace.tracer.capture(chunk));
  }

  /** The aggregated output; the generator's return value when nothing was yielded. */
  result(returned: unknown): unknown {
    if (this.count === 0) return returned;
    if (this.onlyStrings) return this.text;
    const omitted = this.count - this.items.length;
    return omitted > 0 ? [...this.items, `[truncated: ${omitted} more chunks]`] : this.items;
  }
}

/** The chunks collected so far and a once-only `finish` that ends the observation (error or output). */
function iterationState(observation: RecordingObservation, spec: ObservedSpec, endOk: EndOk, endErr: EndErr) {
  const chunks = new ChunkCollector(observation, spec.asType === "generation");
  let done = false;
  const finish = (error: boolean, value?: unknown): void => {
    if (done) return;
    done = true;
    if (error) endErr(observation, value);
    else endOk(spec, observation, chunks.result(value));
  };
  return { chunks, finish, isDone: () => done };
}

/**
 * Wraps a generator so that each step runs inside the observation (children nest under it) and the
 * observation ends when iteration finishes, is abandoned (`break`/`return()`) or throws. The wrapper
 * keeps the generator's prototype, so `instanceof` and `Symbol.toStringTag` still hold.
 */
export function wrapGenerator<T, R, N>(inner: Generator<T, R, N>, observation: RecordingObservation, spec: ObservedSpec, endOk: EndOk, endErr: EndErr): Generator<T, R, N> {
  const { chunks, finish, isDone } = iterationState(observation, spec, endOk, endErr);
  const step = (call: () => IteratorResult<T, R>): IteratorResult<T, R> => {
    if (isDone()) return call();
    let result: IteratorResult<T, R>;
    try {
      result = runWithObservation(observation, call);
    } catch (error) {
      finish(true, error);
      throw error;
    }
    if (result.done === true) finish(false, result.value);
    else chunks.add(result.value);
    return result;
  };
  const wrapper = Object.create(Object.getPrototypeOf(inner) as object) as Generator<T, R, N>;
  Object.assign(wrapper, {
    next: (...value: [] | [N]) => step(() => inner.next(...value)),
    return: (value: R) => {
      const result = step(() => inner.return(value));
      finish(false, undefined);
      return result;
    },
    throw: (error: unknown) => step(() => inner.throw(error)),
    [Symbol.iterator]() {
      return wrapper;
    },
  });
  return wrapper;
}

/** The async counterpart of {@link wrapGenerator}. */
export function wrapAsyncGenerator<T, R, N>(inner: AsyncGenerator<T, R, N>, observation: RecordingObservation, spec: ObservedSpec, endOk: EndOk, endErr: EndErr): AsyncGenerator<T, R, N> {
  const { chunks, finish, isDone } = iterationState(observation, spec, endOk, endErr);
  const step = (call: () => Promise<IteratorResult<T, R>>, abandon = false): Promise<IteratorResult<T, R>> => {
    if (isDone()) return call();
    return runWithObservation(observation, call).then(
      (result) => {
        if (result.done === true || abandon) finish(false, result.done === true ? result.value : undefined);
        else chunks.add(result.value);
        return result;
      },
      (error: unknown) => {
        finish(true, error);
        throw error;
      },
    );
  };
  const wrapper = Object.create(Object.getPrototypeOf(inner) as object) as AsyncGenerator<T, R, N>;
  Object.assign(wrapper, {
    next: (...value: [] | [N]) => step(() => inner.next(...value)),
    return: (value: R | PromiseLike<R>) => step(() => inner.return(value), true),
    throw: (error: unknown) => step(() => inner.throw(error)),
    [Symbol.asyncIterator]() {
      return wrapper;
    },
  });
  return wrapper;
}
