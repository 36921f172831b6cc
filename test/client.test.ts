import { describe, expect, it } from "vitest";
import { createTraceId, getCurrentObservationId, InMemoryExporter, observe, Tracewise, type Exporter, type ExportRecord } from "tracewise";
import { memoryClient, sleep } from "./helpers/memory-client";

describe("low-level API", () => {
  it("builds a trace of spans, generations, events and scores with trace-level fields", () => {
    const { tw, mem } = memoryClient({ environment: "test", release: "r1" });
    const trace = tw.trace({ name: "checkout", userId: "u1", sessionId: "s1", tags: ["a"], input: { cart: 2 }, metadata: { plan: "pro" } });
    const span = trace.span({ name: "retrieve", input: "q" });
    const gen = span.generation({ name: "llm", model: "gpt-4o-mini", modelParameters: { temperature: 0.2 }, input: [{ role: "user", content: "hi" }], promptName: "p", promptVersion: 3 });
    gen.update({ completionStartTime: new Date(Date.now()) });
    gen.end({ output: { role: "assistant", content: "hello" }, usageDetails: { input: 10, output: 5 }, costDetails: { total: 0.001 } });
    span.event({ name: "cache-miss", level: "WARNING", input: { key: "k" } });
    span.end({ output: ["doc"] });
    span.score({ name: "relevance", value: 1 });
    trace.score({ name: "quality", value: 0.9, comment: "good" });
    trace.score({ name: "thumbs", value: true });
    trace.score({ name: "label", value: "great" });
    trace.update({ output: { ok: true }, tags: ["a", "b"] });
    trace.end();

    const [t] = mem.getFinishedTraces();
    expect(t).toMatchObject({ id: trace.id, name: "checkout", userId: "u1", sessionId: "s1", tags: ["a", "b"], environment: "test", release: "r1", input: { cart: 2 }, output: { ok: true }, metadata: { plan: "pro" }, sampleRate: 1 });
    const byName = Object.fromEntries(t!.observations.map((o) => [o.name, o]));
    expect(byName.checkout).toMatchObject({ isLocalRoot: true, input: { cart: 2 }, output: { ok: true } });
    expect(byName.retrieve).toMatchObject({ parentObservationId: byName.checkout!.id, output: ["doc"] });
    expect(byName.llm).toMatchObject({ type: "generation", model: "gpt-4o-mini", promptName: "p", promptVersion: 3, usageDetails: { input: 10, output: 5 }, parentObservationId: byName.retrieve!.id });
    expect(byName["cache-miss"]).toMatchObject({ type: "event", level: "WARNING" });
    expect(byName["cache-miss"]!.endTime).toBe(byName["cache-miss"]!.startTime);
    expect(t!.scores.map((s) => [s.name, s.value, s.dataType, s.observationId ?? null])).toEqual([
      ["relevance", 1, "NUMERIC", byName.retrieve!.id],
      ["quality", 0.9, "NUMERIC", null],
      ["thumbs", 1, "BOOLEAN", null],
      ["label", "great", "CATEGORICAL", null],
    ]);
  });

  it("withObservation makes a handle the parent of observe() calls", async () => {
    const { tw, mem } = memoryClient();
    const trace = tw.trace({ name: "job" });
    const inner = observe(async function inner() {
      await sleep(1);
      return getCurrentObservationId();
    });
    await tw.withObservation(trace, () => inner());
    trace.end();
    const [innerRec, root] = mem.getFinishedObservations();
    expect(innerRec?.parentObservationId).toBe(root?.id);
  });

  it("scores a trace by id and accepts its own trace ids", () => {
    const { tw, mem } = memoryClient();
    const id = createTraceId("order-1234");
    expect(id).toBe(createTraceId("order-1234"));
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    tw.trace({ id, name: "order" }).end();
    tw.score({ traceId: id, name: "feedback", value: 1 });
    expect(mem.getFinishedTraces()[0]?.id).toBe(id);
    expect(mem.getScores()[0]).toMatchObject({ traceId: id, name: "feedback" });
  });

  it("emits a W3C traceparent for outgoing calls", () => {
    const { tw } = memoryClient();
    const span = tw.trace({ name: "t" }).span({ name: "s" });
    expect(span.traceparent).toMatch(new RegExp(`^00-${span.traceId}-${span.id}-01$`));
  });
});

