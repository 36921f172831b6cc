import { describe, expect, it } from "vitest";
import { AlwaysOffSampler, observe, type TracesSamplerContext } from "tracewise";
import { memoryClient } from "../helpers/memory-client";

const KEEP_AT_HALF = "00-0000000000000000ff80000000000000-00f067aa0ba902b7-01";
const ID_HIGH = "0000000000000000ffffffffffffffff"; // randomness ff…: kept at any p > 0
const ID_LOW = "00000000000000000000000000000001"; // randomness 0…1: dropped at any p < 1

describe("head sampling precedence: explicit → tracesSampler → parent → sampler/rate", () => {
  it("an explicit sampled beats everything", () => {
    const { tw } = memoryClient({ sampleRate: 0, tracesSampler: () => false });
    expect(tw.trace({ name: "t", sampled: true }).sampled).toBe(true);
    expect(observe(() => 1, { sampled: false, client: tw })()).toBe(1);
    expect(tw.stats()).toMatchObject({ "traces.kept.forced": 1, "traces.dropped.forced": 1 });
  });

  it("tracesSampler beats the parent and the rate, and sees the sampling context", () => {
    const seen: TracesSamplerContext[] = [];
    const { tw } = memoryClient({
      sampleRate: 1,
      tracesSampler: (ctx) => {
        seen.push(ctx);
        return ctx.samplingContext?.plan === "free" ? 0 : ctx.name === "health" ? false : 1;
      },
    });
    expect(tw.trace({ name: "health" }).sampled).toBe(false);
    expect(tw.trace({ name: "x", samplingContext: { plan: "free" }, traceparent: KEEP_AT_HALF }).sampled).toBe(false);
    expect(tw.trace({ name: "y", userId: "u", tags: ["t"], metadata: { m: 1 } }).sampled).toBe(true);
    expect(seen[2]).toMatchObject({ name: "y", userId: "u", tags: ["t"], metadata: { m: 1 } });
    expect(seen[1]).toMatchObject({ parentSampled: true });
  });

  it("inheritOrSampleWith follows the parent's decision, else the fallback", () => {
    const { tw } = memoryClient({ tracesSampler: (ctx) => ctx.inheritOrSampleWith(0) });
    expect(tw.trace({ name: "a", traceparent: `00-${ID_HIGH}-00f067aa0ba902b7-01`, tracestate: "ot=th:8" }).sampled).toBe(true);
    expect(tw.trace({ name: "a", traceparent: `00-${ID_LOW}-00f067aa0ba902b7-01` }).sampled).toBe(true);
    // A parent's threshold decides over its flag, as sampler-composite's ComposableParentThresholdSampler does.
    expect(tw.trace({ name: "a", traceparent: `00-${ID_LOW}-00f067aa0ba902b7-01`, tracestate: "ot=th:8" }).sampled).toBe(false);
    expect(tw.trace({ name: "b", traceparent: `00-${ID_HIGH}-00f067aa0ba902b7-00` }).sampled).toBe(false);
    expect(tw.trace({ name: "c" }).sampled).toBe(false);
  });

  it("a tracesSampler that throws or returns garbage falls back to the parent, else the rate, and is logged once per kind", () => {
    const lines: string[] = [];
    const { tw } = memoryClient({
      logLevel: "warn",
      logSink: (_l, m) => lines.push(m),
      sampleRate: 1,
      tracesSampler: (ctx) => {
        if (ctx.name === "throw") throw new Error("sampler bug");
        return "yes" as unknown as number;
      },
    });
    expect(tw.trace({ name: "throw" }).sampled).toBe(true);
    expect(tw.trace({ name: "throw" }).sampled).toBe(true);
    expect(tw.trace({ name: "garbage", traceparent: `00-${ID_HIGH}-00f067aa0ba902b7-00` }).sampled).toBe(false);
    expect(tw.trace({ name: "garbage" }).sampled).toBe(true);
    expect(lines.filter((l) => l.includes("threw"))).toHaveLength(1);
    expect(lines.filter((l) => l.includes("returned"))).toHaveLength(1);
  });

  it("the default sampler follows a remote parent's flag and keeps its probability", () => {
    const { tw, mem } = memoryClient({ sampleRate: 0.01 });
    const child = tw.trace({ name: "continued", traceparent: KEEP_AT_HALF, tracestate: "ot=th:8,vendor=x" });
    expect(child.sampled).toBe(true);
    expect(child.tracestate).toBe("ot=th:8,vendor=x");
    child.end();
    expect(mem.getFinishedTraces()[0]).toMatchObject({ sampleRate: 0.5, remoteParentSpanId: "00f067aa0ba902b7" });
    expect(mem.getFinishedObservations()[0]?.parentObservationId).toBe("00f067aa0ba902b7");
    expect(tw.trace({ name: "no", traceparent: `00-${ID_HIGH}-00f067aa0ba902b7-00` }).sampled).toBe(false);
    expect(tw.stats()).toMatchObject({ "traces.kept.parent": 1, "traces.dropped.parent": 1 });
  });

  it("a custom sampler object replaces the default (and may ignore the parent)", () => {
    const { tw } = memoryClient({ sampler: new AlwaysOffSampler() });
    expect(tw.trace({ name: "t", traceparent: KEEP_AT_HALF }).sampled).toBe(false);
  });

  it("a dropped trace still has ids that propagate with flag 00, and costs no records", () => {
    const { tw, mem } = memoryClient({ sampleRate: 0 });
    const trace = tw.trace({ name: "dropped" });
    const span = trace.span({ name: "s" });
    expect(span.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
    span.end({ output: "x" });
    trace.score({ name: "q", value: 1 });
    trace.end();
    expect(mem.getFinishedObservations()).toHaveLength(0);
    expect(tw.stats()).toMatchObject({ "traces.dropped.head": 1, "scores.dropped": 1 });
  });

  it("tw.score by id follows the decision of a trace seen here, else the ratio; sampled forces it", () => {
    const { tw, mem } = memoryClient({ sampleRate: 0.5, tracesSampler: (ctx) => ctx.name !== "forced-out" && ctx.inheritOrSampleWith(0.5) });
    tw.trace({ id: ID_HIGH, name: "forced-out" }).end();
    tw.score({ traceId: ID_HIGH, name: "fb", value: 1 }); // remembered: dropped here, though the ratio would keep it
    tw.score({ traceId: "ffffffffffffffffffffffffffffffff", name: "elsewhere-high", value: 1 }); // ratio keeps
    tw.score({ traceId: "ffffffffffffffffff00000000000001", name: "elsewhere-low", value: 1 }); // ratio drops
    tw.score({ traceId: "ffffffffffffffffff00000000000001", name: "forced", value: 1, sampled: true });
    expect(mem.getScores().map((s) => s.name)).toEqual(["elsewhere-high", "forced"]);
  });
});
