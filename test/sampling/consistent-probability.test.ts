import { describe, expect, it } from "vitest";
import { LangfusePythonRatioSampler, ProbabilitySampler, TracewiseConfigError } from "tracewise";
import { encodeTh, keepsWith, probabilityOf, thresholdFor } from "../../src/sampling/consistent-probability";
import { parseOt } from "../../src/sampling/tracestate";
import { roundHalfEven } from "../../src/sampling/langfuse-python-ratio-sampler";

const ctx = (traceId: string) => ({ traceId, randomness: traceId.slice(18), name: "t" });

describe("OpenTelemetry consistent probability thresholds", () => {
  it("maps probabilities to T = 2^56 − round(p·2^56) and to th values with trailing zeros stripped", () => {
    expect(thresholdFor(0.5)).toBe("80000000000000");
    expect(encodeTh(thresholdFor(0.5)!)).toBe("8");
    expect(encodeTh(thresholdFor(0.25)!)).toBe("c");
    expect(encodeTh(thresholdFor(0.75)!)).toBe("4");
    expect(encodeTh(thresholdFor(1)!)).toBe("0");
    expect(encodeTh(thresholdFor(2 ** -56)!)).toBe("ffffffffffffff");
    expect(thresholdFor(0)).toBeUndefined();
    expect(thresholdFor(0.1)).toBe("e6666666666666");
  });

  it("decodes th back to the probability", () => {
    expect(probabilityOf(parseOt("th:8").th!)).toBe(0.5);
    expect(probabilityOf(parseOt("th:c").th!)).toBe(0.25);
    expect(probabilityOf(parseOt("th:0").th!)).toBe(1);
    expect(parseOt("th:xyz").th).toBeUndefined();
  });

  it("keeps iff R ≥ T, at the exact boundary", () => {
    const t = thresholdFor(0.5)!;
    expect(keepsWith("80000000000000", t)).toBe(true);
    expect(keepsWith("7fffffffffffff", t)).toBe(false);
    expect(keepsWith("00000000000000", thresholdFor(1))).toBe(true);
    expect(keepsWith("ffffffffffffff", thresholdFor(0))).toBe(false);
  });

  it("ProbabilitySampler decides from the low 56 bits of the trace id", () => {
    const s = new ProbabilitySampler(0.5);
    expect(s.shouldSample(ctx("ffffffffffffffffff80000000000000"))).toMatchObject({ sampled: true, probability: 0.5, threshold: "80000000000000" });
    expect(s.shouldSample(ctx("ffffffffffffffffff7fffffffffffff")).sampled).toBe(false);
    expect(() => new ProbabilitySampler(1.2)).toThrow(TracewiseConfigError);
  });
});

describe("LangfusePythonRatioSampler reproduces the Langfuse Python SDK", () => {
  it.each([
    ["5f811cb929645f8b6facaa5090e5e945", 0.5, true],
    ["5f811cb929645f8b6facaa5090e5e945", 0.25, false],
    ["d1f6f86c029a7245bb91433a6aa79987", 0.9, true],
    ["d1f6f86c029a7245bb91433a6aa79987", 0.5, false],
    ["00000000000000007fffffffffffffff", 0.5, true],
    ["00000000000000008000000000000000", 0.5, false],
    ["0000000000000000ffffffffffffffff", 1, true],
    ["00000000000000000000000000000001", 0, false],
  ])("%s at %d → %s", (traceId, p, kept) => {
    expect(new LangfusePythonRatioSampler(p).shouldSample(ctx(traceId)).sampled).toBe(kept);
  });

  it("rounds half to even like Python's round()", () => {
    expect(roundHalfEven(2.5)).toBe(2n);
    expect(roundHalfEven(3.5)).toBe(4n);
    expect(roundHalfEven(2.4)).toBe(2n);
    expect(roundHalfEven(0.5 * 2 ** 64)).toBe(1n << 63n);
  });
});
