/**
 * The protobuf codec sends exactly what the JSON codec sends: every record kind (observations of
 * every type, errors, rich generations, unicode, long fields, scores) is encoded both ways, the
 * protobuf body is decoded by protobufjs with the collector's OTLP descriptor (the same decoder that
 * reads the real `@opentelemetry/exporter-trace-otlp-proto` output in test/dev), and after putting
 * both in one form (ids as hex, 64-bit integers as decimal strings) the two requests are equal.
 */
import { describe, expect, it } from "vitest";
import type { ExportRecord } from "../../../../src/core/records";
import { decodeOtlpProtobuf } from "../../../../src/dev/otlp/decode-otlp";
import { joinBody } from "../../../../src/export/http/batch-body";
import { otlpCodec } from "../../../../src/export/otlp/otlp-codec";
import { LANGFUSE_SCOPE_NAME, otlpEnvelope } from "../../../../src/export/otlp/otlp-resource";
import { otlpProtoCodec } from "../../../../src/export/otlp/proto/otlp-proto-codec";
import { otlpProtoEnvelope } from "../../../../src/export/otlp/proto/otlp-proto-envelope";
import { SAMPLE_RATE_ATTRIBUTE } from "../../../../src/export/otlp/otlp-span";
import type { TraceSnapshot } from "../../../../src/core/records";
import type { BatchCodec } from "../../../../src/export/http/batch-engine";
import { observation, recordsOfEveryKind, snapshot, testContext } from "../../fixtures";

const trace = snapshot({
  name: "t ✓",
  userId: "u",
  sessionId: "s",
  tags: ["x", "y"],
  metadata: { a: 1, nested: { b: [1, 2] } },
  input: { q: "é😀" },
  output: "done",
  release: "r1",
  version: "v1",
  environment: "production",
  public: true,
  sampleRate: 0.25,
  tracestate: "ot=th:c;rv:abcdef01234567,vendor=x",
});

function everyRecord(): ExportRecord[] {
  const shared = { q: "shared" };
  const sharedTrace = snapshot({ name: "shared-io", input: shared, output: "same text" });
  return [
    ...recordsOfEveryKind(trace),
    observation({ trace, type: "tool", name: "tool ✓", level: "ERROR", statusMessage: "boom" }),
    // The root's I/O is the trace's own value: stringified once, sent as both.
    observation({ trace: sharedTrace, isLocalRoot: true, input: shared, output: "same text" }),
    // Fields long enough that their lengths, and the span's, need 2- and 3-byte varints.
    observation({ trace, input: "x".repeat(200), output: "é".repeat(20_000) }),
    observation({ trace, startTime: 1.5, endTime: 2_000_000_000_000 + 0.999 }),
  ];
}

function body(codec: BatchCodec<ExportRecord>, records: readonly ExportRecord[]): Buffer {
  const items = records.flatMap((record) => codec.encode(record, 3_000_000));
  return joinBody(codec.envelope, items, items.map((item) => item.data));
}

/** Puts a decoded OTLP request in one comparable form: ids as hex, 64-bit integers as decimal strings, no empty status. */
function normalize(value: unknown, key = ""): unknown {
  if (Buffer.isBuffer(value)) return value.toString("hex");
  if (Array.isArray(value)) return value.map((item) => normalize(item));
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === "status" && typeof v === "object" && v !== null && Object.keys(v).length === 0) continue;
      if (k === "parentSpanId" && v === "") continue;
      out[k] = normalize(v, k);
    }
    return out;
  }
  if (key === "intValue" || key.endsWith("UnixNano")) return String(value);
  return value;
}

/** The span trace state a snapshot gets: its own, as its sampling decision wrote it. */
function spanTraceStateOf(trace: TraceSnapshot): string {
  return trace.tracestate ?? "";
}

