import { describe, expect, it } from "vitest";
import { observe, updateCurrentTrace } from "tracewise";
import { memoryClient, sleep } from "../helpers/memory-client";

describe("async context", () => {
  it("keeps 1,000 concurrent interleaved traces apart", async () => {
    const { mem } = memoryClient();
    const step = observe(async function step(request: number, n: number) {
      await sleep((request * 7 + n * 13) % 5);
      return `${request}:${n}`;
    });
    const handle = observe(async function handle(request: number) {
      updateCurrentTrace({ userId: `user-${request}` });
      const results = await Promise.all([step(request, 1), step(request, 2)]);
      await sleep(request % 3);
      results.push(await step(request, 3));
      return results;
    });
    const requests = Array.from({ length: 1000 }, (_, i) => i);
    const outputs = await Promise.all(requests.map((r) => handle(r)));
    expect(outputs[999]).toEqual(["999:1", "999:2", "999:3"]);

    const traces = mem.getFinishedTraces();
    expect(traces).toHaveLength(1000);
    for (const trace of traces) {
      const root = trace.observations.find((o) => o.isLocalRoot);
      const request = root?.input as number;
      expect(trace.userId).toBe(`user-${request}`);
      expect(trace.observations).toHaveLength(4);
      for (const child of trace.observations.filter((o) => !o.isLocalRoot)) {
        expect(child.parentObservationId).toBe(root?.id);
        expect((child.input as number[])[0]).toBe(request);
        expect(String(child.output).startsWith(`${request}:`)).toBe(true);
      }
    }
  });
});
