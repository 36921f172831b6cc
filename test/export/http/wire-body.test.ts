/**
 * Bodies are compressed once per batch by the engine and kept only in their wire form: a retry sends
 * the same compressed bytes, and a 413 split or a per-item retry reads its items back from them. The
 * sender is injected and answers on `setImmediate`; retry jitter is `random: () => 0` (0 ms backoff).
 */
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { textEnvelope } from "../../../src/export/http/batch-body";
import { BatchEngine, type BatchCodec, type BatchSender } from "../../../src/export/http/batch-engine";
import { resolveBatchOptions } from "../../../src/export/http/batch-options";
import type { SendResult } from "../../../src/export/http/send-result";
import { fromWire, toWire } from "../../../src/export/http/wire-body";
import { testContext } from "../fixtures";

const codec: BatchCodec<number> = {
  envelope: textEnvelope("[", "]"),
  encode(n) {
    const json = JSON.stringify({ n });
    return [{ key: String(n), data: json, bytes: Buffer.byteLength(json) }];
  },
};

/** A gzip sender answering each call with the next of `answers` (then ok), recording what it was sent. */
function gzipSender(answers: SendResult[]): { send: BatchSender; wires: Buffer[] } {
  const wires: Buffer[] = [];
  const send = (wire: Buffer): Promise<SendResult> => {
    wires.push(wire);
    const answer = answers.shift() ?? { ok: true };
    return new Promise((resolve) => setImmediate(() => resolve(answer)));
  };
  return { send: Object.assign(send, { contentEncoding: "gzip" as const }), wires };
}

function engineWith(send: BatchSender, flushAt: number): { engine: BatchEngine<number>; ctx: ReturnType<typeof testContext> } {
  const ctx = testContext();
  const deps = { name: "test", counterPrefix: "export.test.", codec, send, logger: ctx.logger, counters: ctx.counters, errors: ctx.errors, random: () => 0 };
  return { engine: new BatchEngine(resolveBatchOptions({ flushAt }), deps), ctx };
}

function numbersIn(wire: Buffer): number[] {
  return (JSON.parse(gunzipSync(wire).toString("utf8")) as { n: number }[]).map((item) => item.n);
}

describe("wire bodies", () => {
  it("round-trips a body through gzip, and passes it through unchanged as identity", async () => {
    const body = Buffer.from(JSON.stringify({ hello: "world".repeat(100) }));
    const gz = await toWire(body, "gzip");
    expect(gz.length).toBeLessThan(body.length);
    expect(fromWire(gz, "gzip").equals(body)).toBe(true);
    expect(toWire(body, "identity")).toBe(body);
    expect(fromWire(body, "identity")).toBe(body);
  });

  it("sends a retried batch with the same compressed bytes", async () => {
    const { send, wires } = gzipSender([{ retryable: true, reason: "HTTP 503" }]);
    const { engine, ctx } = engineWith(send, 10);
    engine.enqueue([1, 2, 3]);
    await engine.flush();
    expect(wires).toHaveLength(2);
    expect(wires[1]).toBe(wires[0]);
    expect(numbersIn(wires[1] as Buffer)).toEqual([1, 2, 3]);
    expect(ctx.counters.get("export.test.records.exported")).toBe(3);
  });

  it("splits a batch refused as too large from its compressed body", async () => {
    const { send, wires } = gzipSender([{ fatal: true, tooLarge: true, status: 413, reason: "HTTP 413" }]);
    const { engine, ctx } = engineWith(send, 10);
    engine.enqueue([1, 2, 3, 4]);
    await engine.flush();
    expect(wires.map(numbersIn)).toEqual([[1, 2, 3, 4], [1, 2], [3, 4]]);
    expect(ctx.counters.get("export.test.records.exported")).toBe(4);
  });

  it("retries the items a partial success names, read back from the compressed body", async () => {
    const { send, wires } = gzipSender([{ ok: true, retry: [1, 3] }]);
    const { engine, ctx } = engineWith(send, 10);
    engine.enqueue([1, 2, 3, 4]);
    await engine.flush();
    expect(wires.map(numbersIn)).toEqual([[1, 2, 3, 4], [2, 4]]);
    expect(ctx.counters.get("export.test.records.exported")).toBe(4);
  });
});
