import { describe, expect, it } from "vitest";
import { observe, scoreCurrentObservation, scoreCurrentTrace, getCurrentObservation } from "tracewise";
import { binomialInterval } from "../helpers/binomial";
import { memoryClient } from "../helpers/memory-client";

const N = 10_000;
const P = 0.3;
// The binomial interval of the number of kept traces (two-sided false failure 1 in 10⁶, see binomial.ts).
const [LOW, HIGH] = binomialInterval(N, P);

describe("a trace is kept or dropped whole", () => {
  it(`${N} traces of nested observe calls, generators, events and scores at p = ${P}`, async () => {
    const { tw, mem } = memoryClient({ sampleRate: P });
    const tool = observe(async function tool(i: number) {
      getCurrentObservation()?.event({ name: "tool-event", input: i });
      return i * 2;
    }, { asType: "tool" });
    const stream = observe(function* stream(n: number) {
      for (let i = 0; i < n; i++) yield `t${i}`;
    }, { asType: "generation" });
    const request = observe(async function request(i: number) {
      await tool(i);
      const text = [...stream(3)].join("");
      scoreCurrentObservation({ name: "obs-score", value: 1 });
      scoreCurrentTrace({ name: "trace-score", value: i % 2 === 0 });
      return text;
    });
    for (let start = 0; start < N; start += 1000) {
      await Promise.all(Array.from({ length: 1000 }, (_, k) => request(start + k)));
    }
    tw.score({ traceId: mem.getFinishedTraces()[0]!.id, name: "late-feedback", value: 1 });

    const traces = mem.getFinishedTraces();
    for (const trace of traces) {
      // root + tool + event + generation = 4 observations; 2 scores (3 for the one given late feedback).
      expect(trace.observations.map((o) => o.name).sort()).toEqual(["request", "stream", "tool", "tool-event"]);
      expect(trace.scores.length).toBeGreaterThanOrEqual(2);
      expect(trace.sampleRate).toBe(P);
      expect(trace.tracestate).toBe("ot=th:b3333333333334");
    }
    expect(traces.length).toBeGreaterThanOrEqual(LOW);
    expect(traces.length).toBeLessThanOrEqual(HIGH);
    const stats = tw.stats();
    expect(stats["traces.started"]).toBe(N);
    expect((stats["traces.kept"] ?? 0) + (stats["traces.dropped"] ?? 0)).toBe(N);
    expect(stats["traces.kept"]).toBe(traces.length);
    // Each dropped trace had 2 scores, counted as dropped; nothing else of it reached the exporter.
    expect(stats["scores.dropped"]).toBe(2 * (N - traces.length));
    expect(new Set(mem.getScores().map((s) => s.traceId)).size).toBe(traces.length);
  });
});
