/**
 * Seeds a collector with a realistic mix of traces through its real ingestion endpoints: an agent with
 * tool calls and chat generations (Langfuse attributes over OTLP/JSON), failing runs, sampled traffic
 * (tracestate `ot=th:…` and `tracewise.sample_rate`), GenAI-convention spans, and a legacy batch with
 * scores. Times are relative to now so relative time filters find them.
 */
import { arr, dbl, int, otlpRequest, post, type SpanSpec, spanId, str } from "./collector-fixture";

/** Ids of the seeded traces the tests look at. */
export interface SeededTraces {
  agentTraceId: string;
  failedTraceId: string;
  legacyTraceId: string;
  total: number;
}

const hex = (n: number, len: number) => n.toString(16).padStart(len, "0");

function agentTrace(traceId: string, t0: number, user: string, fail: boolean): SpanSpec[] {
  const root = spanId();
  const retrieve = spanId();
  const plan = spanId();
  const tool = spanId();
  const answer = spanId();
  const common = [str("user.id", user), str("session.id", `chat-${user}`), arr("langfuse.trace.tags", ["support", "prod"])];
  const question = "Where is my order #1234? It was supposed to arrive yesterday.";
  const system = "You are a concise, friendly support agent for Acme. Use tools to look up orders.";
  return [
    {
      traceId, spanId: root, name: "support-agent", startMs: t0, endMs: t0 + 4200,
      attributes: [str("langfuse.observation.type", "agent"), str("langfuse.trace.name", "support-agent"), ...common,
        str("langfuse.observation.input", JSON.stringify({ question })),
        str("langfuse.observation.output", JSON.stringify(fail ? null : { answer: "Your order ships today and arrives Friday." })),
        str("langfuse.trace.metadata.plan", "pro")],
      ...(fail && { status: { code: 2, message: "order service unavailable" } }),
    },
    {
      traceId, spanId: retrieve, parentSpanId: root, name: "search-docs", startMs: t0 + 40, endMs: t0 + 520,
      attributes: [str("langfuse.observation.type", "retriever"), ...common, str("langfuse.observation.input", JSON.stringify({ query: "late order policy", k: 3 })),
        str("langfuse.observation.output", JSON.stringify([{ id: "kb-12", title: "Shipping delays", score: 0.91 }, { id: "kb-7", title: "Order tracking", score: 0.84 }]))],
    },
    {
      traceId, spanId: plan, parentSpanId: root, name: "plan", startMs: t0 + 560, endMs: t0 + 1700,
      attributes: [str("langfuse.observation.type", "generation"), ...common, str("langfuse.observation.model.name", "gpt-4o-mini"),
        str("langfuse.observation.model.parameters", JSON.stringify({ temperature: 0.2, max_tokens: 512, tool_choice: "auto" })),
        str("langfuse.observation.usage_details", JSON.stringify({ input: 412, output: 38 })),
        str("langfuse.observation.cost_details", JSON.stringify({ input: 0.0000618, output: 0.0000228 })),
        str("langfuse.observation.completion_start_time", new Date(t0 + 910).toISOString()),
        str("langfuse.observation.input", JSON.stringify([{ role: "system", content: system }, { role: "user", content: question }])),
        str("langfuse.observation.output", JSON.stringify({ role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "lookup_order", arguments: '{"order_id":"1234"}' } }] }))],
    },
    {
      traceId, spanId: tool, parentSpanId: root, name: "lookup_order", startMs: t0 + 1720, endMs: t0 + (fail ? 4100 : 2300),
      attributes: [str("langfuse.observation.type", "tool"), ...common, str("langfuse.observation.input", JSON.stringify({ order_id: "1234" })),
        ...(fail ? [] : [str("langfuse.observation.output", JSON.stringify({ status: "delayed", eta: "Friday", carrier: "DHL" }))])],
      ...(fail && { status: { code: 2, message: "ECONNREFUSED orders.internal:443" } }),
    },
    ...(fail ? [] : [{
      traceId, spanId: answer, parentSpanId: root, name: "answer", startMs: t0 + 2320, endMs: t0 + 4150,
      attributes: [str("langfuse.observation.type", "generation"), ...common, str("langfuse.observation.model.name", "gpt-4o-mini"),
        str("langfuse.observation.model.parameters", JSON.stringify({ temperature: 0.2, max_tokens: 512 })),
        str("langfuse.observation.usage_details", JSON.stringify({ input: 530, output: 61, input_cached_tokens: 384 })),
        str("langfuse.observation.cost_details", JSON.stringify({ input: 0.0000795, output: 0.0000366 })),
        str("langfuse.observation.completion_start_time", new Date(t0 + 2710).toISOString()),
        str("langfuse.observation.prompt.name", "support-answer"), int("langfuse.observation.prompt.version", 4),
        str("langfuse.observation.input", JSON.stringify([
          { role: "system", content: system }, { role: "user", content: question },
          { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "lookup_order", arguments: '{"order_id":"1234"}' } }] },
          { role: "tool", tool_call_id: "call_1", content: '{"status":"delayed","eta":"Friday","carrier":"DHL"}' },
        ])),
        str("langfuse.observation.output", JSON.stringify({ role: "assistant", content: "Sorry for the wait! Your order #1234 was delayed at the carrier (DHL). It ships today and should arrive on Friday." }))],
    }, {
      traceId, spanId: spanId(), parentSpanId: root, name: "cache-hit", startMs: t0 + 30, endMs: t0 + 30,
      attributes: [str("langfuse.observation.type", "event"), str("langfuse.observation.level", "DEBUG")],
    }]),
  ];
}

