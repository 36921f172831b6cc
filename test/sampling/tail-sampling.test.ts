import { describe, expect, it } from "vitest";
import { binomialInterval } from "../helpers/binomial";
import { InMemoryExporter, TailSampling, Tracewise, TracewiseConfigError, observe, type TracewiseOptions } from "tracewise";

/** A clock the test moves by hand: tail durations and ages are the subject here. */
function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1_700_000_000_000;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

function client(options: TracewiseOptions, clock = manualClock()) {
  const mem = new InMemoryExporter();
  const tw = new Tracewise({ exporter: mem, logLevel: "silent", flushOnExit: false, ...options }, { clock });
  return { tw, mem, clock };
}

describe("tail sampling", () => {
  it("levelOrDuration keeps whole traces with an error or a slow root, discards the rest, and counts", () => {
    const { tw, mem, clock } = client({ tailSampling: TailSampling.levelOrDuration({ level: "ERROR", durationMs: 5000 }) });
    const errored = tw.trace({ name: "errored" });
    errored.span({ name: "ok-step" }).end();
    expect(mem.getFinishedObservations()).toHaveLength(0); // held
    errored.span({ name: "bad-step" }).end({ level: "ERROR", statusMessage: "boom" });
    expect(mem.getFinishedObservations().map((o) => o.name)).toEqual(["ok-step", "bad-step"]); // released at once
    errored.span({ name: "after" }).end();
    expect(mem.getFinishedObservations()).toHaveLength(3); // passes straight through now
    errored.end();

    const slow = tw.trace({ name: "slow" });
    clock.advance(6000);
    slow.end();

    const boring = tw.trace({ name: "boring" });
    boring.span({ name: "s" }).end();
    boring.score({ name: "q", value: 1 });
    boring.end();

    const names = mem.getFinishedTraces().map((t) => t.name);
    expect(names).toEqual(["errored", "slow"]);
    expect(mem.getScores()).toHaveLength(0);
    expect(tw.stats()).toMatchObject({ "traces.kept": 2, "traces.dropped.tail": 1, "scores.dropped": 1 });
  });

  it("backgroundRate keeps an absolute, consistent fraction and records it as the trace's probability", () => {
    const { tw, mem } = client({ sampleRate: 0.5, tailSampling: TailSampling.levelOrDuration({ level: "ERROR", durationMs: null, backgroundRate: 0.1 }) });
    const N = 20_000;
    for (let i = 0; i < N; i++) tw.trace({ name: "t" }).end();
    const kept = mem.getFinishedTraces();
    // The binomial interval around N·0.1 (false failure 1 in 10⁶): the background rate is absolute, not relative to the head rate.
    const [low, high] = binomialInterval(N, 0.1);
    expect(kept.length).toBeGreaterThanOrEqual(low);
    expect(kept.length).toBeLessThanOrEqual(high);
    for (const t of kept) {
      expect(t.sampleRate).toBe(0.1);
      expect(t.tracestate).toBe("ot=th:e6666666666666");
      expect(t.id.slice(18) >= "e6666666666666").toBe(true);
    }
  });

  it("a background rate above the head rate is a configuration error", () => {
    expect(() => client({ sampleRate: 0.1, tailSampling: TailSampling.levelOrDuration({ backgroundRate: 0.2 }) })).toThrow(TracewiseConfigError);
  });

  it("expensive keeps traces over a token threshold; custom rules see totals", () => {
    const seen: number[] = [];
    const { tw, mem } = client({
      tailSampling: TailSampling.any(TailSampling.expensive({ minTotalTokens: 1000 }), {
        rule: (info) => {
          if (info.rootEnded) seen.push(info.totalTokens);
          return false;
        },
      }),
    });
    for (const tokens of [10, 2000]) {
      const t = tw.trace({ name: `tokens-${tokens}` });
      t.generation({ name: "llm" }).end({ usageDetails: { input: tokens / 2, output: tokens / 2 } });
      t.end();
    }
    expect(mem.getFinishedTraces().map((t) => t.name)).toEqual(["tokens-2000"]);
    expect(seen).toEqual([10]);
  });

  it("a rule that throws is reported and never reaches user code", async () => {
    const { tw, mem } = client({ tailSampling: () => { throw new Error("rule bug"); } });
    expect(await observe(async () => "ok", { client: tw })()).toBe("ok");
    expect(mem.getFinishedObservations()).toHaveLength(0);
    expect(tw.stats()["errors.internal"]).toBeGreaterThan(0);
  });

  it("maxObservationsPerTrace decides a trace at once by the final rule", () => {
    const { tw, mem } = client({ tailSampling: { ...TailSampling.levelOrDuration({ level: "ERROR", durationMs: null }), maxObservationsPerTrace: 5 } });
    const t = tw.trace({ name: "chatty" });
    for (let i = 0; i < 10; i++) t.span({ name: `s${i}` }).end();
    t.end();
    expect(mem.getFinishedObservations()).toHaveLength(0);
    // 10 spans and the root: 6 held when the bound decided the trace, 5 that ended after it.
    expect(tw.stats()).toMatchObject({ "tail.overflow.observations": 1, "traces.dropped.tail": 1, "observations.dropped.tail": 11 });
  });

  it("maxTraceAgeMs decides a root that never ends", () => {
    const { tw, clock } = client({ tailSampling: { rule: () => false, maxTraceAgeMs: 60_000 } });
    tw.trace({ name: "stuck" });
    clock.advance(61_000);
    tw.trace({ name: "next" });
    expect(tw.stats()["tail.overflow.age"]).toBe(1);
  });

  it("memory stays bounded with 100,000 roots that never end", () => {
    const gc = globalThis.gc;
    if (gc === undefined) throw new Error("run with --expose-gc (vitest.config.ts sets it)");
    const { tw } = client({ tailSampling: { rule: () => false, maxBufferedTraces: 1000 } });
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 100_000; i++) {
      const t = tw.trace({ name: "never-ends", input: { i, pad: "x".repeat(200) } });
      t.span({ name: "child" }).end({ output: "y".repeat(200) });
    }
    gc();
    const grownMb = (process.memoryUsage().heapUsed - before) / 1e6;
    const stats = tw.stats();
    expect(stats["tail.overflow.traces"]).toBe(99_000);
    // 1,000 held traces of ~1 KB each; without the bound 100k would hold ≥ 100 MB.
    expect(grownMb).toBeLessThan(60);
  });

  it("shutdown decides and delivers what is still held", async () => {
    const { tw, mem } = client({ tailSampling: (info) => info.observationCount >= 1 && info.rootEnded });
    const t = tw.trace({ name: "open" });
    t.span({ name: "done" }).end();
    await tw.shutdown();
    expect(mem.getFinishedObservations().map((o) => o.name)).toEqual(["done"]);
    expect(tw.stats()["tail.overflow.shutdown"]).toBe(1);
  });
});
