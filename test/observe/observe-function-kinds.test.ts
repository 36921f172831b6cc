import { beforeEach, describe, expect, it } from "vitest";
import { getCurrentTraceId, observe, updateCurrentObservation } from "tracewise";
import { memoryClient, sleep } from "../helpers/memory-client";

let env = memoryClient();
beforeEach(() => {
  env = memoryClient();
});

describe("observe(fn) on every kind of function", () => {
  it("keeps a sync function sync and records input and output", () => {
    const add = observe(function add(a: number, b: number) {
      return a + b;
    });
    const result = add(2, 3);
    expect(result).toBe(5);
    const [obs] = env.mem.getFinishedObservations();
    expect(obs).toMatchObject({ name: "add", type: "span", input: [2, 3], output: 5, level: "DEFAULT", isLocalRoot: true });
  });

  it("records one argument as itself and no argument as absent", () => {
    observe(function one(x: { q: string }) {
      return x.q;
    })({ q: "hi" });
    observe(function none() {
      return 1;
    })();
    const [one, none] = env.mem.getFinishedObservations();
    expect(one?.input).toEqual({ q: "hi" });
    expect(none && "input" in none).toBe(false);
  });

  it("returns the same promise object, so thenable subclasses keep their methods", async () => {
    class APIPromiseLike<T> extends Promise<T> {
      withResponse(): string {
        return "response";
      }
    }
    const call = observe(function call() {
      return new APIPromiseLike<number>((resolve) => setTimeout(() => resolve(7), 5));
    });
    const promise = call();
    expect(promise).toBeInstanceOf(APIPromiseLike);
    expect(promise.withResponse()).toBe("response");
    expect(await promise).toBe(7);
    await sleep(0);
    expect(env.mem.getFinishedObservations()[0]).toMatchObject({ name: "call", output: 7 });
  });

  it("nests children across await, Promise.all, timers and event emitters", async () => {
    const { EventEmitter } = await import("node:events");
    const leaf = observe(async function leaf(tag: string) {
      await sleep(1);
      return tag;
    });
    const root = observe(async function root() {
      await leaf("await");
      await Promise.all([leaf("all-1"), leaf("all-2")]);
      await new Promise<void>((resolve) => setTimeout(() => void leaf("timer").then(() => resolve()), 1));
      const emitter = new EventEmitter();
      const done = new Promise<void>((resolve) => emitter.on("go", () => void leaf("emitter").then(() => resolve())));
      emitter.emit("go");
      await done;
    });
    await root();
    const observations = env.mem.getFinishedObservations();
    const rootRecord = observations.find((o) => o.name === "root");
    const leaves = observations.filter((o) => o.name === "leaf");
    expect(leaves.map((l) => l.output).sort()).toEqual(["all-1", "all-2", "await", "emitter", "timer"]);
    for (const l of leaves) {
      expect(l.parentObservationId).toBe(rootRecord?.id);
      expect(l.traceId).toBe(rootRecord?.traceId);
    }
  });

  it("records errors at level ERROR and re-throws the identical object (sync and async)", async () => {
    const boom = new TypeError("boom");
    const syncFail = observe(function syncFail() {
      throw boom;
    });
    const asyncFail = observe(async function asyncFail() {
      await sleep(1);
      throw boom;
    });
    let caught: unknown;
    try {
      syncFail();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBe(boom);
    await expect(asyncFail()).rejects.toBe(boom);
    await sleep(0);
    const [a, b] = env.mem.getFinishedObservations();
    expect(a).toMatchObject({ name: "syncFail", level: "ERROR", statusMessage: "boom" });
    expect(b).toMatchObject({ name: "asyncFail", level: "ERROR", statusMessage: "boom" });
  });

  it("preserves this, name and length", () => {
    const obj = {
      factor: 3,
      times: observe(function times(this: { factor: number }, x: number, _unused?: number) {
        return this.factor * x;
      }),
    };
    expect(obj.times(2)).toBe(6);
    expect(obj.times.name).toBe("times");
    expect(obj.times.length).toBe(2);
  });

  it("keeps a generator's observation open until iteration ends, nests children and concatenates strings", () => {
    const child = observe(function child() {
      return "c";
    });
    const gen = observe(function* words() {
      yield "a";
      child();
      yield "b";
    });
    const iterator = gen();
    expect(Object.prototype.toString.call(iterator)).toBe("[object Generator]");
    expect(env.mem.getFinishedObservations()).toHaveLength(0);
    expect([...iterator]).toEqual(["a", "b"]);
    const parent = env.mem.getFinishedObservations().find((o) => o.name === "words");
    const kid = env.mem.getFinishedObservations().find((o) => o.name === "child");
    expect(parent?.output).toBe("ab");
    expect(kid?.parentObservationId).toBe(parent?.id);
  });

  it("ends a generator abandoned with break, with what arrived", () => {
    const gen = observe(function* numbers() {
      for (let i = 0; ; i++) yield { i };
    });
    for (const n of gen()) if (n.i === 2) break;
    expect(env.mem.getFinishedObservations()[0]).toMatchObject({ name: "numbers", output: [{ i: 0 }, { i: 1 }, { i: 2 }] });
  });

  it("records a generator that throws at level ERROR and re-throws the same error", () => {
    const failure = new Error("mid-stream");
    const gen = observe(function* failing() {
      yield 1;
      throw failure;
    });
    expect(() => [...gen()]).toThrow(failure);
    expect(env.mem.getFinishedObservations()[0]).toMatchObject({ level: "ERROR", statusMessage: "mid-stream" });
  });

  it("wraps async generators: children nest, the first chunk of a generation sets completionStartTime", async () => {
    const tool = observe(async function tool() {
      await sleep(1);
      return 1;
    });
    const stream = observe(
      async function* stream() {
        updateCurrentObservation({ model: "m-1" });
        yield "hel";
        await tool();
        yield "lo";
      },
      { asType: "generation" },
    );
    let text = "";
    for await (const chunk of stream()) text += chunk;
    expect(text).toBe("hello");
    const gen = env.mem.getFinishedObservations().find((o) => o.name === "stream");
    const child = env.mem.getFinishedObservations().find((o) => o.name === "tool");
    expect(gen).toMatchObject({ type: "generation", model: "m-1", output: "hello" });
    expect(gen?.completionStartTime).toBeGreaterThanOrEqual(gen?.startTime ?? Infinity);
    expect(gen?.completionStartTime).toBeLessThanOrEqual(gen?.endTime ?? -Infinity);
    expect(child?.parentObservationId).toBe(gen?.id);
  });

  it("ends an async generator abandoned early", async () => {
    const stream = observe(async function* ticks() {
      for (let i = 0; ; i++) yield i;
    });
    for await (const i of stream()) if (i === 1) break;
    expect(env.mem.getFinishedObservations()[0]).toMatchObject({ name: "ticks", output: [0, 1] });
  });

  it("applies options: name, asType, input/output transforms, capture switches and metadata", () => {
    const fn = observe((q: string, secret: string) => ({ answer: q.toUpperCase(), secret }), {
      name: "custom",
      asType: "tool",
      input: ([q]) => ({ q }),
      output: (r) => r.answer,
      metadata: { team: "search" },
    });
    fn("x", "pw");
    const quiet = observe((a: number) => a, { name: "quiet", captureInput: false, captureOutput: false });
    quiet(1);
    const [custom, q] = env.mem.getFinishedObservations();
    expect(custom).toMatchObject({ name: "custom", type: "tool", input: { q: "x" }, output: "X", metadata: { team: "search" } });
    expect(q && ("input" in q || "output" in q)).toBe(false);
  });

  it("captures values at call time: mutating an argument afterwards does not change the record", async () => {
    const payload = { items: [1, 2] };
    const fn = observe(async function keep(p: { items: number[] }) {
      await sleep(1);
      return p;
    });
    const pending = fn(payload);
    payload.items.push(3);
    await pending;
    await sleep(0);
    expect(env.mem.getFinishedObservations()[0]?.input).toEqual({ items: [1, 2] });
  });

  it("exposes the trace id inside the call and nothing outside", () => {
    let inside: string | undefined;
    observe(function probe() {
      inside = getCurrentTraceId();
    })();
    expect(inside).toMatch(/^[0-9a-f]{32}$/);
    expect(getCurrentTraceId()).toBeUndefined();
  });
});

describe("client-wide capture defaults", () => {
  it("apply to nested calls too, and per-function options override them", () => {
    const quiet = memoryClient({ captureInput: false, captureOutput: false });
    const child = observe(function child(secret: string) {
      return secret;
    });
    const loud = observe(function loud(x: number) {
      return x;
    }, { captureInput: true, captureOutput: true });
    observe(function root(secret: string) {
      child(secret);
      loud(7);
      return secret;
    })("s3cr3t");
    const byName = Object.fromEntries(quiet.mem.getFinishedObservations().map((o) => [o.name, o]));
    for (const name of ["root", "child"]) {
      expect(byName[name] && ("input" in byName[name] || "output" in byName[name])).toBe(false);
    }
    expect(byName.loud).toMatchObject({ input: 7, output: 7 });
    expect(JSON.stringify(quiet.mem.getFinishedTraces())).not.toContain("s3cr3t");
  });
});
