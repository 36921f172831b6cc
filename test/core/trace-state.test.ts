import { describe, expect, it } from "vitest";
import { TraceState } from "../../src/core/trace-state";
import type { Tracer } from "../../src/core/tracer";

function traceState(): TraceState {
  // The tracer is only carried, never called, by these methods.
  return new TraceState({} as Tracer, true, "head", { id: "0af7651916cd43dd8448eb211c80319c", sampleRate: 1, name: "t" });
}

describe("TraceState.setIo", () => {
  it("sets input and output in place while no record holds the snapshot", () => {
    const trace = traceState();
    const before = trace.snapshot;
    trace.setIo("input", { q: 1 });
    trace.setIo("output", "a");
    expect(trace.snapshot).toBe(before);
    expect(trace.snapshot).toEqual({ id: "0af7651916cd43dd8448eb211c80319c", sampleRate: 1, name: "t", input: { q: 1 }, output: "a" });
  });

  it("copies a snapshot a record already holds, which keeps what it had", () => {
    const trace = traceState();
    trace.setIo("input", "in");
    const held = trace.shareSnapshot();
    trace.setIo("output", "out");
    expect(held).toEqual({ id: "0af7651916cd43dd8448eb211c80319c", sampleRate: 1, name: "t", input: "in" });
    expect(trace.snapshot).toEqual({ ...held, output: "out" });
    expect(Object.keys(trace.snapshot)).toEqual(["id", "sampleRate", "name", "input", "output"]);
  });

  it("copies nothing for the value already set, or for undefined", () => {
    const trace = traceState();
    const value = { q: 1 };
    trace.setIo("input", value);
    const held = trace.shareSnapshot();
    trace.setIo("input", value);
    trace.setIo("output", undefined);
    expect(trace.snapshot).toBe(held);
    expect("output" in trace.snapshot).toBe(false);
  });
});
