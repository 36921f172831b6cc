/**
 * Retries exactly as configured, through the public exporters against the real loopback server:
 * `maxRetries` (every exporter), `Retry-After` holding back every send, batch size recovering after a
 * transient 413, and OTLP `partialSuccess` counted as dropped.
 *
 * The Retry-After tests read arrival times on the server; they check that nothing arrives inside the
 * pause (a lower bound: a slow machine only makes sends later), not how fast anything is.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { LangfuseIngestionExporter } from "../../../src/export/langfuse/langfuse-ingestion-exporter";
import { OtlpHttpExporter } from "../../../src/export/otlp/otlp-http-exporter";
import type { ObservationRecord } from "../../../src/core/records";
import { faults } from "../../helpers/fault-server";
import { smallTrace, testContext } from "../fixtures";
import { useLoopbackOtlp } from "./loopback-otlp";

const loopback = useLoopbackOtlp({ requestTimeoutMs: 2000 });

function records(traces: number, from = 0): ObservationRecord[] {
  return Array.from({ length: traces }, (_, i) => smallTrace(from + i)).flat();
}

describe("maxRetries", () => {
  it.each([0, 2])("is honoured by the OTLP exporter (maxRetries: %i)", async (maxRetries) => {
    loopback.server.plan(...Array.from({ length: 10 }, () => faults.status(503)));
    const e = loopback.exporter({ maxRetries });
    e.export(records(2));
    await e.flush();
    expect(loopback.server.requests).toHaveLength(maxRetries + 1);
    expect(loopback.ctx.counters.get("export.otlp.retries")).toBe(maxRetries);
    expect(loopback.ctx.counters.get("export.otlp.dropped.retry_limit")).toBe(6);
    await e.shutdown();
  });

  it.each([0, 2])("is honoured by the Langfuse ingestion exporter (maxRetries: %i)", async (maxRetries) => {
    loopback.server.plan(...Array.from({ length: 10 }, () => faults.status(503)));
    const e = new LangfuseIngestionExporter({ baseUrl: loopback.server.origin, publicKey: "pk-lf-1", secretKey: "sk-lf-1", env: {}, random: () => 0, maxRetries });
    e.init(loopback.ctx);
    e.export(records(2));
    await e.flush();
    expect(loopback.server.requests).toHaveLength(maxRetries + 1);
    expect(loopback.ctx.counters.get("export.langfuse.retries")).toBe(maxRetries);
    expect(loopback.ctx.counters.get("export.langfuse.dropped.retry_limit")).toBeGreaterThan(0);
    await e.shutdown();
  });
});

describe("Retry-After", () => {
  // Backoff of a batch answered 503 is 0.9 × 500 ms = 450 ms: inside the 1 s pause, so it must wait.
  it.each([
    ["delta-seconds", (): string => "1"],
    ["an HTTP date", (): string => new Date(Date.now() + 2000).toUTCString()],
  ])("given as %s holds back every send, retries of other batches included", async (_form, retryAfter) => {
    loopback.server.plan(faults.tooMany(retryAfter()), faults.status(503), faults.status(503));
    const e = loopback.exporter({ flushAt: 3, maxConcurrentRequests: 3, random: () => 0.9 });
    const sent = records(3);
    e.export(sent);
    await e.flush();
    const requests = loopback.server.requests;
    const paused = requests.find((r) => r.outcome === 429)!;
    const inPause = requests.filter((r) => r.receivedAt >= paused.receivedAt + 300 && r.receivedAt < paused.receivedAt + 950);
    expect(inPause).toEqual([]);
    expect(loopback.server.acceptedIds().sort()).toEqual(sent.map((r) => r.id).sort());
    expect(loopback.server.resentAfterAck()).toEqual([]);
    await e.shutdown();
  });
});

describe("after a transient 413", () => {
  it("splits the refused batches and sends full batches again once requests succeed", async () => {
    loopback.server.plan(faults.status(413), faults.status(413), faults.status(413));
    const e = loopback.exporter({ flushAt: 300, maxConcurrentRequests: 1 });
    const sent = records(1000);
    e.export(sent);
    await e.flush();
    expect(loopback.server.acceptedIds().sort()).toEqual(sent.map((r) => r.id).sort());
    const last413 = loopback.server.requests.findLastIndex((r) => r.outcome === 413);
    const later = loopback.server.requests.slice(last413 + 1).map((r) => r.ids.length);
    expect(Math.max(...later)).toBe(300);
    expect(loopback.ctx.counters.get("export.otlp.dropped.too_large")).toBe(0);
    await e.shutdown();
  });
});

describe("OTLP partialSuccess", () => {
  /** A backend that accepts every request but reports `rejected` spans of each as rejected. */
  async function partialServer(protocol: "json" | "protobuf", rejected: number, message: string) {
    let requests = 0;
    const server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        requests += 1;
        if (protocol === "json") {
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ partialSuccess: { rejectedSpans: String(rejected), errorMessage: message } }));
          return;
        }
        // ExportTraceServiceResponse { partial_success (1) { rejected_spans (1): varint, error_message (2): string } }
        const text = Buffer.from(message);
        const inner = Buffer.concat([Buffer.from([0x08, rejected, 0x12, text.length]), text]);
        res.writeHead(200, { "content-type": "application/x-protobuf" }).end(Buffer.concat([Buffer.from([0x0a, inner.length]), inner]));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`;
    return { url, requests: () => requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  }

  it.each(["json", "protobuf"] as const)("counts the rejected spans as dropped and logs the server's message once (%s)", async (protocol) => {
    const server = await partialServer(protocol, 2, "span name too long");
    const ctx = testContext();
    const e = new OtlpHttpExporter({ endpoint: server.url, env: {}, protocol: protocol === "json" ? "http/json" : "http/protobuf", flushAt: 6 });
    e.init(ctx);
    e.export(records(4));
    await e.flush();
    expect(server.requests()).toBe(2);
    expect(ctx.counters.get("export.otlp.records.exported")).toBe(12 - 4);
    expect(ctx.counters.get("export.otlp.dropped.rejected")).toBe(4);
    expect(ctx.lines.filter((line) => line.includes("span name too long"))).toHaveLength(1);
    await e.shutdown();
    await server.close();
  });
});