describe("OTLP protobuf codec", () => {
  const context = testContext({ version: "9.9.9" });

  it("encodes every record exactly as the JSON codec does", async () => {
    const records = everyRecord();
    const json = JSON.parse(body(otlpCodec(otlpEnvelope(context, LANGFUSE_SCOPE_NAME)), records).toString("utf8")) as unknown;
    const decoded = await decodeOtlpProtobuf(body(otlpProtoCodec(otlpProtoEnvelope(context, LANGFUSE_SCOPE_NAME)), records));
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    const spans = (normalize(decoded.value) as { resourceSpans: { scopeSpans: { spans: unknown[] }[] }[] }).resourceSpans[0]?.scopeSpans[0]?.spans;
    expect(spans).toHaveLength(records.length);
    expect(normalize(decoded.value)).toEqual(normalize(json));
    type Decoded = { attributes: { key: string; value: { stringValue?: string } }[] };
    const rootOf = (traceName: string): Decoded | undefined =>
      (spans as Decoded[]).find((span) => span.attributes.some((a) => a.key === "langfuse.trace.name" && a.value.stringValue === traceName));
    const text = (span: Decoded | undefined, key: string): string | undefined => span?.attributes.find((a) => a.key === key)?.value.stringValue;
    // A root with I/O of its own sends it as the observation's, and the trace's as the trace's.
    const own = rootOf("t ✓");
    expect([text(own, "langfuse.observation.input"), text(own, "langfuse.trace.input")]).toEqual(['{"q":1}', '{"q":"é😀"}']);
    expect([text(own, "langfuse.observation.output"), text(own, "langfuse.trace.output")]).toEqual(["done", "done"]);
    // A root whose I/O is the trace's own value sends the same text as both.
    const shared = rootOf("shared-io");
    expect([text(shared, "langfuse.observation.input"), text(shared, "langfuse.trace.input")]).toEqual(['{"q":"shared"}', '{"q":"shared"}']);
    expect([text(shared, "langfuse.observation.output"), text(shared, "langfuse.trace.output")]).toEqual(["same text", "same text"]);
  });

  it("gives every span its own trace's attributes, whatever trace the span before it had", async () => {
    const a = snapshot({ userId: "u1", sessionId: "s1", tags: ["t"], metadata: { k: 1 }, release: "r", environment: "prod", sampleRate: 0.5, tracestate: "ot=th:8" });
    // Each differs from the one before in one field the cached fragments are made of (or in none).
    const chain: TraceSnapshot[] = [a, { ...a, output: "later" }, { ...a, id: "ab".repeat(16) }];
    for (const change of [{ userId: "u2" }, { sessionId: "s2" }, { tags: ["t"] }, { tags: ["t", "u"] }, { metadata: { k: 2 } }, { release: "r2" }, { environment: "dev" }, { sampleRate: 0.25, tracestate: "ot=th:c" }, { tracestate: "vendor=x" }]) {
      chain.push({ ...(chain[chain.length - 1] as TraceSnapshot), ...change });
    }
    chain.push(a, snapshot({}));
    const records = chain.map((trace) => observation({ trace, traceId: trace.id }));
    const expected = chain.map((t) => {
      const out: Record<string, unknown> = { "user.id": t.userId, "session.id": t.sessionId, "langfuse.release": t.release, "langfuse.environment": t.environment, [SAMPLE_RATE_ATTRIBUTE]: t.sampleRate };
      out["langfuse.trace.tags"] = t.tags?.length ? t.tags : undefined;
      for (const [k, v] of Object.entries(t.metadata ?? {})) out[`langfuse.trace.metadata.${k}`] = JSON.stringify(v);
      return out;
    });
    type Decoded = { traceState?: string; attributes: { key: string; value: { stringValue?: string; doubleValue?: number; intValue?: string; arrayValue?: { values: { stringValue: string }[] } } }[] };
    const seen = (span: Decoded): Record<string, unknown> => {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(expected[0] as object)) out[key] = undefined;
      for (const { key, value } of span.attributes) {
        if (key === "langfuse.trace.tags") out[key] = value.arrayValue?.values.map((v) => v.stringValue);
        else if (key === SAMPLE_RATE_ATTRIBUTE) out[key] = value.doubleValue ?? Number(value.intValue);
        else if (key === "user.id" || key === "session.id" || key === "langfuse.release" || key === "langfuse.environment" || key.startsWith("langfuse.trace.metadata.")) out[key] = value.stringValue;
      }
      return out;
    };
    const json = normalize(JSON.parse(body(otlpCodec(otlpEnvelope(context, LANGFUSE_SCOPE_NAME)), records).toString("utf8")));
    const decoded = await decodeOtlpProtobuf(body(otlpProtoCodec(otlpProtoEnvelope(context, LANGFUSE_SCOPE_NAME)), records));
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    for (const request of [json, normalize(decoded.value)]) {
      const spans = (request as { resourceSpans: { scopeSpans: { spans: Decoded[] }[] }[] }).resourceSpans[0]?.scopeSpans[0]?.spans ?? [];
      expect(spans.map(seen)).toEqual(expected);
      expect(spans.map((span) => span.traceState ?? "")).toEqual(chain.map((t) => spanTraceStateOf(t)));
    }
  });

  it("frames an empty batch, one span and a multi-megabyte batch", async () => {
    const codec = otlpProtoCodec(otlpProtoEnvelope(context, "tracewise"));
    const big = Array.from({ length: 40 }, () => observation({ trace, input: "y".repeat(60_000) }));
    for (const records of [[], [observation()], big]) {
      const decoded = await decodeOtlpProtobuf(body(codec, records));
      expect(decoded.ok).toBe(true);
      if (!decoded.ok) continue;
      const request = decoded.value as { resourceSpans: { resource: unknown; scopeSpans: { scope: { name: string }; spans?: unknown[] }[] }[] };
      expect(request.resourceSpans[0]?.scopeSpans[0]?.scope.name).toBe("tracewise");
      expect(request.resourceSpans[0]?.scopeSpans[0]?.spans ?? []).toHaveLength(records.length);
    }
  });

  it("keeps a record within the item limit by truncating its largest field", async () => {
    const codec = otlpProtoCodec(otlpProtoEnvelope(context, "tracewise"));
    const record = observation({ trace, input: "z".repeat(50_000) });
    const [item] = codec.encode(record, 10_000);
    expect(item?.bytes).toBeLessThanOrEqual(10_000);
    const decoded = await decodeOtlpProtobuf(joinBody(codec.envelope, [item!], [item!.data]));
    expect(JSON.stringify(decoded)).toContain("truncated by tracewise");
  });
});
