import { TracewiseConfigError } from "../config/config-error";
import { keepsWith, thresholdFor } from "./consistent-probability";
import type { Sampler, SamplerContext, SamplingResult } from "./sampler";

/**
 * Keeps a trace with probability `p` by OpenTelemetry consistent probability sampling: keep iff the
 * trace's 56-bit randomness R ≥ T = 2^56 − round(p·2^56). Every process and every service that uses
 * this rule on the same trace id agrees, and a higher rate keeps a superset of a lower one.
 *
 * @example
 * ```ts
 * new Tracewise({ sampler: new ProbabilitySampler(0.1) });
 * ```
 */
export class ProbabilitySampler implements Sampler {
  private readonly threshold: string | undefined;
  private readonly keep: SamplingResult;
  private readonly drop: SamplingResult;

  /** @param probability - in [0, 1]; throws {@link TracewiseConfigError} otherwise. */
  constructor(readonly probability: number) {
    if (typeof probability !== "number" || !(probability >= 0 && probability <= 1)) {
      throw new TracewiseConfigError("ProbabilitySampler(probability)", probability, "a number from 0 to 1");
    }
    this.threshold = thresholdFor(probability);
    this.keep = this.threshold === undefined
      ? { sampled: true, probability }
      : { sampled: true, probability, threshold: this.threshold };
    this.drop = { sampled: false, probability };
  }

  /** Keep iff the trace's randomness reaches the threshold. */
  shouldSample(context: SamplerContext): SamplingResult {
    return keepsWith(context.randomness, this.threshold) ? this.keep : this.drop;
  }

  /** @returns `ProbabilitySampler{p}`. */
  toString(): string {
    return `ProbabilitySampler{${this.probability}}`;
  }
}
