/**
 * Exactly-once delivery through every fault of the loopback server, with the real undici transport.
 * Retry jitter is injected as `random: () => 0`, so backoff waits are 0 ms and only a server's
 * `Retry-After` makes a test wait (1 s, once). No assertion depends on timing.
 */
import { describe, expect, it } from "vitest";
import type { ObservationRecord } from "../../../src/core/records";
import { faults } from "../../helpers/fault-server";
import { observation, smallTrace } from "../fixtures";
import { useLoopbackOtlp } from "./loopback-otlp";

const loopback = useLoopbackOtlp({ requestTimeoutMs: 2000, flushAt: 20 });
const exporter = loopback.exporter;

function records(traces: number): ObservationRecord[] {
  return Array.from({ length: traces }, (_, i) => smallTrace(i)).flat();
}

function expectExactlyOnce(sent: readonly ObservationRecord[]): void {
  expect([...loopback.server.acceptedIds()].sort()).toEqual(sent.map((r) => r.id).sort());
  expect(loopback.server.resentAfterAck()).toEqual([]);
}

describe("exactly-once delivery through faults", () => {
  it("delivers every record once when the server accepts", async () => {
    const e = exporter();
    const sent = records(30);
    e.export(sent);
    await e.flush();
    expectExactlyOnce(sent);
    expect(loopback.ctx.counters.get("export.otlp.records.exported")).toBe(sent.length);
    await e.shutdown();
  });

  it.each([
    ["a 500", [faults.status(500), faults.status(503)]],
    ["a stall past the request timeout", [faults.stall]],
    ["a connection reset", [faults.reset, faults.reset]],
    ["a mix of everything", [faults.status(502), faults.reset, faults.stall, faults.status(500)]],
  ])("retries through %s and delivers each record once", async (_name, planned) => {
    loopback.server.plan(...planned);
    const e = exporter({ requestTimeoutMs: 1000 });
    const sent = records(40);
    e.export(sent);
    await e.flush();
    expectExactlyOnce(sent);
    expect(loopback.ctx.counters.get("export.otlp.retries")).toBeGreaterThanOrEqual(1);
    expect(loopback.ctx.counters.get("export.otlp.records.exported")).toBe(sent.length);
    await e.shutdown();
  });

  it("waits for a 429's Retry-After before sending again", async () => {
    loopback.server.plan(faults.tooMany("1"));
    const e = exporter({ flushAt: 1000 });
    const sent = records(5);
    e.export(sent);
    await e.flush();
    expectExactlyOnce(sent);
    const [first, second] = loopback.server.requests;
    expect(first?.outcome).toBe(429);
    expect(second?.outcome).toBe(200);
    expect(loopback.ctx.counters.get("export.otlp.retries")).toBe(1);
    await e.shutdown();
  });

  it("keeps records queued while the backend is down and delivers them once when it is back", async () => {
    const e = exporter();
    await loopback.server.down();
    const sent = records(50);
    e.export(sent);
    await loopback.server.waitFor(() => loopback.ctx.counters.get("export.otlp.retries") >= 2, "retries against the down server");
    expect(e.pendingCount()).toBe(sent.length);
    await loopback.server.up();
    await e.flush();
    expectExactlyOnce(sent);
    expect(e.pendingCount()).toBe(0);
    await e.shutdown();
  });

  it("splits a batch the server answers 413 and learns the smaller size", async () => {
    await loopback.restart({ maxBodyBytes: 20_000 });
    const e = exporter({ flushAt: 200 });
    const sent = records(60);
    e.export(sent);
    await e.flush();
    expectExactlyOnce(sent);
    expect(loopback.server.requests.some((r) => r.outcome === 413)).toBe(true);
    expect(loopback.ctx.counters.get("export.otlp.dropped.too_large")).toBe(0);
    await e.shutdown();
  });

  it("does not retry 401: drops the batch, counts it and logs the server's message without secrets", async () => {
    loopback.server.plan(faults.status(401, '{"message":"Invalid credentials. Confirm that you have configured the correct host."}'));
    const e = exporter({ headers: { authorization: "Bearer super-secret-token" } });
    const sent = records(3);
    e.export(sent);
    await e.flush();
    expect(loopback.server.requests).toHaveLength(1);
    expect(loopback.ctx.counters.get("export.otlp.dropped.rejected")).toBe(sent.length);
    expect(loopback.ctx.counters.get("export.otlp.retries")).toBe(0);
    const log = loopback.ctx.lines.join("\n");
    expect(log).toContain("Invalid credentials");
    expect(log).not.toContain("super-secret-token");
    await e.shutdown();
  });

  it("truncates the largest fields of a record too large for any batch, with a marker", async () => {
    const e = exporter({ maxBatchBytes: 64 * 1024 });
    const big = observation({ input: "x".repeat(300_000), output: { small: true } });
    e.export([big]);
    await e.flush();
    expect(loopback.server.acceptedIds()).toEqual([big.id]);
    type Attr = { key: string; value: { stringValue?: string } };
    type Body = { resourceSpans: { scopeSpans: { spans: { attributes: Attr[] }[] }[] }[] };
    const attrs = (loopback.server.requests[0]?.body as Body).resourceSpans[0]!.scopeSpans[0]!.spans[0]!.attributes;
    const input = attrs.find((a) => a.key === "langfuse.observation.input")?.value.stringValue ?? "";
    expect(input).toContain("[truncated by tracewise: original size 300000 bytes]");
    expect(input.length).toBeLessThan(64 * 1024);
    expect(attrs.find((a) => a.key === "langfuse.observation.output")?.value.stringValue).toBe('{"small":true}');
    await e.shutdown();
  });

  it("drops and counts a single record the server still answers 413", async () => {
    await loopback.restart({ maxBodyBytes: 500 });
    const e = exporter();
    e.export([observation({ input: "y".repeat(2000) })]);
    await e.flush();
    expect(loopback.ctx.counters.get("export.otlp.dropped.too_large")).toBe(1);
    await e.shutdown();
  });
});
