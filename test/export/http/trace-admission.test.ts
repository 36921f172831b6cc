/**
 * Admission by whole trace, through the public OTLP exporter against the loopback server while it is
 * down (so everything stays queued), then up: whatever the order records arrive in, every trace the
 * backend receives is whole, root included, and every refused trace is counted per trace and per record.
 */
import { describe, expect, it } from "vitest";
import type { ObservationRecord } from "../../../src/core/records";
import { OtlpHttpExporter } from "../../../src/export/otlp/otlp-http-exporter";
import { score, smallTrace } from "../fixtures";
import { useLoopbackOtlp } from "./loopback-otlp";

const loopback = useLoopbackOtlp();

function byTrace(records: readonly ObservationRecord[]): Map<string, string[]> {
  const traces = new Map<string, string[]>();
  for (const record of records) traces.set(record.traceId, [...(traces.get(record.traceId) ?? []), record.id]);
  return traces;
}

describe("when the queue bound is reached", () => {
  it("keeps or drops each trace whole, never a trace without its root, whatever the arrival order", async () => {
    await loopback.server.down();
    const e = loopback.exporter({ maxQueueRecords: 100 });
    const traces = Array.from({ length: 40 }, (_, i) => smallTrace(i));
    // Children of every trace first, interleaved, then every root: roots end last, as they do.
    for (const trace of traces) e.export([trace[0]!]);
    for (const trace of traces) e.export([trace[1]!]);
    for (const trace of traces) e.export([trace[2]!]);
    const all = traces.flat();
    const ids = byTrace(all);
    expect(e.pendingCount()).toBeLessThanOrEqual(100);
    await loopback.server.up();
    await e.flush();
    const accepted = new Set(loopback.server.acceptedIds());
    let keptTraces = 0;
    for (const [, traceIds] of ids) {
      const got = traceIds.filter((id) => accepted.has(id));
      expect([0, traceIds.length]).toContain(got.length);
      if (got.length > 0) keptTraces += 1;
    }
    expect(keptTraces).toBeGreaterThan(0);
    expect(keptTraces).toBeLessThan(40);
    const counters = loopback.ctx.counters;
    expect(counters.get("export.otlp.dropped_traces.queue_full")).toBe(40 - keptTraces);
    expect(counters.get("export.otlp.records.exported") + counters.get("export.otlp.dropped.queue_full")).toBe(all.length);
    expect(loopback.server.resentAfterAck()).toEqual([]);
    await e.shutdown();
  });

  it("drops a refused trace's later scores with it", async () => {
    await loopback.server.down();
    const e = loopback.exporter({ maxQueueRecords: 10 });
    const kept = smallTrace(1);
    const refused = smallTrace(2);
    e.export(kept);
    e.export(kept.slice(0, 2).map((r) => ({ ...r, id: `${r.id.slice(0, 14)}ff` })));
    e.export(kept.slice(0, 2).map((r) => ({ ...r, id: `${r.id.slice(0, 14)}ee` })));
    // 7 records of the first trace held: the second opens below 90 % of the bound, then passes the bound.
    e.export([refused[0]!, refused[1]!]);
    e.export(refused);
    e.export([score({ traceId: refused[0]!.traceId })]);
    const counters = loopback.ctx.counters;
    expect(counters.get("export.otlp.dropped_traces.queue_full")).toBe(1);
    await loopback.server.up();
    await e.flush();
    const accepted = new Set(loopback.server.acceptedIds());
    for (const record of refused) expect(accepted.has(record.id)).toBe(false);
    expect(counters.get("export.otlp.records.exported") + counters.get("export.otlp.dropped.queue_full")).toBe(7 + 2 + 3 + 1);
    await e.shutdown();
  });

  it("drops the scores of a trace refused on the observation route (Langfuse: scores travel separately)", async () => {
    await loopback.server.down();
    const e = new OtlpHttpExporter({ baseUrl: loopback.server.origin, publicKey: "pk-lf-1", secretKey: "sk-lf-1", env: {}, random: () => 0, maxQueueRecords: 10 });
    e.init(loopback.ctx);
    const open = smallTrace(1);
    const child = open[0]!;
    // Nine observations of one open trace fill the observation route to 90 %: a new trace is refused.
    e.export(Array.from({ length: 9 }, (_, i) => ({ ...child, id: `${child.id.slice(0, 13)}${i.toString(16).padStart(3, "0")}` })));
    const refused = smallTrace(2);
    e.export([refused[0]!]);
    const refusedScore = score({ traceId: refused[0]!.traceId });
    const keptScore = score({ traceId: child.traceId });
    e.export([refusedScore, keptScore]);
    expect(loopback.ctx.counters.get("export.otlp.dropped_traces.queue_full")).toBe(1);
    expect(loopback.ctx.counters.get("export.otlp.dropped.queue_full")).toBe(2);
    await loopback.server.up();
    await e.flush();
    const scores = loopback.server.acceptedEventBodies().filter((event) => event.startsWith("score-create:"));
    expect(scores).toEqual([`score-create:${keptScore.id}`]);
    await e.shutdown();
  });
});
