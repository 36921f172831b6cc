import { trace as otelTrace } from "@opentelemetry/api";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { generateText, stepCountIs, streamText, tool } from "ai";
import { getCurrentObservation, observe, type ObservationRecord } from "tracewise";
import { TracewiseSampler, TracewiseSpanProcessor } from "tracewise/otel";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { memoryClient } from "../helpers/memory-client";
import { failingModel, streamingModel, toolCallingModel } from "./ai-sdk-model";

// The app's own OpenTelemetry: a real provider, registered globally (the AI SDK uses the global tracer),
// exporting to its own in-memory exporter, with Tracewise's sampler and processor added. No APM shares
// the provider, so observed calls may be the OpenTelemetry parents of the spans inside them.
const { tw, mem } = memoryClient();
const appSpans = new InMemorySpanExporter();
const provider = new NodeTracerProvider({
  sampler: new TracewiseSampler(),
  spanProcessors: [new SimpleSpanProcessor(appSpans), new TracewiseSpanProcessor({ nestOtelSpans: true, modelPrices: { "mock-model-id": { input: 1, output: 2, input_cached_tokens: 0.5 } } })],
});
provider.register();

afterAll(async () => {
  await provider.shutdown();
  await tw.shutdown();
});

beforeEach(() => {
  mem.reset();
  appSpans.reset();
});

const weather = tool({ inputSchema: z.object({ city: z.string() }), execute: async ({ city }) => `sunny in ${city}` });

function byName(observations: readonly ObservationRecord[], name: string): ObservationRecord[] {
  return observations.filter((o) => o.name === name);
}

