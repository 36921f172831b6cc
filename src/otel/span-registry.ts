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

/**
 * The observation a stand-in span carries (a property of our own object: a weak map entry per
 * observed call made the garbage collector's ephemeron work the largest cost of the bridge).
 */
const STAND_IN = Symbol.for("tracewise.otel.standIn");
type StandIn = { [STAND_IN]?: ObservationHandle };

/** The observation recorded for `span` (taken in, or a stand-in), if any. */
export function observationOf(span: object | undefined): ObservationHandle | undefined {
  return span === undefined ? undefined : ((span as StandIn)[STAND_IN] ?? spans.get(span));
}

/** True for a stand-in span made by {@link markStandIn}. */
export function isStandIn(span: object): boolean {
  return (span as StandIn)[STAND_IN] !== undefined;
}

/** Makes `span` (a non-recording span of ours) the stand-in of `observation`. */
export function markStandIn(span: object, observation: ObservationHandle): void {
  (span as StandIn)[STAND_IN] = observation;
}

const PROCESSORS = Symbol.for("tracewise.otel.processors");
type ProcessorHolder = { [PROCESSORS]?: boolean };

/** Notes that a span processor of ours exists in this process: observed calls must then mark their place among spans. */
export function noteSpanProcessor(): void {
  (globalThis as ProcessorHolder)[PROCESSORS] = true;
}

/** True once a span processor of ours was constructed. */
export function hasSpanProcessor(): boolean {
  return (globalThis as ProcessorHolder)[PROCESSORS] === true;
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
