import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CollectorFixture, dbl, getJson, int, langfuseExample, otlpRequest, post, spanId, startFixture, str, traceId } from "./helpers/collector-fixture";
import type { Json } from "./helpers/collector-fixture";

describe("collector: OTLP/JSON with the Langfuse attribute mapping", () => {
  let fx: CollectorFixture;
  beforeAll(async () => {
    fx = await startFixture();
  });
  afterAll(async () => fx.cleanup());

  it("stores the LANGFUSE-OTLP example as one trace with its three observations", async () => {
    const id = traceId();
    const base = Date.UTC(2026, 0, 1);
    const { request } = langfuseExample(id, base);
    const res = await post(`${fx.collector.url}/v1/traces`, request);
    expect(res).toEqual({ status: 200, body: {} });

    const detail = await getJson(`${fx.collector.url}/api/traces/${id}`);
    expect(detail.trace).toMatchObject({
      id, name: "agent-run", userId: "u1", sessionId: "s1", tags: ["a", "b"], environment: "production", release: "1.4.2",
      startTime: base, endTime: base + 3000, durationMs: 3000, level: "DEFAULT", observationCount: 3,
      usage: { input: 10, output: 5, total: 15 }, sampleRate: 1,
      input: { question: "What is OTLP?" }, output: { answer: "A protocol." },
    });
    expect(detail.trace.cost).toBeCloseTo(0.0000045, 10);
    const byName = Object.fromEntries(detail.observations.map((o: Json) => [o.name, o]));
    expect(byName["agent-run"]).toMatchObject({ type: "span", parentObservationId: null });
    expect(byName["agent-run"].metadata).toMatchObject({ customer_tier: "gold", resourceAttributes: { "service.name": "my-agent" } });
    expect(byName.retrieve).toMatchObject({ type: "span", parentObservationId: byName["agent-run"].id, input: { query: "OTLP" }, output: ["doc-1", "doc-2"] });
    expect(byName.llm).toMatchObject({
      type: "generation", model: "gpt-4o-mini", modelParameters: { temperature: 0.2 }, usage: { input: 10, output: 5, total: 15 },
      completionStartTime: base + 1350, timeToFirstTokenMs: 350,
      input: [{ role: "system", content: "Be brief." }, { role: "user", content: "What is OTLP?" }],
      output: { role: "assistant", content: "A protocol." },
    });
  });

  it("accepts gzip and the Langfuse path /api/public/otel/v1/traces", async () => {
    const id = traceId();
    const { request } = langfuseExample(id, Date.now());
    const res = await post(`${fx.collector.url}/api/public/otel/v1/traces`, request, { gzip: true });
    expect(res.status).toBe(200);
    expect((await getJson(`${fx.collector.url}/api/traces/${id}`)).observations).toHaveLength(3);
  });

  it("maps status code 2 to ERROR, the level attribute's aliases, and the status message", async () => {
    const id = traceId();
    const root = spanId();
    const now = Date.now();
    await post(`${fx.collector.url}/v1/traces`, otlpRequest([
      { traceId: id, spanId: root, name: "job", startMs: now, endMs: now + 10 },
      { traceId: id, spanId: spanId(), parentSpanId: root, name: "boom", startMs: now + 1, endMs: now + 2, status: { code: 2, message: "kaput" } },
      { traceId: id, spanId: spanId(), parentSpanId: root, name: "careful", startMs: now + 3, endMs: now + 4, attributes: [str("langfuse.observation.level", "warn"), str("langfuse.observation.status_message", "slow")] },
      { traceId: id, spanId: spanId(), parentSpanId: root, name: "string-enum", startMs: now + 5, endMs: now + 6, status: { code: "STATUS_CODE_ERROR" } },
    ]));
    const detail = await getJson(`${fx.collector.url}/api/traces/${id}`);
    const byName = Object.fromEntries(detail.observations.map((o: Json) => [o.name, o]));
    expect(byName.boom).toMatchObject({ level: "ERROR", statusMessage: "kaput" });
    expect(byName.careful).toMatchObject({ level: "WARNING", statusMessage: "slow" });
    expect(byName["string-enum"].level).toBe("DEFAULT");
    expect(detail.trace.level).toBe("ERROR");
    expect(detail.trace.name).toBe("job");
  });

  it("falls back to the gen_ai conventions for type, model, usage, cost and messages", async () => {
    const id = traceId();
    const now = Date.now();
    await post(`${fx.collector.url}/v1/traces`, otlpRequest([
      {
        traceId: id, spanId: spanId(), name: "chat gpt-4o", startMs: now, endMs: now + 50,
        attributes: [
          str("gen_ai.operation.name", "chat"), str("gen_ai.request.model", "gpt-4o"), str("gen_ai.response.model", "gpt-4o-2024-08-06"),
          dbl("gen_ai.request.temperature", 0.7), int("gen_ai.request.max_tokens", 100),
          int("gen_ai.usage.input_tokens", 20), int("gen_ai.usage.output_tokens", 7), dbl("gen_ai.usage.cost", 0.01),
          str("gen_ai.conversation.id", "conv-9"), str("gen_ai.input.messages", '[{"role":"user","content":"hi"}]'),
          str("gen_ai.output.messages", '[{"role":"assistant","content":"hello"}]'), str("http.route", "/chat"),
        ],
      },
    ]));
    const detail = await getJson(`${fx.collector.url}/api/traces/${id}`);
    expect(detail.trace).toMatchObject({ sessionId: "conv-9", usage: { input: 20, output: 7, total: 27 }, cost: 0.01 });
    expect(detail.observations[0]).toMatchObject({
      type: "generation", model: "gpt-4o-2024-08-06", modelParameters: { temperature: 0.7, max_tokens: 100 },
      input: [{ role: "user", content: "hi" }], output: [{ role: "assistant", content: "hello" }],
    });
    expect(detail.observations[0].metadata.attributes).toMatchObject({ "http.route": "/chat" });
  });

  it("records the sampling probability from tracewise.sample_rate or tracestate th and extrapolates totals", async () => {
    const tag = `sampled-${Date.now()}`;
    const now = Date.now();
    const half = traceId();
    const quarter = traceId();
    await post(`${fx.collector.url}/v1/traces`, otlpRequest([
      { traceId: half, spanId: spanId(), name: "sampled", startMs: now, endMs: now + 1, traceState: "ot=th:8", attributes: [str("langfuse.trace.tags", tag), str("langfuse.observation.cost_details", '{"total":1}')] },
      { traceId: quarter, spanId: spanId(), name: "sampled", startMs: now, endMs: now + 1, traceState: "vendor=x,ot=rv:abc;th:c", attributes: [dbl("tracewise.sample_rate", 0.25), str("langfuse.trace.tags", tag), str("langfuse.observation.cost_details", '{"total":2}')] },
    ]));
    const list = await getJson(`${fx.collector.url}/api/traces?tag=${tag}`);
    expect(Object.fromEntries(list.data.map((t: Json) => [t.id, t.sampleRate]))).toEqual({ [half]: 0.5, [quarter]: 0.25 });
    const totals = await getJson(`${fx.collector.url}/api/traces/totals?tag=${tag}`);
    expect(totals).toMatchObject({ kept: 2, estimatedTraces: 6, cost: 3, estimatedCost: 1 / 0.5 + 2 / 0.25 });
  });

  it("merges spans of one trace that arrive in separate requests", async () => {
    const id = traceId();
    const root = spanId();
    const now = Date.now();
    await post(`${fx.collector.url}/v1/traces`, otlpRequest([{ traceId: id, spanId: spanId(), parentSpanId: root, name: "child", startMs: now + 5, endMs: now + 6, attributes: [str("user.id", "late-user")] }]));
    await post(`${fx.collector.url}/v1/traces`, otlpRequest([{ traceId: id, spanId: root, name: "root", startMs: now, endMs: now + 20 }]));
    const detail = await getJson(`${fx.collector.url}/api/traces/${id}`);
    expect(detail.trace).toMatchObject({ name: "root", userId: "late-user", observationCount: 2, durationMs: 20 });
  });
});
