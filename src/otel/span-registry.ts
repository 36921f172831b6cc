import { createContextKey, type Context, type Span } from "@opentelemetry/api";
import type { ObservationHandle } from "tracewise";

/**
 * The Tracewise observation behind each OpenTelemetry span the bridge knows: spans the span processor
 * took in, and the stand-in spans that make an observed call the OpenTelemetry parent. Weak, so a
 * span that never ends leaves nothing behind. One registry per process (on `globalThis`), shared by
 * the ESM and CJS builds.
 */
const KEY = Symbol.for("tracewise.otel.spans");
type Holder = { [KEY]?: WeakMap<object, ObservationHandle> };
const spans: WeakMap<object, ObservationHandle> = ((globalThis as Holder)[KEY] ??= new WeakMap());

/** The observation recorded for `span`, if any. */
export function observationOf(span: object | undefined): ObservationHandle | undefined {
  return span === undefined ? undefined : spans.get(span);
}

/** Records `observation` as the one behind `span`. */
export function setObservationOf(span: object, observation: ObservationHandle): void {
  spans.set(span, observation);
}

/** Forgets `span` (it ended). */
export function forgetSpan(span: object): void {
  spans.delete(span);
}

/**
 * Set in the OpenTelemetry context when an observed call starts under an active span it does not
 * replace (an APM's span): the observation, and the span that was active, so that a span started
 * later (inside the call) can be told from the one the call started under.
 */
export const OBSERVED_CALL_KEY = createContextKey("tracewise observed call");

/** The value under {@link OBSERVED_CALL_KEY}. */
export interface ObservedCall {
  readonly observation: ObservationHandle;
  readonly over: Span | undefined;
}

/** The observed call entered in `context`, if any. */
export function observedCallIn(context: Context): ObservedCall | undefined {
  return context.getValue(OBSERVED_CALL_KEY) as ObservedCall | undefined;
}
