import { describe, expect, it } from "vitest";
import { snapshot } from "../../src/serialize/snapshot";
import { MARKERS } from "../../src/serialize/snapshot-limits";

describe("snapshot never throws on hostile input", () => {
  it("replaces circular references and keeps shared (non-circular) ones", () => {
    const a: Record<string, unknown> = { name: "a" };
    a.self = a;
    const shared = { x: 1 };
    expect(snapshot({ a, left: shared, right: shared })).toEqual({ a: { name: "a", self: MARKERS.circular }, left: { x: 1 }, right: { x: 1 } });
  });

  it("handles BigInt, symbols, functions, NaN and Infinity", () => {
    expect(snapshot({ big: 12345678901234567890n, sym: Symbol("s"), fn: function named() {}, nan: NaN, inf: -Infinity })).toEqual({
      big: "12345678901234567890n",
      sym: "Symbol(s)",
      fn: "[Function named]",
      nan: "NaN",
      inf: "-Infinity",
    });
  });

  it("captures Errors with name, message, stack, cause and own fields", () => {
    const cause = new Error("root cause");
    const error = Object.assign(new RangeError("outer", { cause }), { code: "E_RANGE" });
    const out = snapshot(error) as Record<string, unknown>;
    expect(out).toMatchObject({ name: "RangeError", message: "outer", code: "E_RANGE", cause: { name: "Error", message: "root cause" } });
    expect(String(out.stack)).toContain("RangeError: outer");
  });

  it("turns Date, Map, Set and RegExp into JSON-safe forms", () => {
    const date = new Date("2026-01-02T03:04:05.000Z");
    expect(snapshot({ date, bad: new Date(NaN), map: new Map([["k", 1]]), objMap: new Map([[{}, 2]]), set: new Set([1, 2]), re: /x+/g })).toEqual({
      date: "2026-01-02T03:04:05.000Z",
      bad: "Invalid Date",
      map: { k: 1 },
      objMap: [[{}, 2]],
      set: [1, 2],
      re: "/x+/g",
    });
  });

  it("summarizes Buffers, typed arrays and ArrayBuffers instead of dumping them", () => {
    expect(snapshot({ buf: Buffer.alloc(1024), u8: new Uint8Array(16), f32: new Float32Array(4), ab: new ArrayBuffer(8) })).toEqual({
      buf: "[Buffer 1024 bytes]",
      u8: "[Uint8Array 16 bytes]",
      f32: "[Float32Array 16 bytes]",
      ab: "[ArrayBuffer 8 bytes]",
    });
  });

  it("contains getters that throw to their own property", () => {
    const obj = { ok: 1 };
    Object.defineProperty(obj, "bad", { enumerable: true, get: () => { throw new Error("getter exploded"); } });
    expect(snapshot(obj)).toEqual({ ok: 1, bad: MARKERS.thrown("getter exploded") });
  });

  it("contains a toJSON that throws", () => {
    expect(snapshot({ v: { toJSON: () => { throw new Error("no json"); } }, ok: true })).toEqual({ v: MARKERS.thrown("toJSON: no json"), ok: true });
  });

  it("contains Proxies whose traps throw, and revoked Proxies", () => {
    const hostile = new Proxy({}, {
      ownKeys: () => { throw new Error("ownKeys trap"); },
      get: () => { throw new Error("get trap"); },
      getPrototypeOf: () => { throw new Error("proto trap"); },
    });
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const out = snapshot({ hostile, revoked: proxy, fine: "yes" }) as Record<string, unknown>;
    expect(out.fine).toBe("yes");
    expect(String(out.hostile)).toMatch(/^\[Thrown: /);
    expect(String(out.revoked)).toMatch(/^\[Thrown: /);
  });

  it("keeps class instances' own fields", () => {
    class Point {
      constructor(public x: number, public y: number) {}
      norm(): number {
        return Math.hypot(this.x, this.y);
      }
    }
    expect(snapshot(new Point(3, 4))).toEqual({ x: 3, y: 4 });
  });

  it("caps a field's size with a visible marker", () => {
    const out = snapshot("x".repeat(5000), { maxBytes: 1000, maxDepth: 20 }) as string;
    expect(out.length).toBeLessThan(1100);
    expect(out).toContain(MARKERS.truncated(4000));
    const list = snapshot(Array.from({ length: 10_000 }, (_, i) => i), { maxBytes: 1000, maxDepth: 20 }) as unknown[];
    expect(list.length).toBeLessThan(200);
    expect(String(list.at(-1))).toMatch(/^\[truncated: \d+ more items\]$/);
  });

  it("caps depth with a marker", () => {
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 50; i++) deep = { next: deep };
    let node = snapshot(deep, { maxBytes: 1_000_000, maxDepth: 5 }) as Record<string, unknown>;
    for (let i = 0; i < 4; i++) node = node.next as Record<string, unknown>;
    expect(node.next).toBe(MARKERS.maxDepth);
  });

  it("copies: later mutation of the source does not change the snapshot", () => {
    const source = { list: [1], nested: { a: 1 } };
    const copy = snapshot(source);
    source.list.push(2);
    source.nested.a = 2;
    expect(copy).toEqual({ list: [1], nested: { a: 1 } });
  });
});

describe("snapshot inside a snapshot", () => {
  it("lets a getter snapshot another value without disturbing the outer walk", () => {
    const inner: Record<string, unknown> = { name: "inner" };
    inner.self = inner;
    const outer: Record<string, unknown> = { before: 1 };
    Object.defineProperty(outer, "nested", { enumerable: true, get: () => snapshot(inner) });
    outer.after = { deep: { deeper: true } };
    outer.loop = outer;
    expect(snapshot(outer)).toEqual({
      before: 1,
      nested: { name: "inner", self: MARKERS.circular },
      after: { deep: { deeper: true } },
      loop: MARKERS.circular,
    });
  });

  it("gives the inner snapshot its own limits and restores the outer ones", () => {
    const outer = { big: "x".repeat(50), get small() { return snapshot("y".repeat(50), { maxBytes: 10, maxDepth: 20 }); }, last: "z".repeat(50) };
    const out = snapshot(outer, { maxBytes: 1_000, maxDepth: 20 }) as Record<string, string>;
    expect(out.big).toBe("x".repeat(50));
    expect(out.small).toContain(MARKERS.truncated(40));
    expect(out.last).toBe("z".repeat(50));
  });

  it("forgets the ancestors of an earlier walk", () => {
    // A value that was an ancestor during an earlier walk is not taken for a cycle in a later one.
    const shared = { x: 1 };
    const first = { a: shared, b: { c: shared } };
    snapshot(first);
    expect(snapshot({ again: shared, and: { again: shared } })).toEqual({ again: { x: 1 }, and: { again: { x: 1 } } });
  });
});

describe("snapshot work bounds", () => {
  it("copies at most 10,000 entries of a Set or a Map with object keys, and counts the rest", () => {
    const set = new Set(Array.from({ length: 25_000 }, (_, i) => i));
    const fromSet = snapshot(set, { maxBytes: 10_000_000, maxDepth: 20 }) as unknown[];
    expect(fromSet).toHaveLength(10_001);
    expect(fromSet.at(-1)).toBe(MARKERS.truncatedItems(15_000));
    const map = new Map(Array.from({ length: 12_000 }, (_, i) => [{ i }, i] as const));
    const fromMap = snapshot(map, { maxBytes: 10_000_000, maxDepth: 20 }) as unknown[];
    expect(fromMap).toHaveLength(10_001);
    expect(fromMap.at(-1)).toBe(MARKERS.truncatedItems(2_000));
  });

  it("stops a toJSON that returns a new object with its own toJSON at the depth bound", () => {
    const endless = (): object => ({ toJSON: endless });
    let node = snapshot(endless(), { maxBytes: 1_000, maxDepth: 5 });
    expect(node).toBe(MARKERS.maxDepth);
    node = snapshot({ value: { toJSON: () => ({ nested: true }) } });
    expect(node).toEqual({ value: { nested: true } });
  });

  it("keeps an own __proto__ key as data and leaves the copy's prototype alone", () => {
    const out = snapshot(JSON.parse('{"__proto__": {"admin": true}, "a": 1}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, "__proto__")?.value).toEqual({ admin: true });
    expect(out.admin).toBeUndefined();
  });
});
