import { SpanKind, SpanStatusCode, context, propagation, trace as otelTrace } from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { generateText } from "ai";
import { GEN_AI_SEMCONV_VERSION, TracewiseSampler, TracewiseSpanProcessor } from "tracewise/otel";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { binomialInterval } from "../helpers/binomial";
import { memoryClient } from "../helpers/memory-client";
import { toolCallingModel } from "./ai-sdk-model";

// The app's provider decides with Tracewise's sampler: 50 % of "request" and "outer" traces, the
// parent's decision or all of the others; and Tracewise masks card numbers in inputs.
const { tw, mem } = memoryClient({
  tracesSampler: (ctx) => (ctx.name === "request" || ctx.name === "outer" ? 0.5 : ctx.inheritOrSampleWith(1)),
  mask: ({ data, field }) => (field === "input" && typeof data === "string" ? data.replaceAll(/\d{4}-\d{4}/g, "[card]") : data),
});
const appSpans = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ sampler: new TracewiseSampler(), spanProcessors: [new SimpleSpanProcessor(appSpans), new TracewiseSpanProcessor()] });
provider.register({ propagator: new W3CTraceContextPropagator() });
const tracer = otelTrace.getTracer("test-instrumentation");

afterAll(async () => {
  await provider.shutdown();
  await tw.shutdown();
});

beforeEach(() => {
  mem.reset();
  appSpans.reset();
});

