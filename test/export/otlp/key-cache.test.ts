import { describe, expect, it } from "vitest";
import { keyCache, MAX_CACHED_KEYS } from "../../../src/export/otlp/key-cache";

describe("keyCache", () => {
  it("encodes a key once, and keeps encoding keys past the bound without caching them", () => {
    const calls = new Map<string, number>();
    const encode = keyCache((key) => {
      calls.set(key, (calls.get(key) ?? 0) + 1);
      return { key };
    });
    const first = encode("langfuse.observation.input");
    expect(encode("langfuse.observation.input")).toBe(first);
    expect(calls.get("langfuse.observation.input")).toBe(1);
    for (let i = 0; i < MAX_CACHED_KEYS + 10; i++) encode(`langfuse.observation.metadata.k${i}`);
    const late = `langfuse.observation.metadata.k${MAX_CACHED_KEYS + 5}`;
    expect(encode(late)).toEqual({ key: late });
    expect(calls.get(late)).toBe(2);
    expect(calls.get("langfuse.observation.metadata.k0")).toBe(1);
    encode("langfuse.observation.metadata.k0");
    expect(calls.get("langfuse.observation.metadata.k0")).toBe(1);
  });
});
