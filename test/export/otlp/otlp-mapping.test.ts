/**
 * The Langfuse OTLP mapping, field by field, as received by a real loopback server (gzip decoded),
 * following shared/design/LANGFUSE-OTLP.md, over both OTLP/HTTP encodings: protobuf (the default)
 * and JSON. The server decodes protobuf with protobufjs into the OTLP/JSON shape.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ObservationRecord } from "../../../src/core/records";
import { OtlpHttpExporter } from "../../../src/export/otlp/otlp-http-exporter";
import { FaultServer, type ReceivedRequest } from "../../helpers/fault-server";
import { observation, score, snapshot, testContext } from "../fixtures";

type Attr = { key: string; value: Record<string, unknown> };
type Span = { traceId: string; spanId: string; parentSpanId: string; name: string; kind: number; traceState?: string; startTimeUnixNano: string; endTimeUnixNano: string; status: { code?: number; message?: string }; attributes: Attr[] };

type Body = { resourceSpans: { resource: { attributes: Attr[] }; scopeSpans: { scope: { name: string; version: string }; spans: Span[] }[] }[] };

let server: FaultServer;
let otlp: ReceivedRequest;
let ingestion: ReceivedRequest;
let spans: Map<string, Span>;
const trace = snapshot({
  id: "4bf92f3577b34da6a3ce929d0e0e4736",
  name: "agent-run",
  userId: "u1",
  sessionId: "s1",
  tags: ["a", "b"],
  metadata: { tier: "gold", nested: { k: 1 }, gone: null },
  input: { question: "What is OTLP?" },
  output: { answer: "A protocol." },
  public: true,
  sampleRate: 0.25,
  tracestate: "ot=th:c;rv:0123456789abcd,vendor=x",
});
const root = observation({ id: "00f067aa0ba902b7", trace, traceId: trace.id, isLocalRoot: true, name: "agent-run", startTime: 1_767_225_600_000, endTime: 1_767_225_603_000.5, metadata: { customer_tier: "gold", cleared: null }, version: "v7" });
const generation = observation({
  id: "0123456789abcdef",
  trace,
  traceId: trace.id,
  parentObservationId: root.id,
  type: "generation",
  name: "llm",
  model: "gpt-4o-mini",
  modelParameters: { temperature: 0.2, max_tokens: 256 },
  usageDetails: { input: 10, output: 5, input_cached_tokens: 2 },
  costDetails: { input: 0.000015, output: 0.00003 },
  completionStartTime: 1_767_225_601_350,
  promptName: "qa",
  promptVersion: 3,
  input: [{ role: "user", content: "What is OTLP?" }],
  output: "A protocol.",
});
const failed = observation({ id: "a1b2c3d4e5f60718", trace, traceId: trace.id, parentObservationId: root.id, type: "tool", name: "search", level: "ERROR", statusMessage: "boom" });
const aScore = score({ traceId: trace.id, observationId: generation.id, name: "helpfulness", value: 0.75 });

function attrs(span: Span | undefined): Record<string, unknown> {
  return Object.fromEntries((span?.attributes ?? []).map((a) => [a.key, a.value]));
}

describe.each(["http/protobuf", "http/json"] as const)("over OTLP %s", (protocol) => {
  beforeAll(async () => {
    server = await FaultServer.start();
    const exporter = new OtlpHttpExporter({ publicKey: "pk-lf-test", secretKey: "sk-lf-secret", baseUrl: `${server.origin}/`, env: {}, protocol });
    exporter.init(testContext({ environment: "production", release: "1.4.2", version: "2.0.0", serviceName: "my-agent" }));
    exporter.export([generation, failed, root, aScore]);
    await exporter.shutdown();
    otlp = server.requests.find((r) => r.path === "/api/public/otel/v1/traces")!;
    ingestion = server.requests.find((r) => r.path === "/api/public/ingestion")!;
    const body = otlp.body as Body;
    spans = new Map(body.resourceSpans[0]!.scopeSpans[0]!.spans.map((s) => [s.spanId, s]));
  });
  afterAll(async () => {
    await server.close();
  });


  describe("Langfuse OTLP request", () => {
    it("posts gzip bodies of the protocol's content type with Basic auth, ingestion version 4 and SDK headers", () => {
      expect(otlp.headers.authorization).toBe(`Basic ${Buffer.from("pk-lf-test:sk-lf-secret").toString("base64")}`);
      expect(otlp.headers["x-langfuse-ingestion-version"]).toBe("4");
      expect(otlp.headers["x-langfuse-sdk-name"]).toBe("tracewise");
      expect(otlp.headers["x-langfuse-sdk-version"]).toBe("0.1.0");
      expect(otlp.headers["content-type"]).toBe(protocol === "http/json" ? "application/json" : "application/x-protobuf");
      expect(otlp.headers["content-encoding"]).toBe("gzip");
      expect(otlp.wireBytes).toBeLessThan(otlp.bytes);
    });

    it("puts environment and release on the resource and names the scope langfuse-sdk-…", () => {
      const body = otlp.body as Body;
      const resource = Object.fromEntries(body.resourceSpans[0]!.resource.attributes.map((a: Attr) => [a.key, a.value]));
      expect(resource).toMatchObject({
        "service.name": { stringValue: "my-agent" },
        "service.version": { stringValue: "2.0.0" },
        "deployment.environment.name": { stringValue: "production" },
        "langfuse.release": { stringValue: "1.4.2" },
        "telemetry.sdk.language": { stringValue: "nodejs" },
      });
      expect(body.resourceSpans[0]!.scopeSpans[0]!.scope).toEqual({ name: "langfuse-sdk-tracewise", version: "0.1.0" });
    });

    it("sends ids as lowercase hex, times as nanosecond strings, the root with an empty parent", () => {
      const span = spans.get(root.id)!;
      expect((otlp.body as Body).resourceSpans[0]!.scopeSpans[0]!.spans[0]!.traceId).toBe(trace.id);
      expect(span.parentSpanId).toBe("");
      expect(spans.get(generation.id)?.parentSpanId).toBe(root.id);
      expect(span.startTimeUnixNano).toBe("1767225600000000000");
      expect(span.endTimeUnixNano).toBe("1767225603000500000");
      expect(spans.get(generation.id)?.kind).toBe(3);
      expect(span.kind).toBe(1);
    });

    it("carries the trace fields and the trace's input/output on the root span", () => {
      expect(attrs(spans.get(root.id))).toMatchObject({
        "langfuse.observation.type": { stringValue: "span" },
        "langfuse.trace.name": { stringValue: "agent-run" },
        "langfuse.trace.public": { boolValue: true },
        "langfuse.trace.input": { stringValue: '{"question":"What is OTLP?"}' },
        "langfuse.trace.output": { stringValue: '{"answer":"A protocol."}' },
        "langfuse.observation.input": { stringValue: '{"question":"What is OTLP?"}' },
        "langfuse.observation.output": { stringValue: '{"answer":"A protocol."}' },
        "langfuse.observation.metadata.customer_tier": { stringValue: "gold" },
        "langfuse.version": { stringValue: "v7" },
      });
      expect(attrs(spans.get(generation.id))["langfuse.trace.name"]).toBeUndefined();
    });

    it("puts user, session, tags, public and trace metadata on every span, tags as an arrayValue", () => {
      // Langfuse's legacy path turns every span with trace attributes into a trace-create merged in order,
      // and its direct path stores `public` per row (packages/shared/src/server/otel/OtelIngestionProcessor.ts,
      // hasTraceUpdates, createTraceEvent, extractPublic): run on these bodies it gave public=true on all 12 rows.
      for (const span of spans.values()) {
        expect(attrs(span)).toMatchObject({
          "langfuse.trace.public": { boolValue: true },
          "user.id": { stringValue: "u1" },
          "session.id": { stringValue: "s1" },
          "langfuse.trace.tags": { arrayValue: { values: [{ stringValue: "a" }, { stringValue: "b" }] } },
          "langfuse.trace.metadata.tier": { stringValue: "gold" },
          "langfuse.trace.metadata.nested": { stringValue: '{"k":1}' },
          "tracewise.sample_rate": { doubleValue: 0.25 },
        });
        expect(span.traceState).toBe("ot=th:c;rv:0123456789abcd,vendor=x");
      }
    });

    it("records the sample rate as Langfuse trace and observation metadata on every span", () => {
      // Langfuse copies span attributes into metadata only for scopes not starting with `langfuse-sdk`
      // and never reads tracestate; it keeps `langfuse.{trace,observation}.metadata.<key>` values as sent
      // (packages/shared/src/server/otel/OtelIngestionProcessor.ts, extractPrefixedMetadataAttributes).
      for (const span of spans.values()) {
        expect(attrs(span)).toMatchObject({
          "langfuse.trace.metadata.tracewise_sample_rate": { doubleValue: 0.25 },
          "langfuse.observation.metadata.tracewise_sample_rate": { doubleValue: 0.25 },
        });
      }
    });

    it("maps a generation: model, parameters, canonical usage, cost, ISO completion start, prompt as intValue", () => {
      expect(attrs(spans.get(generation.id))).toMatchObject({
        "langfuse.observation.type": { stringValue: "generation" },
        "langfuse.observation.model.name": { stringValue: "gpt-4o-mini" },
        "langfuse.observation.model.parameters": { stringValue: '{"temperature":0.2,"max_tokens":256}' },
        "langfuse.observation.usage_details": { stringValue: '{"input":10,"output":5,"input_cached_tokens":2}' },
        "langfuse.observation.cost_details": { stringValue: '{"input":0.000015,"output":0.00003}' },
        "langfuse.observation.completion_start_time": { stringValue: "2026-01-01T00:00:01.350Z" },
        "langfuse.observation.prompt.name": { stringValue: "qa" },
        "langfuse.observation.prompt.version": { intValue: "3" },
        "langfuse.observation.input": { stringValue: '[{"role":"user","content":"What is OTLP?"}]' },
        "langfuse.observation.output": { stringValue: "A protocol." },
      });
    });

    it("adds the GenAI semantic-convention attributes", () => {
      expect(attrs(spans.get(generation.id))).toMatchObject({
        "gen_ai.operation.name": { stringValue: "chat" },
        "gen_ai.request.model": { stringValue: "gpt-4o-mini" },
        "gen_ai.response.model": { stringValue: "gpt-4o-mini" },
        "gen_ai.request.temperature": { doubleValue: 0.2 },
        "gen_ai.request.max_tokens": { intValue: "256" },
        "gen_ai.usage.input_tokens": { intValue: "12" },
        "gen_ai.usage.output_tokens": { intValue: "5" },
        "gen_ai.usage.cache_read.input_tokens": { intValue: "2" },
      });
      expect(attrs(spans.get(failed.id))).toMatchObject({ "gen_ai.operation.name": { stringValue: "execute_tool" }, "gen_ai.tool.name": { stringValue: "search" } });
    });

    it("marks an ERROR observation with status code 2, its message and lowercase type", () => {
      const span = spans.get(failed.id)!;
      expect(span.status).toEqual({ code: 2, message: "boom" });
      expect(attrs(span)).toMatchObject({
        "langfuse.observation.type": { stringValue: "tool" },
        "langfuse.observation.level": { stringValue: "ERROR" },
        "langfuse.observation.status_message": { stringValue: "boom" },
      });
      expect(spans.get(root.id)?.status).toEqual({});
    });

    it("leaves null metadata values out instead of sending the string \"null\"", () => {
      for (const span of spans.values()) {
        expect(attrs(span)["langfuse.trace.metadata.gone"]).toBeUndefined();
        expect(attrs(span)["langfuse.observation.metadata.cleared"]).toBeUndefined();
      }
      expect(JSON.stringify(otlp.body)).not.toContain('"stringValue":"null"');
    });

    it("never uses kvlistValue", () => {
      expect(JSON.stringify(otlp.body)).not.toContain("kvlistValue");
    });
  });

  describe("scores with a Langfuse target", () => {
    it("go to /api/public/ingestion as score-create events, not as spans", () => {
      const batch = (ingestion.body as { batch: unknown[] }).batch;
      expect(batch).toHaveLength(1);
      expect(batch[0]).toMatchObject({
        type: "score-create",
        body: { id: aScore.id, traceId: trace.id, observationId: generation.id, name: "helpfulness", value: 0.75, dataType: "NUMERIC", environment: "production" },
      });
      expect(ingestion.headers.authorization).toMatch(/^Basic /);
      expect(spans.size).toBe(3);
    });
  });
});

describe("a generic OTLP backend from OTEL_* variables", () => {
  beforeAll(async () => {
    server = await FaultServer.start();
  });
  afterAll(async () => {
    await server.close();
  });

  it.each([
    [{}, "application/x-protobuf", "gzip"],
    [{ OTEL_EXPORTER_OTLP_PROTOCOL: "http/json", OTEL_EXPORTER_OTLP_COMPRESSION: "none" }, "application/json", undefined],
    [{ OTEL_EXPORTER_OTLP_PROTOCOL: "http/json", OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: "HTTP/PROTOBUF" }, "application/x-protobuf", "gzip"],
    [{ OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: "none", OTEL_EXPORTER_OTLP_COMPRESSION: "gzip" }, "application/x-protobuf", undefined],
  ] as const)("follows the protocol and compression variables %j", async (vars, contentType, encoding) => {
    const before = server.requests.length;
    const exporter = new OtlpHttpExporter({ env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${server.origin}/v1/traces`, ...vars } });
    exporter.init(testContext());
    const sent = observation({ isLocalRoot: true, name: "wire" });
    exporter.export([sent]);
    await exporter.shutdown();
    const request = server.requests[before];
    expect(request?.headers["content-type"]).toBe(contentType);
    expect(request?.headers["content-encoding"]).toBe(encoding);
    expect(request?.ids).toEqual([sent.id]);
  });

  it("warns once about an unsupported protocol or compression variable and uses the defaults", async () => {
    const ctx = testContext();
    const exporter = new OtlpHttpExporter({ env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${server.origin}/v1/traces`, OTEL_EXPORTER_OTLP_PROTOCOL: "grpc", OTEL_EXPORTER_OTLP_COMPRESSION: "brotli" } });
    exporter.init(ctx);
    exporter.export([observation({ isLocalRoot: true })]);
    exporter.export([observation({ isLocalRoot: true })]);
    await exporter.shutdown();
    expect(exporter.wire).toEqual({ protocol: "http/protobuf", gzip: true });
    expect(ctx.lines.filter((l) => l.includes("OTEL_EXPORTER_OTLP_PROTOCOL=\"grpc\""))).toHaveLength(1);
    expect(ctx.lines.filter((l) => l.includes("OTEL_EXPORTER_OTLP_COMPRESSION=\"brotli\""))).toHaveLength(1);
  });

  it("rejects a bad explicit protocol or gzip option at construction, naming it", () => {
    expect(() => new OtlpHttpExporter({ endpoint: "http://127.0.0.1:1/v1/traces", protocol: "grpc" as never, env: {} })).toThrow(/protocol.*grpc.*"http\/protobuf", "http\/json"/s);
    expect(() => new OtlpHttpExporter({ endpoint: "http://127.0.0.1:1/v1/traces", gzip: "yes" as never, env: {} })).toThrow(/gzip.*yes.*true or false/s);
  });

  it("ignores the OTel protocol variables for a Langfuse target", () => {
    const exporter = new OtlpHttpExporter({ publicKey: "pk", secretKey: "sk", env: { OTEL_EXPORTER_OTLP_PROTOCOL: "http/json", OTEL_EXPORTER_OTLP_COMPRESSION: "none" } });
    expect(exporter.wire).toEqual({ protocol: "http/protobuf", gzip: true });
  });

  it("appends /v1/traces, sends the headers, and carries scores as zero-duration spans", async () => {
    const records: ObservationRecord[] = [observation({ isLocalRoot: true })];
    const generic = new OtlpHttpExporter({
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: `${server.origin}/otel`, OTEL_EXPORTER_OTLP_HEADERS: "x-api-key=abc%20def, x-team = core" },
    });
    generic.init(testContext());
    const s = score({ traceId: records[0]!.traceId, value: "good", dataType: "CATEGORICAL", comment: "fine" });
    generic.export([...records, s]);
    await generic.shutdown();
    const request = server.requests.find((r) => r.path === "/otel/v1/traces")!;
    expect(request.headers["x-api-key"]).toBe("abc def");
    expect(request.headers["x-team"]).toBe("core");
    expect(request.headers["x-langfuse-ingestion-version"]).toBeUndefined();
    const sent = (request.body as Body).resourceSpans[0]!.scopeSpans[0]!;
    expect(sent.scope.name).toBe("tracewise");
    const scoreSpan = sent.spans.find((sp: Span) => sp.name === "score quality") as Span;
    expect(scoreSpan.startTimeUnixNano).toBe(scoreSpan.endTimeUnixNano);
    expect(attrs(scoreSpan)).toMatchObject({
      "gen_ai.evaluation.name": { stringValue: "quality" },
      "gen_ai.evaluation.score.label": { stringValue: "good" },
      "gen_ai.evaluation.explanation": { stringValue: "fine" },
      "tracewise.score.data_type": { stringValue: "CATEGORICAL" },
    });
  });
});
