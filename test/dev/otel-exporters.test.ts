import { ROOT_CONTEXT, SpanStatusCode, trace, type Tracer } from "@opentelemetry/api";
import { OTLPTraceExporter as OtlpHttpJsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as OtlpProtoExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, SimpleSpanProcessor, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CollectorFixture, getJson, startFixture } from "./helpers/collector-fixture";
import type { Json } from "./helpers/collector-fixture";

/** Runs `fn` with a tracer whose spans go through `exporter`, then flushes and shuts it down. */
async function withTracer(exporter: SpanExporter, fn: (tracer: Tracer) => void): Promise<void> {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": "otel-test", "service.version": "9.9.9" }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  fn(provider.getTracer("otel-exporter-test", "1.2.3"));
  await provider.forceFlush();
  await provider.shutdown();
}

/** Emits agent → (llm call, tool); contexts are passed explicitly (no global context manager here). */
function emitAgent(tracer: Tracer, marker: string): string {
  const root = tracer.startSpan(`agent ${marker}`);
  const parent = trace.setSpan(ROOT_CONTEXT, root);
  root.setAttributes({ "langfuse.trace.name": `agent ${marker}`, "user.id": "alice", "session.id": "sess-1", "langfuse.trace.tags": ["otel", marker] });
  root.setAttribute("langfuse.observation.input", JSON.stringify({ task: marker }));
  const gen = tracer.startSpan("llm call", {}, parent);
  gen.setAttributes({
    "langfuse.observation.type": "generation",
    "langfuse.observation.model.name": "gpt-4o-mini",
    "langfuse.observation.usage_details": JSON.stringify({ input: 12, output: 3 }),
    "langfuse.observation.input": JSON.stringify([{ role: "user", content: `say ${marker}` }]),
    "langfuse.observation.output": JSON.stringify({ role: "assistant", content: marker }),
    "langfuse.observation.prompt.name": "greeting",
    "langfuse.observation.prompt.version": 3,
  });
  gen.end();
  const tool = tracer.startSpan("tool", {}, parent);
  tool.setStatus({ code: SpanStatusCode.ERROR, message: "tool failed" });
  tool.end();
  root.end();
  return root.spanContext().traceId;
}

describe("collector: real OpenTelemetry exporters", () => {
  let fx: CollectorFixture;
  beforeAll(async () => {
    fx = await startFixture();
  });
  afterAll(async () => fx.cleanup());

  for (const [label, make] of [
    ["protobuf + gzip (exporter-trace-otlp-proto)", (url: string) => new OtlpProtoExporter({ url: `${url}/v1/traces`, compression: "gzip" as never })],
    ["protobuf, uncompressed, Langfuse path", (url: string) => new OtlpProtoExporter({ url: `${url}/api/public/otel/v1/traces` })],
    ["JSON (exporter-trace-otlp-http)", (url: string) => new OtlpHttpJsonExporter({ url: `${url}/v1/traces` })],
    ["JSON + gzip (exporter-trace-otlp-http)", (url: string) => new OtlpHttpJsonExporter({ url: `${url}/v1/traces`, compression: "gzip" as never })],
  ] as const) {
    it(`stores a trace sent with ${label}`, async () => {
      const marker = `m${Math.random().toString(36).slice(2, 8)}`;
      let id = "";
      await withTracer(make(fx.collector.url), (tracer) => {
        id = emitAgent(tracer, marker);
      });
      expect(id).toMatch(/^[0-9a-f]{32}$/);
      const detail = await getJson(`${fx.collector.url}/api/traces/${id}`);
      expect(detail.trace).toMatchObject({
        name: `agent ${marker}`, userId: "alice", sessionId: "sess-1", tags: ["otel", marker], level: "ERROR",
        observationCount: 3, usage: { input: 12, output: 3, total: 15 }, version: "9.9.9", input: { task: marker },
      });
      const byName = Object.fromEntries(detail.observations.map((o: Json) => [o.name, o]));
      const root = byName[`agent ${marker}`];
      expect(root.parentObservationId).toBeNull();
      expect(root.id).toMatch(/^[0-9a-f]{16}$/);
      expect(byName["llm call"]).toMatchObject({
        type: "generation", parentObservationId: root.id, model: "gpt-4o-mini", promptName: "greeting", promptVersion: 3,
        input: [{ role: "user", content: `say ${marker}` }], output: { role: "assistant", content: marker },
      });
      expect(byName.tool).toMatchObject({ level: "ERROR", statusMessage: "tool failed" });
      expect(byName["llm call"].startTime).toBeGreaterThan(Date.now() - 60_000);

      const search = await getJson(`${fx.collector.url}/api/traces?q=${marker}`);
      expect(search.data.map((t: Json) => t.id)).toEqual([id]);
    });
  }
});
