import { describe, expect, it } from "vitest";
import { ProbabilitySampler } from "tracewise";
import { randomTraceId } from "../../src/core/ids";
import { binomialInterval } from "../helpers/binomial";

const N = 100_000;
const ids = Array.from({ length: N }, () => randomTraceId());
const keptAt = (p: number): Set<string> => {
  const sampler = new ProbabilitySampler(p);
  return new Set(ids.filter((traceId) => sampler.shouldSample({ traceId, randomness: traceId.slice(18), name: "t" }).sampled));
};

describe(`keep rates over ${N.toLocaleString("en")} random trace ids`, () => {
  it.each([0.001, 0.01, 0.1, 0.5, 0.9])("p = %d is inside the binomial interval (false failure 1 in 10⁶)", (p) => {
    const [low, high] = binomialInterval(N, p);
    const kept = keptAt(p).size;
    expect(kept).toBeGreaterThanOrEqual(low);
    expect(kept).toBeLessThanOrEqual(high);
  });

  it("the set kept at 0.1 is a subset of the set kept at 0.5 (and 0.001 ⊂ 0.01 ⊂ 0.1)", () => {
    const k001 = keptAt(0.001);
    const k01 = keptAt(0.01);
    const k1 = keptAt(0.1);
    const k5 = keptAt(0.5);
    for (const id of k1) expect(k5.has(id)).toBe(true);
    for (const id of k01) expect(k1.has(id)).toBe(true);
    for (const id of k001) expect(k01.has(id)).toBe(true);
  });
});
