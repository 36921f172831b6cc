import { describe, expect, it } from "vitest";
import { observe } from "tracewise";
import { memoryClient } from "../helpers/memory-client";

describe("nested observed calls", () => {
  it("record name, type, parent, captured input, metadata and output", async () => {
    const { tw, mem } = memoryClient({ global: false });
    const child = observe(async (q: { text: string }) => q.text.toUpperCase(), {
      client: tw,
      name: "child",
      asType: "tool",
      metadata: { team: "search" },
    });
    const root = observe(async (q: { text: string }) => child(q), { client: tw, name: "root" });
    const question = { text: "hi" };
    await root(question);
    // Mutating the argument after the calls must not change what was recorded.
    question.text = "changed";
    const [trace] = mem.getFinishedTraces();
    const parent = trace?.observations.find((o) => o.name === "root");
    const nested = trace?.observations.find((o) => o.name === "child");
    expect(nested).toMatchObject({ type: "tool", parentObservationId: parent?.id, input: { text: "hi" }, output: "HI", metadata: { team: "search" } });
    expect(Object.keys(nested ?? {})).toEqual([
      "kind", "id", "traceId", "isLocalRoot", "type", "name", "startTime", "endTime", "level", "trace",
      "parentObservationId", "input", "output", "metadata",
    ]);
    expect(trace?.input).toEqual({ text: "hi" });
    expect(trace?.output).toBe("HI");
  });

  it("records a nested call typed as an event as an event under its parent", () => {
    const { tw, mem } = memoryClient({ global: false });
    const ping = observe((n: number) => n + 1, { client: tw, name: "ping", asType: "event" });
    const root = observe((n: number) => ping(n), { client: tw, name: "root" });
    expect(root(1)).toBe(2);
    const events = mem.getFinishedObservations().filter((o) => o.type === "event");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ name: "ping", input: 1 });
    expect(events[0]?.endTime).toBe(events[0]?.startTime);
  });

  it("passes `this` and the arguments through and re-throws the user's error unchanged", async () => {
    const { tw, mem } = memoryClient({ global: false });
    const failure = new Error("boom");
    const inner = observe(async function (this: { factor: number }, n: number) {
      if (n < 0) throw failure;
      return n * this.factor;
    }, { client: tw, name: "inner" });
    const outer = observe(async (n: number) => inner.call({ factor: 3 }, n), { client: tw, name: "outer" });
    await expect(outer(2)).resolves.toBe(6);
    await expect(outer(-1)).rejects.toBe(failure);
    const failed = mem.getFinishedObservations().filter((o) => o.level === "ERROR").map((o) => o.name);
    expect(failed.sort()).toEqual(["inner", "outer"]);
  });
});
