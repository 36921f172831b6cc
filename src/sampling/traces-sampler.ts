/** What a `tracesSampler` function receives. */
export interface TracesSamplerContext {
  /** Name of the trace's root. */
  readonly name: string;
  /** The trace id (32 hex). */
  readonly traceId: string;
  /** Trace metadata given at start. */
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly userId?: string;
  readonly sessionId?: string;
  readonly tags?: readonly string[];
  /** The remote parent's sampled flag, when the trace continues another service's trace. */
  readonly parentSampled?: boolean;
  /** The probability the parent recorded (from `ot=th`), when known. */
  readonly parentSampleRate?: number;
  /** Data passed as `samplingContext` to `trace()` or `observe()`; never recorded. */
  readonly samplingContext?: Readonly<Record<string, unknown>>;
  /**
   * The parent's decision when there is a parent (its probability when known, else 1 or 0),
   * otherwise `fallback`. Returning it keeps distributed traces whole.
   */
  inheritOrSampleWith(fallback: number): number;
}

/**
 * Decides per trace: return a probability in [0, 1] (decided consistently from the trace id) or a
 * boolean. A sampler that throws or returns anything else is logged once per kind and ignored: the
 * decision falls back to the parent's decision, else the configured sampler or rate.
 *
 * @example
 * ```ts
 * const tracesSampler: TracesSampler = (ctx) =>
 *   ctx.name === "health" ? 0 : ctx.samplingContext?.plan === "enterprise" ? 1 : ctx.inheritOrSampleWith(0.1);
 * ```
 */
export type TracesSampler = (context: TracesSamplerContext) => number | boolean;
