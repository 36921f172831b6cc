import { TracewiseConfigError } from "../config/config-error";
import type { Sampler, SamplerContext, SamplingResult } from "./sampler";

/**
 * Reproduces the Langfuse Python SDK's ratio decision bit for bit (OpenTelemetry Python's
 * `TraceIdRatioBased`): keep iff the low 64 bits of the trace id < round-half-to-even(p·2^64).
 * Use it when Python and TypeScript services share traces with Langfuse's Python SDK sampling
 * `sample_rate`, so both sides keep the same traces. It is not an `ot=th` consistent decision, so no
 * threshold is propagated.
 */
export class LangfusePythonRatioSampler implements Sampler {
  /** The bound as 16 hex digits, or undefined when every trace is kept (bound ≥ 2^64). */
  private readonly bound: string | undefined;

  /** @param probability - in [0, 1]; throws {@link TracewiseConfigError} otherwise. */
  constructor(readonly probability: number) {
    if (typeof probability !== "number" || !(probability >= 0 && probability <= 1)) {
      throw new TracewiseConfigError("LangfusePythonRatioSampler(probability)", probability, "a number from 0 to 1");
    }
    const bound = roundHalfEven(probability * 2 ** 64);
    this.bound = bound >= 1n << 64n ? undefined : bound.toString(16).padStart(16, "0");
  }

  /** Keep iff low 64 bits of the trace id < the bound (fixed-width hex compares like numbers). */
  shouldSample(context: SamplerContext): SamplingResult {
    const sampled = this.bound === undefined || context.traceId.slice(16) < this.bound;
    return { sampled, probability: this.probability };
  }

  /** @returns `LangfusePythonRatioSampler{p}`. */
  toString(): string {
    return `LangfusePythonRatioSampler{${this.probability}}`;
  }
}

/** Python's `round()`: halves go to the even neighbour. Exact, since x is a double. */
export function roundHalfEven(x: number): bigint {
  const floor = Math.floor(x);
  const diff = x - floor;
  const base = BigInt(floor);
  if (diff > 0.5) return base + 1n;
  if (diff < 0.5) return base;
  return base % 2n === 0n ? base : base + 1n;
}
