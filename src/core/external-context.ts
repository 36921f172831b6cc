import type { ObservationHandle } from "./observation-handle";
import type { RemoteParent } from "./w3c";

/**
 * Another tracing context Tracewise shares its traces with: the OpenTelemetry bridge of
 * `tracewise/otel` installs one. None is installed by default, and then the core only reads one
 * property per observed call. Kept on `globalThis`, like the async context store, so that the bridge
 * (a separate entry point) and the ESM and CJS builds of the core all see the same one.
 * @internal
 */
export interface ExternalContext {
  /** The innermost current observation, given the one Tracewise's own context holds (`own`). */
  current(own: ObservationHandle | undefined): ObservationHandle | undefined;
  /** For a trace Tracewise starts with no parent of its own: an external span to continue, if any. */
  parent(): ExternalParent | undefined;
  /** Runs `fn` with `observation` current in the external context too. */
  run<T>(observation: ObservationHandle, fn: () => T): T;
  /** Runs `fn` (Tracewise's own delivery) with the external tracer's instrumentations suppressed. */
  untraced<T>(fn: () => T): T;
}

/** An external span a new trace continues. */
export interface ExternalParent {
  readonly parent: RemoteParent;
  /** True: the parent's sampled flag decides the trace; false: the configured sampler decides alone. */
  readonly followSampling: boolean;
}

const KEY = Symbol.for("tracewise.externalContext");

type Holder = { [KEY]?: ExternalContext | undefined };

/** The installed external context, if any. */
export function externalContext(): ExternalContext | undefined {
  return (globalThis as Holder)[KEY];
}

/** Installs (or, with undefined, removes) the external context. */
export function setExternalContext(bridge: ExternalContext | undefined): void {
  (globalThis as Holder)[KEY] = bridge;
}
