/**
 * LangfuseIngestionExporter against the loopback server: 207 multi-status handling, whole-request
 * faults, and the received events checked against the OpenAPI schema. Retry jitter is
 * `random: () => 0` (0 ms backoff); no assertion depends on timing.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { ObservationRecord } from "../../../src/core/records";
import { LangfuseIngestionExporter } from "../../../src/export/langfuse/langfuse-ingestion-exporter";
import { FaultServer, faults, type FaultServerOptions } from "../../helpers/fault-server";
import { observation, score, smallTrace, snapshot, testContext } from "../fixtures";
import { langfuseAjv } from "./openapi-schema";

let server: FaultServer;
afterEach(async () => {
  await server.close();
});

async function setup(options: FaultServerOptions = {}) {
  server = await FaultServer.start(options);
  const ctx = testContext();
  const exporter = new LangfuseIngestionExporter({ publicKey: "pk-lf-1", secretKey: "sk-lf-hidden", baseUrl: server.origin, env: {}, random: () => 0, requestTimeoutMs: 1000, flushAt: 50 });
  exporter.init(ctx);
  return { ctx, exporter };
}

/** `<event type>:<body id>` of every event a record produces. */
function expectedEvents(records: readonly ObservationRecord[]): string[] {
  return records.flatMap((r) => [
    ...(r.isLocalRoot ? [`trace-create:${r.traceId}`] : []),
    `${r.type}-create:${r.id}`,
  ]);
}

describe("207 multi-status", () => {
  it("counts successes, reports each rejected event with its message, retries per-event 5xx alone, never resends accepted events", async () => {
    const { ctx, exporter } = await setup({
      eventStatus: (event, seenBefore) => (event.body.id?.endsWith("bad") === true ? 400 : event.body.id?.endsWith("f1a") === true && seenBefore === 0 ? 500 : 201),
    });
    const trace = snapshot();
    const good = Array.from({ length: 20 }, () => observation({ trace }));
    const bad = [observation({ trace, id: "00000000000a0bad" }), observation({ trace, id: "00000000000b0bad" })];
    const flaky = [observation({ trace, id: "0000000000000f1a" })];
    exporter.export([...good, ...bad, ...flaky]);
    await exporter.flush();

    expect(server.acceptedEventBodies().sort()).toEqual(expectedEvents([...good, ...flaky]).sort());
    expect(server.resentAfterAck()).toEqual([]);
    expect(ctx.counters.get("export.langfuse.dropped.rejected")).toBe(2);
    expect(ctx.counters.get("export.langfuse.records.exported")).toBe(21);
    expect(ctx.lines.filter((l) => l.includes("injected 400")).length).toBe(2);
    expect(ctx.lines.some((l) => l.includes("refused"))).toBe(true);
    const retried = server.requests[1]!;
    expect((retried.body as { batch: { body: { id: string } }[] }).batch.map((e) => e.body.id)).toEqual(["0000000000000f1a"]);
    expect(ctx.lines.join("\n")).not.toContain("sk-lf-hidden");
    await exporter.shutdown();
  });

  it.each([
    ["a 500", faults.status(500)],
    ["a 429 with Retry-After 0", faults.tooMany("0")],
    ["a reset", faults.reset],
    ["a stall", faults.stall],
  ])("delivers each event once through %s", async (_name, fault) => {
    const { exporter } = await setup();
    server.plan(fault);
    const records = [...smallTrace(1), ...smallTrace(2)].map((r) => (r.type === "tool" ? { ...r, type: "span" as const } : r));
    exporter.export([...records, score({ traceId: records[0]!.traceId })]);
    await exporter.flush();
    const accepted = server.acceptedEventBodies();
    expect(accepted.filter((e) => !e.startsWith("score-create")).sort()).toEqual(expectedEvents(records).sort());
    expect(accepted.filter((e) => e.startsWith("score-create"))).toHaveLength(1);
    expect(server.resentAfterAck()).toEqual([]);
    await exporter.shutdown();
  });
});

describe("the requests the server receives", () => {
  it("are Basic-authenticated gzip JSON whose events all validate against openapi.yml", async () => {
    const { exporter } = await setup();
    exporter.export([...smallTrace(1), score({ value: "ok", dataType: "CATEGORICAL" })]);
    await exporter.shutdown();
    const request = server.requests[0]!;
    expect(request.path).toBe("/api/public/ingestion");
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from("pk-lf-1:sk-lf-hidden").toString("base64")}`);
    expect(request.headers["content-encoding"]).toBe("gzip");
    const validate = langfuseAjv().getSchema("langfuse#/$defs/IngestionEvent")!;
    const batch = (request.body as { batch: unknown[] }).batch;
    expect(batch).toHaveLength(5);
    // Typed events (tool-create, …) carry the generation-create body (langfuse/langfuse
    // packages/shared/src/server/ingestion/types.ts); openapi.yml does not list them.
    const typed = /^(agent|tool|chain|retriever|evaluator|embedding|guardrail)-create$/;
    for (const event of batch as { type: string }[]) {
      const asListed = typed.test(event.type) ? { ...event, type: "generation-create" } : event;
      expect(validate(asListed), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it("refuses a batch limit above the API's 3.5 MB", () => {
    expect(() => new LangfuseIngestionExporter({ publicKey: "p", secretKey: "s", maxBatchBytes: 5_000_000 })).toThrow(/maxBatchBytes/);
    expect(() => new LangfuseIngestionExporter({ env: {} })).toThrow(/publicKey/);
  });
});
