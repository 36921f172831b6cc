import type { Sampler, SamplingResult } from "./sampler";

const KEEP: SamplingResult = { sampled: true, probability: 1, threshold: "00000000000000" };
const DROP: SamplingResult = { sampled: false, probability: 0 };

/** Keeps every trace (probability 1, `ot=th:0`). */
export class AlwaysOnSampler implements Sampler {
  /** @returns keep, with probability 1. */
  shouldSample(): SamplingResult {
    return KEEP;
  }

  /** @returns `AlwaysOnSampler`. */
  toString(): string {
    return "AlwaysOnSampler";
  }
}

/** Drops every trace. */
export class AlwaysOffSampler implements Sampler {
  /** @returns drop. */
  shouldSample(): SamplingResult {
    return DROP;
  }

  /** @returns `AlwaysOffSampler`. */
  toString(): string {
    return "AlwaysOffSampler";
  }
}