describe("TracewiseSampler and TracewiseSpanProcessor on the app's provider", () => {
  it("makes one decision per trace that both agree on, at the configured rate", async () => {
    const n = 400;
    const before = tw.stats();
    for (let i = 0; i < n; i += 1) {
      tracer.startActiveSpan("request", (root) => {
        tracer.startSpan("child").end();
        root.end();
      });
    }
    await tw.flush();
    const otelKept = new Set(appSpans.getFinishedSpans().map((s) => s.spanContext().traceId));
    const twKept = new Set(mem.getFinishedTraces().map((t) => t.id));
    // The same traces on both sides, whole (root and child) in each.
    expect([...twKept].sort()).toEqual([...otelKept].sort());
    expect(appSpans.getFinishedSpans()).toHaveLength(2 * otelKept.size);
    expect(mem.getFinishedObservations()).toHaveLength(2 * twKept.size);
    const [low, high] = binomialInterval(n, 0.5);
    expect(twKept.size).toBeGreaterThanOrEqual(low);
    expect(twKept.size).toBeLessThanOrEqual(high);
    // Every trace counted once, kept or dropped.
    const after = tw.stats();
    expect((after["traces.started"] ?? 0) - (before["traces.started"] ?? 0)).toBe(n);
    expect((after["traces.kept"] ?? 0) - (before["traces.kept"] ?? 0)).toBe(twKept.size);
    expect((after["traces.dropped"] ?? 0) - (before["traces.dropped"] ?? 0)).toBe(n - twKept.size);
    // A kept trace records the probability it was kept with, on both sides (ot=th:8 is 50 %).
    const kept = appSpans.getFinishedSpans()[0]!;
    expect(kept.spanContext().traceState?.get("ot")).toBe("th:8");
    expect(mem.getFinishedTraces()[0]!.observations[0]!.trace.sampleRate).toBe(0.5);
  });

  it("follows a remote parent's decision, as a traceparent header is followed", async () => {
    for (const sampled of [true, false]) {
      const carrier = { traceparent: `00-${"ab".repeat(16)}-${"cd".repeat(8)}-0${sampled ? 1 : 0}` };
      const remote = propagation.extract(context.active(), carrier);
      context.with(remote, () => tracer.startSpan("server", { kind: SpanKind.SERVER }).end());
    }
    await tw.flush();
    const observations = mem.getFinishedObservations();
    expect(observations).toHaveLength(1);
    expect(observations[0]).toMatchObject({ traceId: "ab".repeat(16), parentObservationId: "cd".repeat(8), isLocalRoot: true });
    expect(appSpans.getFinishedSpans()).toHaveLength(1);
  });

  it(`maps GenAI semantic-convention spans (gen_ai.*, semconv ${GEN_AI_SEMCONV_VERSION}) to generations, tools and agents`, async () => {
    const start = Date.now();
    tracer.startActiveSpan("invoke_agent planner", { attributes: { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "planner" }, startTime: start }, (agent) => {
      const chat = tracer.startSpan("chat gpt-4o", {
        kind: SpanKind.CLIENT,
        startTime: start + 1,
        attributes: { "gen_ai.operation.name": "chat", "gen_ai.provider.name": "openai", "gen_ai.request.model": "gpt-4o", "gen_ai.request.temperature": 0.2, "gen_ai.request.max_tokens": 100 },
      });
      chat.setAttributes({
        "gen_ai.response.model": "gpt-4o-2024-08-06",
        "gen_ai.input.messages": JSON.stringify([{ role: "user", parts: [{ type: "text", content: "card 1234-5678" }] }]),
        "gen_ai.system_instructions": JSON.stringify([{ type: "text", content: "be brief" }]),
        "gen_ai.output.messages": JSON.stringify([{ role: "assistant", parts: [{ type: "text", content: "ok" }], finish_reason: "stop" }]),
        "gen_ai.usage.input_tokens": 50,
        "gen_ai.usage.output_tokens": 10,
        "gen_ai.usage.cache_read.input_tokens": 20,
        "gen_ai.response.time_to_first_chunk": 0.25,
        "gen_ai.response.finish_reasons": ["stop"],
      });
      chat.end(start + 1000);
      const toolSpan = tracer.startSpan("execute_tool lookup", { startTime: start + 1001, attributes: { "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "lookup" } });
      toolSpan.setAttributes({ "gen_ai.tool.call.arguments": '{"q":"x"}', "gen_ai.tool.call.result": "card 1111-2222" });
      toolSpan.setStatus({ code: SpanStatusCode.ERROR, message: "lookup failed" });
      toolSpan.end(start + 1002);
      const plain = tracer.startSpan("GET /db", { attributes: { "db.system": "postgresql" } });
      plain.end();
      agent.end(start + 1003);
    });
    await tw.flush();
    const observations = mem.getFinishedObservations();
    expect(observations).toHaveLength(4);
    const agent = observations.find((o) => o.type === "agent")!;
    const generation = observations.find((o) => o.type === "generation")!;
    const toolObs = observations.find((o) => o.type === "tool")!;
    const plain = observations.find((o) => o.name === "GET /db")!;
    expect(agent.isLocalRoot).toBe(true);
    expect(agent.metadata).toMatchObject({ agentName: "planner" });
    expect(generation).toMatchObject({
      parentObservationId: agent.id,
      model: "gpt-4o-2024-08-06",
      modelParameters: { temperature: 0.2, max_tokens: 100 },
      usageDetails: { input: 30, input_cached_tokens: 20, output: 10, total: 60 },
      output: [{ role: "assistant", parts: [{ type: "text", content: "ok" }], finish_reason: "stop" }],
      startTime: start + 1,
      endTime: start + 1000,
      completionStartTime: start + 251,
    });
    expect(generation.input).toEqual({ system_instructions: [{ type: "text", content: "be brief" }], messages: [{ role: "user", parts: [{ type: "text", content: "card 1234-5678" }] }] });
    expect(generation.metadata).toMatchObject({ provider: "openai", finishReasons: ["stop"] });
    expect(toolObs).toMatchObject({ input: { q: "x" }, output: "card 1111-2222", level: "ERROR", statusMessage: "lookup failed" });
    expect(plain).toMatchObject({ type: "span", parentObservationId: agent.id });
    expect(plain.metadata).toMatchObject({ attributes: { "db.system": "postgresql" }, scope: "test-instrumentation" });
  });

  it("masks what the spans carry before it is exported", async () => {
    tracer.startActiveSpan("tool", { attributes: { "gen_ai.operation.name": "execute_tool" } }, (span) => {
      span.setAttribute("gen_ai.tool.call.arguments", "pay with 1234-5678");
      span.end();
    });
    await tw.flush();
    const tool = mem.getFinishedObservations()[0]!;
    expect(tool.input).toBe("pay with [card]");
    expect(JSON.stringify(tool)).not.toContain("1234-5678");
  });

  it("records nothing of a dropped trace, however many spans it has", async () => {
    let dropped = 0;
    for (let i = 0; i < 40; i += 1) {
      await tracer.startActiveSpan("outer", async (outer) => {
        if (!outer.isRecording()) dropped += 1;
        await generateText({ model: toolCallingModel(), prompt: "q", experimental_telemetry: { isEnabled: true } });
        outer.end();
      });
    }
    await tw.flush();
    const keptIds = new Set(mem.getFinishedTraces().map((t) => t.id));
    expect(keptIds.size).toBe(40 - dropped);
    expect(dropped).toBeGreaterThan(0);
    // Every kept trace is whole (outer, generateText, doGenerate); a dropped one left nothing anywhere.
    for (const t of mem.getFinishedTraces()) expect(t.observations).toHaveLength(3);
    expect(appSpans.getFinishedSpans()).toHaveLength(3 * keptIds.size);
  });

  it("never throws into the instrumentation, whatever span it is handed", () => {
    const processor = new TracewiseSpanProcessor({ installBridge: false });
    const hostile = new Proxy({}, { get: () => { throw new Error("boom"); } });
    for (const span of [{}, null, hostile, { name: 1, spanContext: () => null, attributes: null }]) {
      expect(() => processor.onStart(span as never, context.active())).not.toThrow();
      expect(() => processor.onEnd(span as never)).not.toThrow();
    }
    expect(() => new TracewiseSampler().shouldSample(null as never, "zz", "x")).not.toThrow();
  });
});