describe("client lifecycle", () => {
  it("enabled: false turns everything into a cheap no-op that still returns normally", async () => {
    const { tw, mem } = memoryClient({ enabled: false });
    const trace = tw.trace({ name: "t" });
    trace.span({ name: "s" }).generation({ name: "g" }).end({ output: 1 });
    trace.score({ name: "x", value: 1 });
    trace.end();
    expect(observe((x: number) => x * 2, { client: tw })(4)).toBe(8);
    expect(trace.sampled).toBe(false);
    expect(mem.getFinishedObservations()).toHaveLength(0);
    await tw.shutdown();
  });

  it("shutdown is idempotent and drops later data quietly", async () => {
    const { tw, mem } = memoryClient();
    const first = tw.shutdown();
    expect(tw.shutdown()).toBe(first);
    await first;
    tw.trace({ name: "late" }).end();
    expect(mem.getFinishedObservations()).toHaveLength(0);
    expect(tw.stats()["traces.dropped.disabled"]).toBe(1);
  });

  it("an exporter that throws never reaches user code and is counted", async () => {
    const broken: Exporter = {
      name: "broken",
      export: () => {
        throw new Error("exporter bug");
      },
      flush: () => Promise.reject(new Error("flush bug")),
      shutdown: () => Promise.reject(new Error("shutdown bug")),
    };
    const mem = new InMemoryExporter();
    const tw = new Tracewise({ exporter: [broken, mem], logLevel: "silent", flushOnExit: false });
    expect(observe(() => "fine", { client: tw })()).toBe("fine");
    await expect(tw.flush()).resolves.toBeUndefined();
    await expect(tw.shutdown()).resolves.toBeUndefined();
    expect(mem.getFinishedObservations()).toHaveLength(1);
    expect(tw.stats()["errors.internal"]).toBeGreaterThanOrEqual(3);
  });

  it("stats counts traces, observations and scores", () => {
    const { tw } = memoryClient();
    const t = tw.trace({ name: "t" });
    t.span({ name: "s" }).end();
    t.score({ name: "q", value: 1 });
    t.end();
    expect(tw.stats()).toMatchObject({ "traces.started": 1, "traces.kept": 1, "observations.started": 2, "observations.ended": 2, "scores.created": 1 });
  });

  it("the latest constructed client becomes global unless global: false", () => {
    const a = new InMemoryExporter();
    const b = new InMemoryExporter();
    new Tracewise({ exporter: a, logLevel: "silent", flushOnExit: false });
    new Tracewise({ exporter: b, logLevel: "silent", global: false, flushOnExit: false });
    observe(() => 1)();
    expect(a.getFinishedObservations()).toHaveLength(1);
    expect(b.getFinishedObservations()).toHaveLength(0);
  });

  it("records are JSON-safe and exporters receive them as arrays", () => {
    const seen: ExportRecord[][] = [];
    const tw = new Tracewise({ exporter: { name: "spy", export: (r) => void seen.push([...r]), flush: async () => {}, shutdown: async () => {} }, logLevel: "silent", global: false, flushOnExit: false });
    const circular: Record<string, unknown> = {};
    circular.me = circular;
    tw.trace({ name: "t", input: circular }).end();
    expect(() => JSON.stringify(seen)).not.toThrow();
  });
});

describe("root input/output are the trace's", () => {
  /** An input whose property reads are counted: each capture reads it once. */
  function counted(value: string): { reads: () => number; payload: object } {
    let reads = 0;
    const payload = {};
    Object.defineProperty(payload, "value", { enumerable: true, get: () => (reads++, value) });
    return { reads: () => reads, payload };
  }

  it("captures them once for both the trace and its root (tw.trace, update, end)", () => {
    const { tw, mem } = memoryClient();
    const input = counted("in");
    const output = counted("out");
    const final = counted("final");
    const trace = tw.trace({ name: "t", input: input.payload });
    trace.update({ output: output.payload });
    trace.end({ output: final.payload });
    expect([input.reads(), output.reads(), final.reads()]).toEqual([1, 1, 1]);
    const [t] = mem.getFinishedTraces();
    const root = t?.observations[0];
    expect(t).toMatchObject({ input: { value: "in" }, output: { value: "final" } });
    expect(root).toMatchObject({ isLocalRoot: true, input: { value: "in" }, output: { value: "final" } });
  });
});
