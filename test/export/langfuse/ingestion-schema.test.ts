/**
 * Every event type the ingestion exporter emits validates against Langfuse's OpenAPI schema
 * (shared/reference/langfuse/openapi.yml), converted to JSON Schema and checked with Ajv.
 */
import { joinBody } from "../../../src/export/http/batch-body";
import { beforeAll, describe, expect, it } from "vitest";
import type { ValidateFunction } from "ajv";
import type { ExportRecord } from "../../../src/core/records";
import { ingestionCodec } from "../../../src/export/langfuse/ingestion-codec";
import { observation, recordsOfEveryKind, snapshot } from "../fixtures";
import { langfuseAjv } from "./openapi-schema";

let validateEvent: ValidateFunction;
let validateRequest: ValidateFunction;

beforeAll(() => {
  const ajv = langfuseAjv();
  validateEvent = ajv.getSchema("langfuse#/$defs/IngestionEvent")!;
  validateRequest = ajv.compile({
    type: "object",
    properties: { batch: { type: "array", items: { $ref: "langfuse#/$defs/IngestionEvent" } }, metadata: {} },
    required: ["batch"],
  });
});

const trace = snapshot({
  name: "t",
  userId: "u",
  sessionId: "s",
  tags: ["x"],
  metadata: { a: 1 },
  input: { q: 1 },
  output: "done",
  release: "r1",
  version: "v1",
  environment: "production",
  public: false,
  sampleRate: 0.5,
});

function everyRecord(): ExportRecord[] {
  return [...recordsOfEveryKind(trace), observation({ trace, input: "x".repeat(50_000) })];
}

function eventsOf(typedSpansAsSpans: boolean): Record<string, unknown>[] {
  const codec = ingestionCodec({ typedSpansAsSpans, environment: "default", release: "r0" }, { name: "tracewise", version: "0.1.0" });
  return everyRecord().flatMap((record) => codec.encode(record, 20_000).map((item) => JSON.parse(String(item.data)) as Record<string, unknown>));
}

/**
 * The typed observation events the server accepts, each with the generation-create body
 * (langfuse/langfuse packages/shared/src/server/ingestion/types.ts: `agentCreateEvent` … `guardrailCreateEvent`
 * use `CreateGenerationBody`; its legacy `observation-create` takes only type SPAN, GENERATION or EVENT).
 * openapi.yml does not list them, so their bodies are checked as the generation-create body they are.
 */
const TYPED_CREATE = ["agent-create", "chain-create", "embedding-create", "evaluator-create", "guardrail-create", "retriever-create", "tool-create"];

function asOpenApiEvent(event: Record<string, unknown>): Record<string, unknown> {
  return TYPED_CREATE.includes(String(event.type)) ? { ...event, type: "generation-create" } : event;
}

describe("legacy ingestion events against openapi.yml", () => {
  it.each([false, true])("every event validates (typedSpansAsSpans: %s)", (typedSpansAsSpans) => {
    const events = eventsOf(typedSpansAsSpans);
    for (const event of events) {
      const ok = validateEvent(asOpenApiEvent(event));
      expect(ok, `${String(event.type)}: ${JSON.stringify(validateEvent.errors?.slice(0, 3))}`).toBe(true);
    }
    const codec = ingestionCodec({ typedSpansAsSpans }, { name: "tracewise", version: "0.1.0" });
    const texts = events.map((e) => JSON.stringify(asOpenApiEvent(e)));
    const body = JSON.parse(joinBody(codec.envelope, texts.map((t) => ({ bytes: Buffer.byteLength(t) })), texts).toString("utf8"));
    expect(validateRequest(body), JSON.stringify(validateRequest.errors?.slice(0, 3))).toBe(true);
  });

  it("emits each event type the schema has for our records", () => {
    const types = new Set(eventsOf(false).map((e) => e.type));
    expect([...types].sort()).toEqual(["event-create", "generation-create", "score-create", "span-create", "trace-create", ...TYPED_CREATE].sort());
    expect(eventsOf(false).some((e) => "type" in (e.body as object))).toBe(false);
    expect([...new Set(eventsOf(true).map((e) => e.type))].sort()).toEqual(["event-create", "generation-create", "score-create", "span-create", "trace-create"]);
  });

  it("records the trace's sample rate as tracewise_sample_rate in trace and observation metadata", () => {
    const events = eventsOf(false).filter((e) => e.type !== "score-create");
    expect(events.length).toBeGreaterThan(8);
    for (const event of events) {
      expect((event.body as { metadata?: Record<string, unknown> }).metadata, String(event.type)).toMatchObject({ tracewise_sample_rate: 0.5 });
    }
    const traceCreate = events.find((e) => e.type === "trace-create")!.body as { metadata: Record<string, unknown> };
    expect(traceCreate.metadata).toEqual({ a: 1, tracewise_sample_rate: 0.5 });
  });

  it("sends null metadata values as JSON null, never the string \"null\"", () => {
    const events = eventsOf(false);
    const withNull = ingestionCodec({ typedSpansAsSpans: false }, { name: "tracewise", version: "0.1.0" })
      .encode(observation({ trace: snapshot({ metadata: { gone: null } }), metadata: { cleared: null } }), 20_000)
      .map((item) => String(item.data));
    expect(withNull.join("")).toContain('"cleared":null');
    expect(withNull.join("")).not.toContain('"null"');
    expect(events.length).toBeGreaterThan(0);
  });

  it("gives every event a unique id and ISO timestamps with an offset", () => {
    const events = eventsOf(false);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    const span = events.find((e) => e.type === "generation-create")!.body as Record<string, string>;
    expect(span.startTime).toMatch(/Z$/);
    expect(span.completionStartTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("rejects what the schema forbids (the validator is not vacuous)", () => {
    const base = eventsOf(false).find((e) => e.type === "generation-create")!;
    const bad = [
      { ...base, body: { ...(base.body as object), promptVersion: "2" } },
      { ...base, body: { ...(base.body as object), usageDetails: { input: 1.5 } } },
      { ...base, body: { ...(base.body as object), completionStartTime: "yesterday" } },
      { ...base, body: { ...(base.body as object), bogusField: 1 } },
      { ...base, type: "generation-upsert" },
      { ...base, timestamp: undefined },
    ];
    for (const event of bad) expect(validateEvent(event), JSON.stringify(event).slice(0, 120)).toBe(false);
  });
});
