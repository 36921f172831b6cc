import { trace as otelTrace, type Span } from "@opentelemetry/api";
import { AlwaysOffSampler, AlwaysOnSampler, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { getCurrentObservation, getCurrentTraceId, observe } from "tracewise";
import { installOtelBridge, uninstallOtelBridge } from "tracewise/otel";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { memoryClient } from "../helpers/memory-client";

// An app whose APM owns the OpenTelemetry provider (no Tracewise processor on it): its spans are
// recorded by its own exporter; Tracewise only shares the trace identity through the bridge.
const { tw, mem } = memoryClient();
const apmSpans = new InMemorySpanExporter();
const apm = new NodeTracerProvider({ sampler: new AlwaysOnSampler(), spanProcessors: [new SimpleSpanProcessor(apmSpans)] });
apm.register();
const tracer = otelTrace.getTracer("apm");
// Spans an APM sampled out: valid ids, sampled flag 0, nothing recorded.
const unsampledTracer = new NodeTracerProvider({ sampler: new AlwaysOffSampler() }).getTracer("apm-unsampled");

beforeEach(() => {
  mem.reset();
  apmSpans.reset();
  installOtelBridge();
});
afterEach(() => uninstallOtelBridge());
afterAll(async () => {
  await apm.shutdown();
  await tw.shutdown();
});

/** The parent span id of a span the SDK created (its spans are ReadableSpans too). */
function parentIdOf(span: Span): string | undefined {
  return (span as unknown as ReadableSpan).parentSpanContext?.spanId;
}

const answer = observe(async function answer(q: string) {
  await new Promise((resolve) => setTimeout(resolve, 1));
  return `a:${q}`;
});

describe("shared trace identity with the app's OpenTelemetry", () => {
  it("continues the active span: same trace id, the span as the root's parent", async () => {
    const spanIds = await tracer.startActiveSpan("GET /ask", async (span) => {
      await answer("q");
      const t = tw.trace({ name: "manual" });
      t.end();
      span.end();
      return span.spanContext();
    });
    await tw.flush();
    const roots = mem.getFinishedObservations().filter((o) => o.isLocalRoot);
    expect(roots.map((r) => r.name).sort()).toEqual(["answer", "manual"]);
    for (const root of roots) expect(root).toMatchObject({ traceId: spanIds.traceId, parentObservationId: spanIds.spanId });
  });

  it("starts an unrelated trace when continueOtelTraces is false", async () => {
    installOtelBridge({ continueOtelTraces: false });
    const traceId = await tracer.startActiveSpan("GET /ask", async (span) => {
      await answer("q");
      span.end();
      return span.spanContext().traceId;
    });
    await tw.flush();
    const root = mem.getFinishedObservations()[0]!;
    expect(root.traceId).not.toBe(traceId);
    expect(root.parentObservationId).toBeUndefined();
  });

  it("keeps an LLM trace the APM sampled out, by default (Tracewise decides on its own)", async () => {
    const traceId = await unsampledTracer.startActiveSpan("GET /ask", async (span) => {
      expect(span.isRecording()).toBe(false);
      await answer("q");
      span.end();
      return span.spanContext().traceId;
    });
    await tw.flush();
    expect(mem.getFinishedObservations()).toHaveLength(1);
    expect(mem.getFinishedObservations()[0]!.traceId).toBe(traceId);
    expect(tw.stats()["traces.kept.head"]).toBeGreaterThan(0);
  });

  it("follows the span's sampled flag with followOtelSampling: true", async () => {
    installOtelBridge({ followOtelSampling: true });
    const before = tw.stats()["traces.dropped.parent"] ?? 0;
    await unsampledTracer.startActiveSpan("GET /ask", async (span) => {
      await answer("dropped");
      span.end();
    });
    await tracer.startActiveSpan("GET /ask", async (span) => {
      await answer("kept");
      span.end();
    });
    await tw.flush();
    expect(mem.getFinishedObservations().map((o) => o.output)).toEqual(["a:kept"]);
    expect(tw.stats()["traces.dropped.parent"]).toBe(before + 1);
  });

  it("decides independently of a sampled span too: a Tracewise rate of 0 drops under a kept APM span", async () => {
    const { tw: none, mem: noneMem } = memoryClient({ sampleRate: 0, global: false });
    const scoped = observe(async () => "x", { name: "scoped", client: none });
    await tracer.startActiveSpan("GET /ask", async (span) => {
      await scoped();
      span.end();
    });
    await none.flush();
    expect(noneMem.getFinishedObservations()).toHaveLength(0);
    expect(apmSpans.getFinishedSpans()).toHaveLength(1);
    await none.shutdown();
  });

  it("leaves spans started inside an observed call in their own OpenTelemetry trace by default", async () => {
    const ids = await observe(async function job() {
      await new Promise((resolve) => setTimeout(resolve, 1));
      const span = tracer.startSpan("http.get");
      span.end();
      return { parent: parentIdOf(span), traceId: span.spanContext().traceId, tw: getCurrentTraceId() };
    })();
    expect(ids.parent).toBeUndefined();
    expect(ids.traceId).not.toBe(ids.tw);
  });

  it("makes a kept observed call the OpenTelemetry parent of spans started inside it with nestOtelSpans: true", async () => {
    installOtelBridge({ nestOtelSpans: true });
    const seen: { traceId: string; parent: string | undefined; observation: string | undefined }[] = [];
    const inner = observe(function inner() {
      const span = tracer.startSpan("db.query");
      seen.push({ traceId: span.spanContext().traceId, parent: parentIdOf(span), observation: getCurrentObservation()?.id });
      span.end();
    });
    const outer = observe(async function outer() {
      await new Promise((resolve) => setTimeout(resolve, 1));
      const span = tracer.startSpan("http.get");
      seen.push({ traceId: span.spanContext().traceId, parent: parentIdOf(span), observation: getCurrentObservation()?.id });
      span.end();
      inner();
    });
    await outer();
    await tw.flush();
    const [outerObs, innerObs] = [...mem.getFinishedObservations()].sort((a, b) => a.startTime - b.startTime);
    expect(seen).toEqual([
      { traceId: outerObs!.traceId, parent: outerObs!.id, observation: outerObs!.id },
      { traceId: outerObs!.traceId, parent: innerObs!.id, observation: innerObs!.id },
    ]);
    // The APM's spans carry the trace's sampled flag, as children of a kept trace.
    expect(apmSpans.getFinishedSpans().every((s) => (s.spanContext().traceFlags & 1) === 1)).toBe(true);
  });

  it("never replaces the APM's active span: its tree stays as it was", async () => {
    const ids = await tracer.startActiveSpan("GET /ask", async (request) => {
      const child = await observe(async function llmStep() {
        await new Promise((resolve) => setTimeout(resolve, 1));
        const span = tracer.startSpan("http.client");
        span.end();
        return { parent: parentIdOf(span), traceId: span.spanContext().traceId, tw: getCurrentTraceId() };
      })();
      request.end();
      return { request: request.spanContext(), child };
    });
    expect(ids.child).toEqual({ parent: ids.request.spanId, traceId: ids.request.traceId, tw: ids.request.traceId });
  });

  it("leaves OpenTelemetry alone when the bridge is not installed", async () => {
    uninstallOtelBridge();
    const traceId = await tracer.startActiveSpan("GET /ask", async (span) => {
      const inner = await observe(async function step() {
        const s = tracer.startSpan("http.client");
        s.end();
        return parentIdOf(s);
      })();
      expect(inner).toBe(span.spanContext().spanId);
      span.end();
      return span.spanContext().traceId;
    });
    await tw.flush();
    expect(mem.getFinishedObservations()[0]!.traceId).not.toBe(traceId);
  });
});
