/**
 * Bounds, burst delivery, and the flush()/shutdown() contract, against the real loopback server and
 * transport. Retry jitter is `random: () => 0` (0 ms backoff); no assertion depends on timing.
 */
import { describe, expect, it } from "vitest";
import { faults } from "../../helpers/fault-server";
import { observation, smallTrace } from "../fixtures";
import { useLoopbackOtlp } from "./loopback-otlp";

const loopback = useLoopbackOtlp();
const exporter = loopback.exporter;

describe("a burst of 20k traces × 3 observations", () => {
  it("is delivered in full, each observation once, with the default bounds", async () => {
    const e = exporter();
    const ids: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const trace = smallTrace(i);
      for (const record of trace) ids.push(record.id);
      e.export(trace);
    }
    await e.flush();
    const accepted = loopback.server.acceptedIds();
    expect(accepted.length).toBe(60_000);
    expect(new Set(accepted).size).toBe(60_000);
    expect(loopback.ctx.counters.get("export.otlp.records.exported")).toBe(60_000);
    expect(Object.keys(loopback.ctx.counters.snapshot()).filter((k) => k.includes("dropped"))).toEqual([]);
    await e.shutdown();
  });
});

describe("memory while the backend is down", () => {
  it("holds at most maxQueueRecords, drops whole traces past it, counts every drop and delivers what it held once the backend is back", async () => {
    await loopback.server.down();
    const e = exporter({ maxQueueRecords: 600, flushAt: 100 });
    const kept: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const trace = smallTrace(i);
      e.export(trace);
      // New traces are admitted below 90 % of the bound (540 records = 180 whole traces).
      if (i < 180) kept.push(...trace.map((r) => r.id));
      expect(e.pendingCount()).toBeLessThanOrEqual(600);
    }
    expect(loopback.ctx.counters.get("export.otlp.dropped.queue_full")).toBe(3000 - 540);
    expect(loopback.ctx.counters.get("export.otlp.dropped_traces.queue_full")).toBe(1000 - 180);
    const dropLines = () => loopback.ctx.lines.filter((l) => l.includes("queue_full"));
    // Logged in aggregate: the first drop at once, the rest summed into one later line, never one per record.
    expect(dropLines().length).toBe(1);
    await loopback.server.waitFor(() => loopback.ctx.counters.get("export.otlp.retries") >= 3, "retries against the down server");
    expect(e.pendingCount()).toBe(540);
    await loopback.server.up();
    await e.flush();
    expect(loopback.server.acceptedIds().sort()).toEqual(kept.sort());
    expect(loopback.server.resentAfterAck()).toEqual([]);
    await e.shutdown();
    const logged = dropLines().map((l) => Number(/queue_full: (\d+)/.exec(l)?.[1]));
    expect(logged.length).toBe(2);
    expect(logged.reduce((a, b) => a + b, 0)).toBe(2460);
  });

  it("bounds the encoded bytes too", async () => {
    await loopback.server.down();
    const e = exporter({ maxQueueBytes: 100_000, shutdownTimeoutMs: 100 });
    for (let i = 0; i < 100; i++) e.export([observation({ input: "z".repeat(5000) })]);
    await loopback.server.waitFor(() => loopback.ctx.counters.get("export.otlp.dropped.queue_bytes") > 0, "byte-bound drops");
    expect(loopback.ctx.counters.get("export.otlp.dropped.queue_bytes") + e.pendingCount()).toBe(100);
    expect(e.pendingCount()).toBeLessThanOrEqual(100_000 / 5000);
    await e.shutdown();
  });
});

describe("flush()", () => {
  it("resolves only after the requests already in flight were answered", async () => {
    loopback.server.plan(faults.delay(300), faults.delay(300));
    const e = exporter({ flushAt: 3 });
    const trace = smallTrace(1);
    e.export(trace);
    await loopback.server.waitFor(() => loopback.server.requests.length === 1, "the first request");
    const more = smallTrace(2);
    e.export(more);
    await e.flush();
    expect(loopback.server.acceptedIds().sort()).toEqual([...trace, ...more].map((r) => r.id).sort());
    await e.shutdown();
  });

  it("sends a partial batch at once instead of waiting for the interval", async () => {
    const e = exporter({ flushIntervalMs: 3_600_000, flushAt: 1000 });
    const trace = smallTrace(1);
    e.export(trace);
    await e.flush();
    expect(loopback.server.acceptedIds()).toHaveLength(3);
    await e.shutdown();
  });

  it("sends a full batch without a flush or the interval timer", async () => {
    const e = exporter({ flushIntervalMs: 3_600_000, flushAt: 6 });
    e.export([...smallTrace(1), ...smallTrace(2)]);
    await loopback.server.waitFor(() => loopback.server.acceptedIds().length === 6, "a full batch to be sent on its own");
    await e.shutdown();
  });

  it("resolves when records finally failed, and resolves at once when nothing is pending", async () => {
    loopback.server.plan(faults.status(400, '{"error":"Invalid ids"}'));
    const e = exporter();
    await e.flush();
    e.export(smallTrace(1));
    await e.flush();
    expect(loopback.ctx.counters.get("export.otlp.dropped.rejected")).toBe(3);
    await e.shutdown();
  });
});

describe("shutdown()", () => {
  it("delivers what is queued, returns the same promise every call and drops later records quietly", async () => {
    const e = exporter({ flushIntervalMs: 3_600_000 });
    const trace = smallTrace(1);
    e.export(trace);
    const first = e.shutdown();
    expect(e.shutdown()).toBe(first);
    await first;
    expect(loopback.server.acceptedIds()).toHaveLength(3);
    const linesBefore = loopback.ctx.lines.length;
    e.export(smallTrace(2));
    expect(loopback.ctx.counters.get("export.otlp.dropped.shutdown")).toBe(3);
    expect(loopback.ctx.lines.length).toBe(linesBefore);
  });

  it("gives up at its deadline when the backend never answers, counting what it dropped", async () => {
    loopback.server.plan(faults.stall, faults.stall, faults.stall, faults.stall);
    const e = exporter({ shutdownTimeoutMs: 300, requestTimeoutMs: 60_000, flushAt: 3 });
    e.export([...smallTrace(1), ...smallTrace(2)]);
    await loopback.server.waitFor(() => loopback.server.requests.length === 2, "both requests in flight");
    await e.shutdown();
    await loopback.server.waitFor(() => loopback.ctx.counters.get("export.otlp.dropped.shutdown") === 6, "in-flight records counted as dropped");
    expect(loopback.server.acceptedIds()).toEqual([]);
  });

  it("past its deadline stops retrying, sends nothing more, counts every record and logs one warning", async () => {
    loopback.server.plan(...Array.from({ length: 10_000 }, () => faults.status(503)));
    const e = exporter({ shutdownTimeoutMs: 300, flushAt: 3 });
    const sent = [...smallTrace(1), ...smallTrace(2), ...smallTrace(3)];
    e.export(sent);
    await loopback.server.waitFor(() => loopback.ctx.counters.get("export.otlp.retries") >= 3, "retries against a 503 server");
    await e.shutdown();
    const requestsAtShutdown = loopback.server.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(loopback.server.requests.length).toBe(requestsAtShutdown);
    const counters = loopback.ctx.counters;
    expect(counters.get("export.otlp.records.exported") + counters.get("export.otlp.dropped.shutdown")).toBe(sent.length);
    expect(counters.get("export.otlp.dropped.shutdown")).toBe(sent.length);
    expect(loopback.ctx.lines.filter((line) => line.includes("shutdown gave up"))).toHaveLength(1);
    expect(e.pendingCount()).toBe(0);
  });
});
