/**
 * The legacy ingestion exporter into the real local viewer (`tracewise ui`'s collector): the typed
 * observation events are stored with their types, and the trace's sample rate, carried as the
 * `tracewise_sample_rate` metadata key, becomes the viewer's extrapolation weight.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LangfuseIngestionExporter } from "../../../src/export/langfuse/langfuse-ingestion-exporter";
import { type CollectorFixture, getJson, type Json, startFixture } from "../../dev/helpers/collector-fixture";
import { recordsOfEveryKind, snapshot, testContext } from "../fixtures";

let fx: CollectorFixture;
beforeAll(async () => {
  fx = await startFixture();
});
afterAll(async () => fx.cleanup());

describe("legacy ingestion into the local viewer", () => {
  it("stores every observation type from the typed events and the trace's sample rate", async () => {
    const trace = snapshot({ name: "sampled", sampleRate: 0.25 });
    const exporter = new LangfuseIngestionExporter({ publicKey: "pk-lf-1", secretKey: "sk-lf-1", baseUrl: fx.collector.url, env: {} });
    exporter.init(testContext());
    exporter.export(recordsOfEveryKind(trace));
    await exporter.shutdown();
    const detail = await getJson(`${fx.collector.url}/api/traces/${trace.id}`);
    expect(detail.trace.sampleRate).toBe(0.25);
    const types = (detail.observations as Json[]).map((o) => o.type as string).sort();
    expect(types).toEqual(["agent", "chain", "embedding", "evaluator", "event", "generation", "guardrail", "retriever", "span", "span", "tool"]);
  });
});
