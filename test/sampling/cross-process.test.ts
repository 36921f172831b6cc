import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { randomTraceId } from "../../src/core/ids";
import { memoryClient } from "../helpers/memory-client";

const script = fileURLToPath(new URL("../fixtures/sampling/decide.ts", import.meta.url));

function runProcess(job: object): unknown {
  const out = execFileSync(process.execPath, ["--import", "tsx", script], { input: JSON.stringify(job), encoding: "utf8" });
  return JSON.parse(out) as unknown;
}

describe("decisions across processes", () => {
  it("two Node processes (and this one) keep exactly the same trace ids", () => {
    const ids = Array.from({ length: 2000 }, () => randomTraceId());
    const a = runProcess({ rate: 0.3, ids }) as string[];
    const b = runProcess({ rate: 0.3, ids }) as string[];
    const { tw } = memoryClient({ sampleRate: 0.3 });
    const here = ids.filter((id) => tw.trace({ id, name: "t" }).sampled);
    expect(a).toEqual(b);
    expect(a).toEqual(here);
    expect(a.length).toBeGreaterThan(0);
    expect(a.length).toBeLessThan(ids.length);
  });

  it("a child process continuing via traceparent follows its parent, whatever its own rate", () => {
    const { tw } = memoryClient({ sampleRate: 0.5 });
    let kept: { id: string; traceparent: string; tracestate?: string } | undefined;
    let dropped: { id: string; traceparent: string } | undefined;
    while (kept === undefined || dropped === undefined) {
      const t = tw.trace({ name: "parent" });
      const call = t.span({ name: "http-call" });
      if (t.sampled) kept ??= { id: t.id, traceparent: call.traceparent, ...(call.tracestate === undefined ? {} : { tracestate: call.tracestate }) };
      else dropped ??= { id: t.id, traceparent: call.traceparent };
    }
    const childOfKept = runProcess({ rate: 0.0001, traceparent: kept.traceparent, tracestate: kept.tracestate }) as Record<string, unknown>;
    expect(childOfKept).toMatchObject({ traceId: kept.id, sampled: true, tracestate: "ot=th:8" });
    expect(String(childOfKept.traceparent)).toMatch(new RegExp(`^00-${kept.id}-[0-9a-f]{16}-01$`));
    const childOfDropped = runProcess({ rate: 1, traceparent: dropped.traceparent }) as Record<string, unknown>;
    expect(childOfDropped).toMatchObject({ traceId: dropped.id, sampled: false });
    expect(String(childOfDropped.traceparent)).toMatch(/-00$/);
  });
});
