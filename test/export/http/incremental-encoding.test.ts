/**
 * The batch engine encodes a backlog batch by batch: during a flush it holds the raw records, the
 * in-flight bodies and at most one partial batch of encoded items, never the whole backlog encoded;
 * and the byte bound still applies to a backlog it cannot send yet. The sender is injected and
 * answers on `setImmediate`; no assertion depends on timing.
 */
import { describe, expect, it } from "vitest";
import { textEnvelope } from "../../../src/export/http/batch-body";
import { BatchEngine, type BatchCodec, type BatchSender } from "../../../src/export/http/batch-engine";
import { resolveBatchOptions, type BatchOptions } from "../../../src/export/http/batch-options";
import type { SendResult } from "../../../src/export/http/send-result";
import { testContext } from "../fixtures";

/** Each record is a number encoded as `{"n":…}` padded to a fixed size. */
function codec(padding: number): BatchCodec<number> {
  return {
    envelope: textEnvelope("[", "]"),
    encode(n) {
      const json = JSON.stringify({ n, pad: "x".repeat(padding) });
      return [{ key: String(n), data: json, bytes: Buffer.byteLength(json) }];
    },
  };
}

function engine(options: BatchOptions, send: BatchSender, padding = 100): { engine: BatchEngine<number>; ctx: ReturnType<typeof testContext> } {
  const ctx = testContext();
  const deps = { name: "test", counterPrefix: "export.test.", codec: codec(padding), send, logger: ctx.logger, counters: ctx.counters, errors: ctx.errors };
  return { engine: new BatchEngine(resolveBatchOptions(options), deps), ctx };
}

describe("a flush of a large backlog", () => {
  it("encodes batch by batch: held encoded bytes stay within the in-flight batches plus one", async () => {
    const delivered: number[] = [];
    let maxHeldBytes = 0;
    const flushAt = 100;
    const maxConcurrentRequests = 2;
    const send: BatchSender = (body) => {
      maxHeldBytes = Math.max(maxHeldBytes, e.held().bytes);
      for (const item of JSON.parse(body.toString()) as { n: number }[]) delivered.push(item.n);
      return new Promise<SendResult>((resolve) => setImmediate(() => resolve({ ok: true })));
    };
    const { engine: e } = engine({ flushAt, maxConcurrentRequests }, send);
    const records = Array.from({ length: 10_000 }, (_, i) => i);
    e.enqueue(records);
    await e.flush();
    expect(delivered.sort((a, b) => a - b)).toEqual(records);
    const itemBytes = JSON.stringify({ n: 10_000, pad: "x".repeat(100) }).length + 1;
    expect(maxHeldBytes).toBeLessThanOrEqual((maxConcurrentRequests + 1) * (2 + flushAt * itemBytes));
    expect(e.held()).toEqual({ records: 0, bytes: 0 });
  });

  it("still applies the byte bound to a backlog it cannot send yet", async () => {
    // The sender never answers: one request in flight, the rest waits in the engine.
    const send: BatchSender = () => new Promise<SendResult>(() => undefined);
    const { engine: e, ctx } = engine({ flushAt: 10, maxConcurrentRequests: 1, maxQueueBytes: 100_000 }, send, 5000);
    e.enqueue(Array.from({ length: 100 }, (_, i) => i));
    for (let turn = 0; turn < 50 && ctx.counters.get("export.test.dropped.queue_bytes") === 0; turn++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(ctx.counters.get("export.test.dropped.queue_bytes")).toBeGreaterThan(0);
    expect(e.held().bytes).toBeLessThanOrEqual(100_000);
    expect(ctx.counters.get("export.test.dropped.queue_bytes") + e.held().records).toBe(100);
    e.stop();
  });
});
