import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CollectorFixture, getJson, post, startFixture } from "./helpers/collector-fixture";
import type { Json } from "./helpers/collector-fixture";

const iso = (ms: number) => new Date(ms).toISOString();

describe("collector: legacy ingestion API /api/public/ingestion", () => {
  let fx: CollectorFixture;
  beforeAll(async () => {
    fx = await startFixture();
  });
  afterAll(async () => fx.cleanup());

  it("answers 207 with successes and per-event errors, storing every valid event", async () => {
    const t0 = Date.UTC(2026, 1, 2, 10, 0, 0);
    const traceId = "legacy-trace-1";
    const batch = [
      { id: "e1", timestamp: iso(t0), type: "trace-create", body: { id: traceId, name: "legacy run", userId: "bob", sessionId: "chat-7", tags: ["legacy"], input: { q: "hi" }, metadata: { a: 1 } } },
      { id: "e2", timestamp: iso(t0), type: "span-create", body: { id: "span-1", traceId, name: "retrieve", startTime: iso(t0), endTime: iso(t0 + 200) } },
      {
        id: "e3", timestamp: iso(t0), type: "generation-create",
        body: { id: "gen-1", traceId, parentObservationId: "span-1", name: "answer", startTime: iso(t0 + 50), model: "claude-x", modelParameters: { temperature: 0 }, input: [{ role: "user", content: "hi" }] },
      },
      {
        id: "e4", timestamp: iso(t0), type: "generation-update",
        body: { id: "gen-1", endTime: iso(t0 + 150), completionStartTime: iso(t0 + 90), output: { role: "assistant", content: "hello" }, usage: { input: 8, output: 2, totalCost: 0.5 } },
      },
      { id: "e5", timestamp: iso(t0), type: "event-create", body: { id: "evt-1", traceId, name: "cache-miss", startTime: iso(t0 + 10), level: "WARNING" } },
      { id: "e6", timestamp: iso(t0), type: "score-create", body: { id: "score-1", traceId, name: "helpfulness", value: 0.9, comment: "good" } },
      { id: "e7", timestamp: iso(t0), type: "score-create", body: { id: "score-2", traceId, observationId: "gen-1", name: "tone", value: "friendly" } },
      { id: "e8", timestamp: iso(t0), type: "sdk-log", body: { log: "hello" } },
      { id: "bad-1", timestamp: iso(t0), type: "span-create", body: { id: "x", traceId, startTime: "not a date" } },
      { id: "bad-2", timestamp: iso(t0), type: "wat-create", body: {} },
      { id: "bad-3", timestamp: iso(t0), type: "span-update", body: { id: "never-seen" } },
      { id: "bad-4", timestamp: iso(t0), type: "score-create", body: { traceId, name: "no value" } },
    ];
    const res = await post(`${fx.collector.url}/api/public/ingestion`, { batch });
    expect(res.status).toBe(207);
    expect(res.body.successes.map((s: Json) => s.id)).toEqual(["e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8"]);
    expect(res.body.successes.every((s: Json) => s.status === 201)).toBe(true);
    const errors = Object.fromEntries(res.body.errors.map((e: Json) => [e.id, e]));
    expect(Object.keys(errors).sort()).toEqual(["bad-1", "bad-2", "bad-3", "bad-4"]);
    expect(errors["bad-1"]).toMatchObject({ status: 400, message: expect.stringContaining("startTime") });
    expect(errors["bad-2"].message).toContain("unsupported event type");
    expect(errors["bad-3"].message).toContain("no traceId");

    const detail = await getJson(`${fx.collector.url}/api/traces/${traceId}`);
    expect(detail.trace).toMatchObject({
      name: "legacy run", userId: "bob", sessionId: "chat-7", tags: ["legacy"], level: "WARNING", observationCount: 3,
      usage: { input: 8, output: 2, total: 10 }, cost: 0.5, input: { q: "hi" }, metadata: { a: 1 }, startTime: t0,
    });
    const gen = detail.observations.find((o: Json) => o.id === "gen-1");
    expect(gen).toMatchObject({
      type: "generation", parentObservationId: "span-1", model: "claude-x", modelParameters: { temperature: 0 },
      endTime: t0 + 150, timeToFirstTokenMs: 40, output: { role: "assistant", content: "hello" }, input: [{ role: "user", content: "hi" }],
    });
    expect(detail.scores).toEqual([
      expect.objectContaining({ name: "helpfulness", value: 0.9, dataType: "NUMERIC", comment: "good" }),
      expect.objectContaining({ name: "tone", value: "friendly", dataType: "CATEGORICAL", observationId: "gen-1" }),
    ]);
  });

  it("accepts a score through /api/public/scores", async () => {
    const res = await post(`${fx.collector.url}/api/public/scores`, { traceId: "legacy-trace-1", name: "thumbs", value: 1, dataType: "BOOLEAN" });
    expect(res.status).toBe(200);
    expect(typeof res.body.id).toBe("string");
    const detail = await getJson(`${fx.collector.url}/api/traces/legacy-trace-1`);
    expect(detail.scores.map((s: Json) => s.name)).toContain("thumbs");
  });

  it("answers 400 for a body without a batch array", async () => {
    const res = await post(`${fx.collector.url}/api/public/ingestion`, { events: [] });
    expect(res).toEqual({ status: 400, body: { error: expect.stringContaining("batch") } });
  });
});