describe("the Vercel AI SDK's telemetry taken in through a real NodeTracerProvider", () => {
  it("records generateText with a tool call as generations and a tool nested under the observed root", async () => {
    const agent = observe(async function agent(question: string) {
      const result = await generateText({
        model: toolCallingModel(),
        prompt: question,
        tools: { weather },
        stopWhen: stepCountIs(3),
        experimental_telemetry: { isEnabled: true, functionId: "weather-agent", metadata: { team: "search" } },
      });
      return result.text;
    });
    expect(await agent("weather in Paris?")).toBe("Sunny");
    await tw.flush();

    const traces = mem.getFinishedTraces();
    expect(traces).toHaveLength(1);
    const observations = traces[0]!.observations;
    const root = observations.find((o) => o.isLocalRoot)!;
    expect(root.name).toBe("agent");
    const outer = byName(observations, "ai.generateText");
    expect(outer).toHaveLength(1);
    expect(outer[0]!.type).toBe("span");
    expect(outer[0]!.parentObservationId).toBe(root.id);
    expect(outer[0]!.usageDetails).toBeUndefined();

    const generations = observations.filter((o) => o.type === "generation");
    expect(generations.map((g) => g.parentObservationId)).toEqual([outer[0]!.id, outer[0]!.id]);
    const [first, second] = [...generations].sort((a, b) => a.startTime - b.startTime);
    expect(first!.model).toBe("mock-model-id");
    expect(first!.usageDetails).toEqual({ input: 10, output: 5, total: 15 });
    expect(first!.costDetails).toEqual({ input: 10e-6, output: 10e-6, total: 20e-6 });
    expect(first!.modelParameters).toEqual({ maxRetries: 2 });
    expect(first!.input).toEqual([{ role: "user", content: [{ type: "text", text: "weather in Paris?" }] }]);
    expect(first!.output).toEqual({ toolCalls: [{ toolCallId: "call-1", toolName: "weather", input: '{"city":"Paris"}' }] });
    expect(first!.metadata).toMatchObject({ functionId: "weather-agent", team: "search", finishReason: "tool-calls", provider: "mock-provider" });
    expect(second!.usageDetails).toEqual({ input: 16, input_cached_tokens: 4, output: 2, output_reasoning_tokens: 1, total: 23 });
    expect(second!.output).toBe("Sunny");

    const tools = observations.filter((o) => o.type === "tool");
    expect(tools).toHaveLength(1);
    expect(tools[0]!).toMatchObject({ name: "ai.toolCall", parentObservationId: outer[0]!.id, input: { city: "Paris" }, output: "sunny in Paris" });
    expect(tools[0]!.metadata).toMatchObject({ toolName: "weather", toolCallId: "call-1" });

    // Same ids on both sides: every OpenTelemetry span is one observation (no duplicate), in the observed root's trace.
    const spans = appSpans.getFinishedSpans();
    expect(spans).toHaveLength(4);
    expect(observations).toHaveLength(spans.length + 1);
    expect(new Set(observations.map((o) => o.id)).size).toBe(observations.length);
    for (const span of spans) {
      expect(span.spanContext().traceId).toBe(root.traceId);
      expect(observations.some((o) => o.id === span.spanContext().spanId)).toBe(true);
    }
    // The AI SDK's root span names the observed call as its OpenTelemetry parent.
    expect(spans.find((s) => s.name === "ai.generateText")!.parentSpanContext?.spanId).toBe(root.id);
  });

  it("records streamText as a generation with its time to first token", async () => {
    const chat = observe(async function chat() {
      const result = streamText({ model: streamingModel(), prompt: "hi", experimental_telemetry: { isEnabled: true } });
      return await result.text;
    });
    expect(await chat()).toBe("Hello");
    // The AI SDK ends its outer span a moment after the text resolves, after the observed root ended:
    // that observation still arrives (late, never lost).
    await vi.waitFor(() => expect(appSpans.getFinishedSpans().map((s) => s.name)).toContain("ai.streamText"));
    await tw.flush();
    const observations = mem.getFinishedObservations();
    const generation = observations.find((o) => o.type === "generation")!;
    expect(generation.name).toBe("ai.streamText.doStream");
    expect(generation.usageDetails).toEqual({ input: 7, output: 2, total: 9 });
    expect(generation.output).toBe("Hello");
    const span = appSpans.getFinishedSpans().find((s) => s.name === "ai.streamText.doStream")!;
    const msToFirstChunk = span.attributes["ai.response.msToFirstChunk"] as number;
    expect(generation.completionStartTime).toBeCloseTo(generation.startTime + msToFirstChunk, 6);
    expect(generation.completionStartTime!).toBeLessThanOrEqual(generation.endTime);
    expect(byName(observations, "ai.streamText")[0]!.parentObservationId).toBe(observations.find((o) => o.isLocalRoot)!.id);
  });

  it("takes in AI SDK spans with no observed call around them as a trace of their own", async () => {
    await generateText({ model: toolCallingModel(), prompt: "q", tools: { weather }, stopWhen: stepCountIs(3), experimental_telemetry: { isEnabled: true } });
    await tw.flush();
    const traces = mem.getFinishedTraces();
    expect(traces).toHaveLength(1);
    const root = traces[0]!.observations.find((o) => o.isLocalRoot)!;
    expect(root.name).toBe("ai.generateText");
    expect(root.parentObservationId).toBeUndefined();
    expect(traces[0]!.observations).toHaveLength(4);
    expect(traces[0]!.id).toBe(appSpans.getFinishedSpans()[0]!.spanContext().traceId);
  });

  it("records a failed provider call at level ERROR with its message", async () => {
    const run = observe(async function run() {
      await generateText({ model: failingModel(), prompt: "q", maxRetries: 0, experimental_telemetry: { isEnabled: true } });
    });
    await expect(run()).rejects.toThrow("provider down");
    await tw.flush();
    const generation = mem.getFinishedObservations().find((o) => o.type === "generation")!;
    expect(generation.level).toBe("ERROR");
    expect(generation.statusMessage).toContain("provider down");
  });

  it("keeps the app's own spans and Tracewise's observations one for one when the AI SDK runs concurrently", async () => {
    const one = observe(async function one(i: number) {
      const result = await generateText({ model: toolCallingModel(), prompt: `q${i}`, tools: { weather }, stopWhen: stepCountIs(3), experimental_telemetry: { isEnabled: true } });
      return result.text;
    });
    await Promise.all(Array.from({ length: 20 }, (_, i) => one(i)));
    await tw.flush();
    const traces = mem.getFinishedTraces();
    expect(traces).toHaveLength(20);
    const spans = appSpans.getFinishedSpans();
    expect(spans).toHaveLength(80);
    for (const t of traces) {
      expect(t.observations).toHaveLength(5);
      const root = t.observations.find((o) => o.isLocalRoot)!;
      expect(t.observations.filter((o) => o.type === "generation").every((g) => g.traceId === root.traceId)).toBe(true);
      expect(spans.filter((s) => s.spanContext().traceId === t.id)).toHaveLength(4);
    }
    expect(otelTrace.getActiveSpan()).toBeUndefined();
  });

  it("nests across both tracers in the order the calls were made", async () => {
    const tracer = otelTrace.getTracer("app");
    const leaf = observe(function leaf() {
      return getCurrentObservation()?.id;
    });
    const middle = observe(function middle() {
      // An OpenTelemetry span inside an observed call, and an observed call inside that span.
      return tracer.startActiveSpan("otel.step", (span) => {
        const leafId = leaf();
        span.end();
        return leafId;
      });
    });
    const outerSpanId = await tracer.startActiveSpan("job", async (job) => {
      middle();
      job.end();
      return job.spanContext().spanId;
    });
    await tw.flush();
    const observations = mem.getFinishedObservations();
    const parentOf = (name: string) => {
      const child = observations.find((o) => o.name === name)!;
      return observations.find((o) => o.id === child.parentObservationId)?.name;
    };
    expect(observations.find((o) => o.name === "job")!.id).toBe(outerSpanId);
    expect(parentOf("middle")).toBe("job");
    expect(parentOf("otel.step")).toBe("middle");
    expect(parentOf("leaf")).toBe("otel.step");
    expect(new Set(observations.map((o) => o.traceId)).size).toBe(1);
  });
});

