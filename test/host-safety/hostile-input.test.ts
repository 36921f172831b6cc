import { observe, Tracewise, TracewiseConfigError, updateCurrentObservation, type ObserveOptions, type TraceOptions } from "tracewise";
import { describe, expect, it } from "vitest";
import { memoryClient } from "../helpers/memory-client";

/** A Proxy whose every trap throws: the most hostile object a caller can hand over. */
function hostileProxy(): object {
  const boom = (): never => {
    throw new Error("trap exploded");
  };
  return new Proxy({}, { get: boom, has: boom, ownKeys: boom, getPrototypeOf: boom, getOwnPropertyDescriptor: boom, set: boom, defineProperty: boom });
}

/** A client keeping records in memory and warnings in a list. */
function client(): ReturnType<typeof memoryClient> & { warnings: string[] } {
  const warnings: string[] = [];
  const made = memoryClient({ global: false, logLevel: "warn", logSink: (level, message) => warnings.push(`${level}: ${message}`) });
  return { ...made, warnings };
}

/** Calls `fn` as a user would, with arguments the types forbid. */
const untyped = <T>(value: unknown): T => value as T;

describe("the public API accepts any input without throwing", () => {
  it("tw.trace() with null, a numeric id, a bad start time, a numeric traceparent or a Proxy returns a usable trace", () => {
    const { tw, mem } = client();
    const inputs: unknown[] = [null, { id: 12345 }, { startTime: "yesterday" }, { traceparent: 5 }, hostileProxy(), "trace", 42];
    for (const input of inputs) {
      const trace = tw.trace(untyped<TraceOptions>(input));
      expect(trace.id).toMatch(/^[0-9a-f]{32}$/);
      trace.span({ name: "child" }).end();
      trace.end();
    }
    expect(mem.getFinishedObservations()).toHaveLength(inputs.length * 2);
    for (const o of mem.getFinishedObservations()) expect(Number.isFinite(o.startTime)).toBe(true);
  });

  it("handle methods accept bad fields, hostile objects and null", () => {
    const { tw, mem } = client();
    const trace = tw.trace({ name: "t" });
    const span = trace.span(untyped({ name: "s", startTime: "bad" }));
    const generation = trace.generation(untyped({ name: "g", completionStartTime: "soon", level: "LOUD", usageDetails: "many" }));
    span.update(untyped(hostileProxy()));
    span.update(untyped(null));
    span.update(untyped("just a string"));
    generation.end(untyped({ endTime: new Date(NaN) }));
    span.end(untyped(hostileProxy()));
    trace.event(untyped(null));
    trace.startObservation(untyped({ name: "tool", asType: "gadget" })).end();
    trace.score(untyped({ name: "quality", value: { not: "a score" } }));
    trace.score(untyped(hostileProxy()));
    trace.update(untyped(null));
    trace.update(untyped(hostileProxy()));
    trace.update(untyped({ userId: 42, tags: "one-tag", metadata: "flat" }));
    trace.end(untyped(null));
    const byName = new Map(mem.getFinishedObservations().map((o) => [o.name, o]));
    expect([...byName.keys()].sort()).toEqual(["event", "g", "s", "t", "tool"]);
    expect(byName.get("s")?.startTime).toBeTypeOf("number");
    expect(byName.get("g")?.completionStartTime).toBeUndefined();
    expect(byName.get("g")?.level).toBe("DEFAULT");
    expect(byName.get("g")?.endTime).toBeTypeOf("number");
    expect(byName.get("tool")?.type).toBe("span");
    expect(byName.get("t")?.trace).toMatchObject({ userId: "42", tags: ["one-tag"], metadata: { value: "flat" } });
    expect(mem.getScores()).toHaveLength(0);
  });

  it("updateCurrentObservation() and observe() accept Proxies whose traps throw", async () => {
    // Global: observe() with Proxy options cannot name a client.
    const { tw, mem } = memoryClient();
    const run = observe(
      async (x: number) => {
        updateCurrentObservation(untyped(hostileProxy()));
        return x + 1;
      },
      { client: tw, name: "run" },
    );
    expect(await run(1)).toBe(2);
    const double = observe(
      function double(x: number) {
        return x * 2;
      },
      untyped<ObserveOptions>(hostileProxy()),
    );
    expect(double(21)).toBe(42);
    const withBadOptions = observe((x: number) => x, untyped<ObserveOptions>({ client: tw, name: 7, asType: "gadget", captureInput: "yes", metadata: "m" }));
    expect(withBadOptions(3)).toBe(3);
    const byName = new Map(mem.getFinishedObservations().map((o) => [o.name, o]));
    expect(byName.get("run")?.output).toBe(2);
    expect(byName.get("double")?.output).toBe(42);
    // A number given as the name is recorded as its text; the other bad options are ignored.
    expect(byName.get("7")).toMatchObject({ type: "span", input: 3 });
    expect(tw.stats()["errors.internal"]).toBeUndefined();
  });

  it("tw.withObservation() and tw.score() accept values that are not handles or options", () => {
    const { tw, mem } = client();
    const step = observe((x: number) => x + 1, { client: tw, name: "step" });
    expect(tw.withObservation(untyped(null), () => step(1))).toBe(2);
    expect(tw.withObservation(untyped(hostileProxy()), () => step(2))).toBe(3);
    expect(() => tw.score(untyped(null))).not.toThrow();
    expect(() => tw.score(untyped(hostileProxy()))).not.toThrow();
    expect(mem.getFinishedObservations().map((o) => o.name)).toEqual(["step", "step"]);
  });

  it("warns once per kind of bad value, naming the call and the field", () => {
    const { tw, warnings } = client();
    for (let i = 0; i < 3; i++) {
      tw.trace(untyped({ startTime: "yesterday" })).end();
      tw.trace({ name: "t" }).generation(untyped({ name: "g", completionStartTime: "soon" })).end();
    }
    const startTime = warnings.filter((w) => w.includes("trace(): startTime"));
    const completion = warnings.filter((w) => w.includes("generation(): completionStartTime"));
    expect(startTime).toHaveLength(1);
    expect(startTime[0]).toContain('"yesterday"');
    expect(completion).toHaveLength(1);
    expect(completion[0]).toContain('"soon"');
  });
});

describe("explicit client options keep throwing at construction, with secrets redacted", () => {
  it("names the option and redacts the password of a URL", () => {
    const attempt = () => new Tracewise({ global: false, flushOnExit: false, baseUrl: "ftp://lf-user:hunter2-secret@langfuse.example.com" });
    expect(attempt).toThrow(TracewiseConfigError);
    try {
      attempt();
    } catch (error) {
      const e = error as TracewiseConfigError;
      expect(e.message).toContain('"baseUrl"');
      expect(e.message).toContain("langfuse.example.com");
      expect(e.message).not.toContain("hunter2");
      expect(JSON.stringify(e.value)).not.toContain("hunter2");
    }
  });

  it("never prints a secret key", () => {
    try {
      new Tracewise({ global: false, flushOnExit: false, secretKey: untyped(["sk-lf-0123456789abcdef"]) });
      expect.unreachable("a bad secretKey must throw");
    } catch (error) {
      expect(error).toBeInstanceOf(TracewiseConfigError);
      expect(String(error)).not.toContain("0123456789abcdef");
    }
  });
});
