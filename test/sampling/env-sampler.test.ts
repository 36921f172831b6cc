import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/config/resolve-config";

function resolve(env: Record<string, string>, options = {}): { sampler: string; rate: number; warnings: string[] } {
  const warnings: string[] = [];
  const config = resolveConfig({ logSink: (_l, m) => warnings.push(m), ...options }, env);
  return { sampler: config.sampler.toString(), rate: config.sampleRate, warnings };
}

const parentBased = (root: string) =>
  `ParentBased{root=${root}, remoteParentSampled=FollowParent, remoteParentNotSampled=FollowParent, localParentSampled=FollowParent, localParentNotSampled=FollowParent}`;

describe("sampling configuration from the environment", () => {
  it.each([
    [{}, parentBased("ProbabilitySampler{1}")],
    [{ LANGFUSE_SAMPLE_RATE: "0.2" }, parentBased("ProbabilitySampler{0.2}")],
    [{ TRACEWISE_SAMPLE_RATE: "0.3" }, parentBased("ProbabilitySampler{0.3}")],
    [{ LANGFUSE_SAMPLE_RATE: "0.2", TRACEWISE_SAMPLE_RATE: "0.3" }, parentBased("ProbabilitySampler{0.2}")],
    [{ LANGFUSE_SAMPLE_RATE: "0.2", OTEL_TRACES_SAMPLER: "always_off" }, parentBased("ProbabilitySampler{0.2}")],
    [{ OTEL_TRACES_SAMPLER: "always_on" }, "AlwaysOnSampler"],
    [{ OTEL_TRACES_SAMPLER: "always_off" }, "AlwaysOffSampler"],
    [{ OTEL_TRACES_SAMPLER: "traceidratio", OTEL_TRACES_SAMPLER_ARG: "0.25" }, "ProbabilitySampler{0.25}"],
    [{ OTEL_TRACES_SAMPLER: "TraceIdRatio", OTEL_TRACES_SAMPLER_ARG: "0.25" }, "ProbabilitySampler{0.25}"],
    [{ OTEL_TRACES_SAMPLER: "parentbased_always_on" }, parentBased("AlwaysOnSampler")],
    [{ OTEL_TRACES_SAMPLER: "parentbased_always_off" }, parentBased("AlwaysOffSampler")],
    [{ OTEL_TRACES_SAMPLER: "parentbased_traceidratio", OTEL_TRACES_SAMPLER_ARG: "0.1" }, parentBased("ProbabilitySampler{0.1}")],
    [{ OTEL_TRACES_SAMPLER: "traceidratio" }, "ProbabilitySampler{1}"],
  ])("%j → %s", (env, expected) => {
    expect(resolve(env).sampler).toBe(expected);
  });

  it("the constructor beats the environment", () => {
    expect(resolve({ LANGFUSE_SAMPLE_RATE: "0.2", OTEL_TRACES_SAMPLER: "always_off" }, { sampleRate: 0.9 }).sampler).toBe(parentBased("ProbabilitySampler{0.9}"));
    expect(resolve({ LANGFUSE_SAMPLE_RATE: "0.2" }, { sample_rate: 0.4 }).rate).toBe(0.4);
  });

  it.each([
    [{ OTEL_TRACES_SAMPLER: "jaeger_remote" }, parentBased("ProbabilitySampler{1}"), "OTEL_TRACES_SAMPLER"],
    [{ OTEL_TRACES_SAMPLER: "traceidratio", OTEL_TRACES_SAMPLER_ARG: "1.5" }, "ProbabilitySampler{1}", "OTEL_TRACES_SAMPLER_ARG"],
    [{ OTEL_TRACES_SAMPLER: "traceidratio", OTEL_TRACES_SAMPLER_ARG: "abc" }, "ProbabilitySampler{1}", "OTEL_TRACES_SAMPLER_ARG"],
    [{ LANGFUSE_SAMPLE_RATE: "2", TRACEWISE_SAMPLE_RATE: "0.5" }, parentBased("ProbabilitySampler{0.5}"), "LANGFUSE_SAMPLE_RATE"],
  ])("invalid %j warns once and is ignored", (env, expected, variable) => {
    const { sampler, warnings } = resolve(env);
    expect(sampler).toBe(expected);
    expect(warnings.filter((w) => w.includes(variable))).toHaveLength(1);
  });
});
