import { describe, expect, it } from "vitest";
import { Counters } from "../../src/diag/counters";
import { Logger } from "../../src/diag/logger";
import { createHeadDecider } from "../../src/sampling/head-decision";
import { ParentBasedSampler } from "../../src/sampling/parent-based-sampler";
import { LangfusePythonRatioSampler } from "../../src/sampling/langfuse-python-ratio-sampler";
import { ProbabilitySampler } from "../../src/sampling/probability-sampler";
import type { Sampler } from "../../src/sampling/sampler";

const ID_HIGH = "0000000000000000ffffffffffffffff"; // randomness ff…: kept at any p > 0
const ID_LOW = "00000000000000000000000000000001"; // randomness 0…1: dropped at any p < 1
const ID_HALF_KEEP = "00000000000000000080000000000000"; // randomness 80…0: kept at p = 0.5 (R ≥ T)
const ID_HALF_DROP = "0000000000000000007fffffffffffff"; // randomness 7f…f: dropped at p = 0.5

function decider(sampler: Sampler): ReturnType<typeof createHeadDecider> {
  return createHeadDecider({ sampler, logger: new Logger("silent"), counters: new Counters() });
}

describe("head decision of a trace started here (no parent, no explicit decision, no tracesSampler)", () => {
  it("drops every trace at rate 0 with the head reason and no tracestate", () => {
    const decide = decider(new ParentBasedSampler({ root: new ProbabilitySampler(0) }));
    for (const traceId of [ID_HIGH, ID_LOW, ID_HALF_KEEP]) {
      expect(decide({ traceId, name: "t" })).toEqual({ sampled: false, sampleRate: 0, reason: "head" });
    }
  });

  it("keeps by the trace id's randomness at rate 0.5 and propagates ot=th:8 on kept traces only", () => {
    const decide = decider(new ParentBasedSampler({ root: new ProbabilitySampler(0.5) }));
    expect(decide({ traceId: ID_HALF_KEEP, name: "t" })).toEqual({ sampled: true, sampleRate: 0.5, reason: "head", tracestate: "ot=th:8" });
    expect(decide({ traceId: ID_HALF_DROP, name: "t" })).toEqual({ sampled: false, sampleRate: 0, reason: "head" });
  });

  it("keeps every trace at rate 1 with th:0", () => {
    const decide = decider(new ProbabilitySampler(1));
    expect(decide({ traceId: ID_LOW, name: "t" })).toEqual({ sampled: true, sampleRate: 1, reason: "head", tracestate: "ot=th:0" });
  });

  it("gives a custom sampler the trace id, its randomness and the name, and counts followedParent as parent", () => {
    const seen: unknown[] = [];
    const decide = decider({
      shouldSample: (ctx) => {
        seen.push(ctx);
        return { sampled: ctx.name === "keep", probability: 1, followedParent: true };
      },
      toString: () => "Custom",
    });
    expect(decide({ traceId: ID_HIGH, name: "drop" })).toEqual({ sampled: false, sampleRate: 0, reason: "parent" });
    expect(decide({ traceId: ID_HIGH, name: "keep" })).toEqual({ sampled: true, sampleRate: 1, reason: "parent" });
    expect(seen[0]).toEqual({ traceId: ID_HIGH, randomness: "ffffffffffffff", name: "drop" });
  });

  it("returns outcomes that cannot be changed by a caller", () => {
    const decide = decider(new ProbabilitySampler(0));
    const outcome = decide({ traceId: ID_HIGH, name: "t" });
    expect(Object.isFrozen(outcome)).toBe(true);
    expect(decide({ traceId: ID_LOW, name: "u" })).toEqual({ sampled: false, sampleRate: 0, reason: "head" });
  });

  it("shares one read-only dropped outcome per reason, and keeps a parent's tracestate on a dropped child", () => {
    const logger = new Logger("silent");
    const counters = new Counters();
    const decide = createHeadDecider({ sampler: new ProbabilitySampler(1), tracesSampler: (ctx) => ctx.name !== "drop", logger, counters });
    const bySampler = decide({ traceId: ID_HIGH, name: "drop" });
    expect(bySampler).toEqual({ sampled: false, sampleRate: 0, reason: "sampler" });
    expect(Object.isFrozen(bySampler)).toBe(true);
    expect(decide({ traceId: ID_LOW, name: "drop" })).toBe(bySampler);
    const forced = decide({ traceId: ID_HIGH, name: "t", sampled: false });
    expect(forced).toEqual({ sampled: false, sampleRate: 0, reason: "forced" });
    expect(forced).not.toBe(bySampler);
    const parent = { traceId: ID_LOW, spanId: "00f067aa0ba902b7", sampled: false, tracestate: "vendor=x" };
    const child = createHeadDecider({ sampler: new ParentBasedSampler({ root: new ProbabilitySampler(1) }), logger, counters })({ traceId: ID_LOW, name: "t", parent });
    expect(child).toMatchObject({ sampled: false, reason: "parent", tracestate: "vendor=x" });
  });
});

describe("a decision that is not a consistent probability", () => {
  it("LangfusePythonRatioSampler stamps no ot=th, and removes a parent's th while keeping rv and vendors", () => {
    const decide = decider(new LangfusePythonRatioSampler(0.5));
    // Low 64 bits 0…01 < 0.5·2^64: Python's TraceIdRatioBased keeps it.
    expect(decide({ traceId: ID_LOW, name: "t" })).toEqual({ sampled: true, sampleRate: 0.5, reason: "head" });
    const continued = decide({ traceId: ID_LOW, name: "t", parent: { traceId: ID_LOW, spanId: "00f067aa0ba902b7", sampled: true, tracestate: "ot=th:8;rv:0123456789abcd,vendor=x" } });
    expect(continued).toEqual({ sampled: true, sampleRate: 0.5, reason: "head", tracestate: "ot=rv:0123456789abcd,vendor=x" });
  });
});
