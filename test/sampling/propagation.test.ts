import { describe, expect, it } from "vitest";
import { extract, inject, observe, getCurrentTraceparent } from "tracewise";
import { memoryClient } from "../helpers/memory-client";

describe("W3C propagation", () => {
  it("inject writes traceparent and tracestate into plain objects and Headers", () => {
    const { tw } = memoryClient({ sampleRate: 0.5 });
    const trace = tw.trace({ name: "t", id: "0000000000000000ffffffffffffffff" });
    const span = trace.span({ name: "call" });
    const plain = inject({ accept: "json" }, span);
    expect(plain).toEqual({ accept: "json", traceparent: `00-${trace.id}-${span.id}-01`, tracestate: "ot=th:8" });
    const headers = inject(new Headers(), span);
    expect(headers.get("traceparent")).toBe(span.traceparent);
  });

  it("inject uses the current observation and does nothing outside a trace", () => {
    memoryClient();
    expect(inject({})).toEqual({});
    const headers: Record<string, string> = observe(() => inject({}))();
    expect(headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(observe(() => getCurrentTraceparent())()).toMatch(/-01$/);
  });

  it("extract reads Node incoming headers, Headers and mixed-case plain objects", () => {
    expect(extract({ traceparent: "tp", tracestate: ["a=1", "b=2"] })).toEqual({ traceparent: "tp", tracestate: "a=1,b=2" });
    expect(extract(new Headers({ TraceParent: "tp2" }))).toEqual({ traceparent: "tp2" });
    expect(extract({ TRACEPARENT: "tp3" })).toEqual({ traceparent: "tp3" });
  });

  it("a malformed traceparent starts a new trace and is logged once", () => {
    const lines: string[] = [];
    const { tw } = memoryClient({ logLevel: "warn", logSink: (_l, m) => lines.push(m) });
    for (const bad of ["garbage", "00-00000000000000000000000000000000-00f067aa0ba902b7-01", "ff-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01"]) {
      const t = tw.trace({ name: "t", traceparent: bad });
      expect(t.sampled).toBe(true);
      expect(t.id).not.toBe("00000000000000000000000000000000");
    }
    expect(lines.filter((l) => l.includes("traceparent"))).toHaveLength(1);
  });
});
