import { currentObservation } from "../core/context";
import type { ObservationHandle } from "../core/observation-handle";
import type { ObservationFields, ScoreOptions, TraceUpdate } from "../core/observation-options";
import { getGlobalSlot } from "../global-slot";

function current(helper: string): ObservationHandle | undefined {
  const observation = currentObservation();
  if (observation === undefined) {
    const client = getGlobalSlot() as { config?: { logger?: { debug(m: string): void } } } | undefined;
    client?.config?.logger?.debug(`${helper}() called outside an observed call; ignored`);
  }
  return observation;
}

/** Updates the current observation (inside an `observe`d call); does nothing outside one. */
export function updateCurrentObservation(fields: ObservationFields): void {
  current("updateCurrentObservation")?.update(fields);
}

/** Updates trace-level fields of the current trace (user, session, tags, …); does nothing outside one. */
export function updateCurrentTrace(fields: TraceUpdate): void {
  current("updateCurrentTrace")?.updateTrace(fields);
}

/** The current trace id, also inside dropped traces; undefined outside any trace. */
export function getCurrentTraceId(): string | undefined {
  return currentObservation()?.traceId;
}

/** The current observation id; undefined outside any trace. */
export function getCurrentObservationId(): string | undefined {
  return currentObservation()?.id;
}

/** The current observation handle; undefined outside any trace. */
export function getCurrentObservation(): ObservationHandle | undefined {
  return currentObservation();
}

/** W3C `traceparent` for an outgoing call from the current observation; undefined outside any trace. */
export function getCurrentTraceparent(): string | undefined {
  return currentObservation()?.traceparent;
}

/** Scores the current trace; does nothing outside one. */
export function scoreCurrentTrace(options: ScoreOptions): void {
  current("scoreCurrentTrace")?.scoreTrace(options);
}

/** Scores the current observation; does nothing outside one. */
export function scoreCurrentObservation(options: ScoreOptions): void {
  current("scoreCurrentObservation")?.score(options);
}
