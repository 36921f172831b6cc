import { observe } from "tracewise";
import { describe, expect, it } from "vitest";
import { memoryClient } from "../helpers/memory-client";

/**
 * Capture is bounded in work as well as in bytes: these tests count what capture reads from the
 * value (iterator steps, Proxy `get` traps), never time. The bounds: 10,000 entries per object,
 * array, Map or Set, 100,000 values per field, and the field's byte budget (1 MB by default).
 */
const ENTRIES_PER_CONTAINER = 10_000;
const NODES_PER_FIELD = 100_000;
const FIELD_BYTES = 1_000_000;

/** The recorded input of one observed call with `value` as its argument. */
function capturedInput(value: unknown): unknown {
  const { tw, mem } = memoryClient({ global: false });
  observe((_value: unknown) => undefined, { client: tw, name: "capture" })(value);
  return mem.getFinishedObservations()[0]?.input;
}

/** A Proxy over `target` counting the reads of its numbered entries (what capture copies). */
function countingProxy<T extends object>(target: T): { proxy: T; reads: () => number } {
  let reads = 0;
  const proxy = new Proxy(target, {
    get(t, key, receiver) {
      if (typeof key === "string" && /^k?\d+$/.test(key)) reads += 1;
      return Reflect.get(t, key, receiver) as unknown;
    },
  });
  return { proxy, reads: () => reads };
}

describe("capture does bounded work whatever the size of the value", () => {
  it("reads at most the entry bound from a Map of 10^6 entries, and marks the rest", () => {
    let pulled = 0;
    class CountingMap<K, V> extends Map<K, V> {
      override entries(): MapIterator<[K, V]> {
        return this[Symbol.iterator]();
      }
      override [Symbol.iterator](): MapIterator<[K, V]> {
        const inner = super.entries();
        const counted = {
          next: () => {
            pulled += 1;
            return inner.next();
          },
          [Symbol.iterator]: () => counted,
        };
        return counted;
      }
    }
    const map = new CountingMap<string, number>();
    for (let i = 0; i < 1_000_000; i++) map.set(`k${i}`, i);
    const input = capturedInput(map) as Record<string, unknown>;
    expect(pulled).toBeLessThanOrEqual(ENTRIES_PER_CONTAINER + 1);
    expect(Object.keys(input).length).toBeLessThanOrEqual(ENTRIES_PER_CONTAINER + 1);
    expect(input["…"]).toMatch(/^\[truncated: \d+ more keys\]$/);
    expect(input.k0).toBe(0);
  });

  it("reads at most the entry bound of values from an object with many keys", () => {
    // 2·10^5 keys rather than 10^6: Object.keys of a Proxy runs a trap per key, slow for the test alone.
    const keys = 200_000;
    const target: Record<string, number> = {};
    for (let i = 0; i < keys; i++) target[`k${i}`] = i;
    const { proxy, reads } = countingProxy(target);
    const input = capturedInput(proxy) as Record<string, unknown>;
    expect(reads()).toBeLessThanOrEqual(ENTRIES_PER_CONTAINER);
    expect(input["…"]).toBe(`[truncated: ${keys - ENTRIES_PER_CONTAINER} more keys]`);
  });

  it("visits at most the node bound over all the containers of one field", () => {
    const inner = Array.from({ length: 100 }, () => countingProxy(new Array<null>(ENTRIES_PER_CONTAINER).fill(null)));
    const input = capturedInput(inner.map((c) => c.proxy)) as unknown[][];
    const reads = inner.reduce((sum, c) => sum + c.reads(), 0);
    expect(reads).toBeLessThanOrEqual(NODES_PER_FIELD);
    expect(input.flat().some((item) => typeof item === "string" && /^\[truncated: \d+ more items\]$/.test(item))).toBe(true);
  });

  it("exports a sparse new Array(1e9) within the field's byte budget, marked as truncated", () => {
    const input = capturedInput(new Array(1e9)) as unknown[];
    expect(JSON.stringify(input).length).toBeLessThanOrEqual(FIELD_BYTES);
    expect(input.at(-1)).toMatch(/^\[truncated: \d+ more items\]$/);
  });

  it("keeps every exported field of a large value within the byte budget", () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => ({ id: i, score: Math.PI * i, label: `row ${i}`.padEnd(200, ".") }));
    const input = capturedInput(rows);
    expect(JSON.stringify(input).length).toBeLessThanOrEqual(FIELD_BYTES);
  });

  it("does not spread metadata given as a 1 MB string into 10^6 keys", () => {
    const { tw, mem } = memoryClient({ global: false });
    const text = "x".repeat(1_000_000);
    const trace = tw.trace({ name: "t", metadata: text as unknown as Record<string, unknown> });
    trace.span({ name: "s", metadata: text as unknown as Record<string, unknown> }).end();
    trace.end();
    const [span, root] = mem.getFinishedObservations();
    expect(Object.keys(span?.metadata ?? {})).toEqual(["value"]);
    expect(Object.keys(root?.trace.metadata ?? {})).toEqual(["value"]);
    expect(span?.metadata?.value).toBe(text);
  });
});
