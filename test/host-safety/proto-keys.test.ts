import { observe } from "tracewise";
import { afterEach, describe, expect, it } from "vitest";
import { memoryClient } from "../helpers/memory-client";

/** What `JSON.parse` makes of a request body carrying a `__proto__` key: an own data property. */
const body = () => JSON.parse('{"__proto__": {"polluted": true, "isAdmin": true}, "question": "hi"}') as Record<string, unknown>;

afterEach(() => {
  // Nothing in these tests may have reached a shared prototype.
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty("isAdmin");
});

describe("own __proto__ keys are kept as data", () => {
  it("in captured input and output, without touching the copy's prototype", () => {
    const { tw, mem } = memoryClient({ global: false });
    const echo = observe((request: Record<string, unknown>) => request, { client: tw, name: "echo" });
    echo(body());
    const [observation] = mem.getFinishedObservations();
    for (const field of [observation?.input, observation?.output] as Record<string, unknown>[]) {
      expect(Object.getPrototypeOf(field)).toBe(Object.prototype);
      expect(Object.prototype.hasOwnProperty.call(field, "__proto__")).toBe(true);
      expect(Object.getOwnPropertyDescriptor(field, "__proto__")?.value).toEqual({ polluted: true, isAdmin: true });
      expect(field.question).toBe("hi");
      expect(field.polluted).toBeUndefined();
      expect(JSON.parse(JSON.stringify(field))).toEqual(body());
    }
  });

  it("in observation and trace metadata, merged key by key", () => {
    const { tw, mem } = memoryClient({ global: false });
    const trace = tw.trace({ name: "t", metadata: body() });
    const span = trace.span({ name: "s", metadata: { first: 1 } });
    span.update({ metadata: body() });
    span.end();
    trace.end();
    const [spanRecord, root] = mem.getFinishedObservations();
    for (const metadata of [spanRecord?.metadata, root?.trace.metadata]) {
      expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
      expect(Object.getOwnPropertyDescriptor(metadata, "__proto__")?.value).toEqual({ polluted: true, isAdmin: true });
    }
    expect(spanRecord?.metadata).toMatchObject({ first: 1, question: "hi" });
  });

  it("as a Map key", () => {
    const { tw, mem } = memoryClient({ global: false });
    observe((_m: Map<string, unknown>) => undefined, { client: tw })(new Map<string, unknown>([["__proto__", { polluted: true }], ["ok", 1]]));
    const input = mem.getFinishedObservations()[0]?.input as Record<string, unknown>;
    expect(Object.getPrototypeOf(input)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(input, "__proto__")?.value).toEqual({ polluted: true });
    expect(input.ok).toBe(1);
  });
});
