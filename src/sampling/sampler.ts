/** The parent of a trace starting in this process, as far as sampling is concerned. */
export interface SamplerParent {
  /** The parent's sampled flag. */
  readonly sampled: boolean;
  /** True when the parent is in another process (W3C `traceparent`). */
  readonly isRemote: boolean;
  /** The probability the parent recorded (from its `ot=th`), if known. */
  readonly sampleRate?: number;
  /** The parent's valid `ot=th` threshold as 14 lowercase hex digits, if it sent one. */
  readonly threshold?: string;
}

/** What a {@link Sampler} decides from. */
export interface SamplerContext {
  /** The trace id (32 hex). */
  readonly traceId: string;
  /** The 56-bit randomness as 14 hex digits: `rv` from tracestate, else the trace id's low 56 bits. */
  readonly randomness: string;
  /** Name of the trace's root. */
  readonly name: string;
  /** The parent, when the trace continues another. */
  readonly parent?: SamplerParent;
}

/** A sampler's verdict. */
export interface SamplingResult {
  /** Keep (true) or drop (false) the whole trace. */
  readonly sampled: boolean;
  /** The probability applied, recorded on a kept trace so backends can extrapolate. */
  readonly probability: number;
  /**
   * The 14-hex rejection threshold when the decision was an OpenTelemetry consistent probability
   * decision; propagated as `ot=th`. Omit for decisions that are not consistent.
   */
  readonly threshold?: string;
  /** Set by samplers that only followed the parent (counted as `parent` in `stats()`). */
  readonly followedParent?: boolean;
}

/**
 * Decides whether a new trace is kept. Implementations must be pure and fast: they run once per
 * trace, at its start.
 *
 * @example
 * ```ts
 * const healthChecksOff: Sampler = {
 *   shouldSample: (ctx) => ({ sampled: ctx.name !== "health", probability: 1 }),
 *   toString: () => "HealthChecksOff",
 * };
 * ```
 */
export interface Sampler {
  /** Returns the decision for the trace described by `context`. */
  shouldSample(context: SamplerContext): SamplingResult;
  /** A description for diagnostics, such as `ProbabilitySampler{0.25}`. */
  toString(): string;
}