function sampledTraces(t0: number, count: number): SpanSpec[] {
  return Array.from({ length: count }, (_, i) => {
    const traceId = hex(0x5a000000 + i, 32);
    const start = t0 - i * 97_000;
    return {
      traceId, spanId: spanId(), name: i % 3 === 0 ? "summarize" : "classify-ticket", startMs: start, endMs: start + 300 + ((i * 137) % 900),
      ...(i % 2 === 0 ? { traceState: "ot=th:8" } : {}),
      attributes: [
        str("gen_ai.operation.name", "chat"), str("gen_ai.request.model", i % 3 === 0 ? "claude-3-5-haiku" : "gpt-4o-mini"),
        int("gen_ai.usage.input_tokens", 800 + i * 13), int("gen_ai.usage.output_tokens", 120 + i), dbl("gen_ai.usage.cost", 0.0009 + i * 0.00002),
        str("user.id", `user-${i % 5}`), str("session.id", `batch-${Math.floor(i / 4)}`), arr("langfuse.trace.tags", ["batch", i % 3 === 0 ? "summaries" : "triage"]),
        str("gen_ai.input.messages", JSON.stringify([{ role: "user", content: `Ticket ${1000 + i}: my invoice is wrong` }])),
        str("gen_ai.output.messages", JSON.stringify([{ role: "assistant", content: i % 3 === 0 ? "Customer disputes invoice amount." : "billing" }])),
        ...(i % 2 === 1 ? [dbl("tracewise.sample_rate", 0.1)] : []),
      ],
    };
  });
}

/** Seeds the traces; returns the ids the tests use. */
export async function seedTraces(baseUrl: string, now: number = Date.now()): Promise<SeededTraces> {
  const agentTraceId = hex(0xa9e47, 32);
  const failedTraceId = hex(0xfa11ed, 32);
  const spans = [...agentTrace(agentTraceId, now - 60_000, "alice", false), ...agentTrace(failedTraceId, now - 240_000, "bob", true), ...sampledTraces(now - 120_000, 16)];
  const otlp = await post(`${baseUrl}/v1/traces`, otlpRequest(spans, [str("service.name", "support-bot"), str("deployment.environment.name", "production"), str("service.version", "2.3.1")]), { gzip: true });
  if (otlp.status !== 200) throw new Error(`seeding OTLP failed: ${JSON.stringify(otlp.body)}`);

  const legacyTraceId = "nightly-eval-2026";
  const iso = (ms: number) => new Date(ms).toISOString();
  const t0 = now - 3_600_000;
  const batch = [
    { id: "l1", timestamp: iso(t0), type: "trace-create", body: { id: legacyTraceId, name: "nightly-eval", userId: "ci", tags: ["eval"], input: { suite: "faq", cases: 25 } } },
    { id: "l2", timestamp: iso(t0), type: "generation-create", body: { id: "eval-gen", traceId: legacyTraceId, name: "judge", startTime: iso(t0), endTime: iso(t0 + 2400), model: "gpt-4o", usage: { input: 1900, output: 240 }, costDetails: { total: 0.0071 }, input: [{ role: "user", content: "Rate the answer 1-5" }], output: { role: "assistant", content: "4" } } },
    { id: "l3", timestamp: iso(t0), type: "score-create", body: { traceId: legacyTraceId, name: "accuracy", value: 0.92 } },
    { id: "l4", timestamp: iso(t0), type: "score-create", body: { traceId: legacyTraceId, observationId: "eval-gen", name: "verdict", value: "pass" } },
    { id: "l5", timestamp: iso(t0), type: "score-create", body: { traceId: agentTraceId, name: "user-feedback", value: 1, dataType: "BOOLEAN", comment: "thumbs up" } },
  ];
  const legacy = await post(`${baseUrl}/api/public/ingestion`, { batch });
  if (legacy.status !== 207 || legacy.body.errors.length > 0) throw new Error(`seeding legacy failed: ${JSON.stringify(legacy.body)}`);
  return { agentTraceId, failedTraceId, legacyTraceId, total: 2 + 16 + 1 };
}
