import { describe, expect, it } from "vitest";
import { Counters } from "../../src/diag/counters";
import { NonRecordingObservation } from "../../src/core/non-recording-observation";
import type { ObservationHandle } from "../../src/core/observation-handle";

const TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

describe("NonRecordingObservation (a dropped trace's handle)", () => {
  it("records nothing, propagates with flag 00 and keeps one span id once read", () => {
    const handle = new NonRecordingObservation(TRACE_ID, undefined, "ot=th:8");
    expect(handle.isRecording).toBe(false);
    expect(handle.sampled).toBe(false);
    expect(handle.type).toBe("span");
    expect(handle.traceId).toBe(TRACE_ID);
    expect(handle.tracestate).toBe("ot=th:8");
    expect(handle.traceparent).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-00$`));
    expect(handle.traceparent).toBe(`00-${TRACE_ID}-${handle.id}-00`);
    expect(handle.span()).toBe(handle);
  });

  it("uses the span id it was given", () => {
    expect(new NonRecordingObservation(TRACE_ID, "00f067aa0ba902b7", undefined).traceparent).toBe(`00-${TRACE_ID}-00f067aa0ba902b7-00`);
  });

  it("counts scores given to it as dropped", () => {
    const counters = new Counters();
    const handle: ObservationHandle = new NonRecordingObservation(TRACE_ID, undefined, undefined, counters);
    handle.score({ name: "q", value: 1 });
    handle.scoreTrace({ name: "q", value: 1 });
    expect(counters.get("scores.dropped")).toBe(2);
  });

  it("keeps its own properties and their order (what spreading or JSON of a handle shows)", () => {
    const handle = new NonRecordingObservation(TRACE_ID, undefined, undefined);
    expect(Object.keys(handle)).toEqual(["traceId", "tracestate", "counters", "isRecording", "sampled", "type", "spanId"]);
    expect(JSON.parse(JSON.stringify(handle))).toEqual({ traceId: TRACE_ID, isRecording: false, sampled: false, type: "span" });
  });
});
