/**
 * The protobuf codec sends exactly what the JSON codec sends: every record kind (observations of
 * every type, errors, rich generations, unicode, long fields, scores) is encoded both ways, the
 * protobuf body is decoded by protobufjs with the collector's OTLP descriptor (the same decoder that
 * reads the real `@opentelemetry/exporter-trace-otlp-proto` output in test/dev), and after putting
 * both in one form (ids as hex, 64-bit integers as decimal strings) the two requests are equal.
 */
import { describe, expect, it } from "vitest";
import { OBSERVATION_TYPES, type ExportRecord } from "../../../../src/core/records";
import { decodeOtlpProtobuf } from "../../../../src/dev/otlp/decode-otlp";
import { joinBody } from "../../../../src/export/http/batch-body";
import { otlpCodec } from "../../../../src/export/otlp/otlp-codec";
import { LANGFUSE_SCOPE_NAME, otlpEnvelope } from "../../../../src/export/otlp/otlp-resource";
import { otlpProtoCodec } from "../../../../src/export/otlp/proto/otlp-proto-codec";
import { otlpProtoEnvelope } from "../../../../src/export/otlp/proto/otlp-proto-envelope";
import type { BatchCodec } from "../../../../src/export/http/batch-engine";
import { observation, score, snapshot, testContext } from "../../fixtures";

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
  const root = observation({ trace, isLocalRoot: true, input: { q: 1 }, metadata: { k: "v" } });
  const rich = {
    model: "gpt-4o-mini",
    modelParameters: { temperature: 0.3, max_tokens: 256, stream: true, stop: ["\n", "END"], seed: -7 },
    usageDetails: { input: 10, output: 4, total: 14, input_cached_tokens: 2 },
    costDetails: { input: 0.0001, output: 0.0002, total: 0.0003 },
    completionStartTime: root.startTime + 3.123456,
    promptName: "p",
    promptVersion: 2,
  };
  const children = OBSERVATION_TYPES.map((type) =>
    observation({
      trace,
      type,
      name: `${type} ✓`,
      parentObservationId: root.id,
      level: type === "tool" ? "ERROR" : "DEFAULT",
      ...(type === "tool" ? { statusMessage: "boom" } : {}),
      version: "v2",
      ...(type === "generation" || type === "embedding" ? rich : {}),
    }),
  );
  return [
    root,
    ...children,
    // Fields long enough that their lengths, and the span's, need 2- and 3-byte varints.
    observation({ trace, parentObservationId: root.id, input: "x".repeat(200), output: "é".repeat(20_000) }),
    observation({ trace, parentObservationId: root.id, startTime: 1.5, endTime: 2_000_000_000_000 + 0.999 }),
    score({ traceId: trace.id }),
    score({ traceId: trace.id, observationId: root.id, value: "good", dataType: "CATEGORICAL", comment: "c", metadata: { by: "me" } }),
    score({ traceId: trace.id, value: 1, dataType: "BOOLEAN", environment: "staging" }),
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
