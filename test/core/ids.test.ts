import { describe, expect, it } from "vitest";
import { isValidSpanId, isValidTraceId, randomSpanId, randomTraceId } from "../../src/core/ids";

describe("random ids", () => {
  it("stay valid and distinct across many hex windows and entropy refills", () => {
    // 40k trace ids and 40k span ids use 960 KB of randomness: over a hundred 8 KiB hex windows
    // and a dozen 64 KiB refills, with trace and span ids interleaved so windows end mid-id.
    const traceIds = new Set<string>();
    const spanIds = new Set<string>();
    let invalid = 0;
    for (let i = 0; i < 40_000; i++) {
      const traceId = randomTraceId();
      const spanId = randomSpanId();
      if (!isValidTraceId(traceId) || !isValidSpanId(spanId)) invalid++;
      traceIds.add(traceId);
      spanIds.add(spanId);
    }
    expect(invalid).toBe(0);
    // A collision among 40k random 64-bit values has probability below 1e-10.
    expect(traceIds.size).toBe(40_000);
    expect(spanIds.size).toBe(40_000);
  });

  it("use every hex digit in every position (no window is reused or left unfilled)", () => {
    // Each of the 32 positions sees 16 digits over 4,000 ids; a digit missing from a position has
    // probability about 32 · 16 · (15/16)^4000 ≈ 0.
    const seen = Array.from({ length: 32 }, () => new Set<string>());
    for (let i = 0; i < 4000; i++) {
      const id = randomTraceId();
      for (let k = 0; k < 32; k++) seen[k]?.add(id[k] ?? "");
    }
    for (const digits of seen) expect(digits.size).toBe(16);
  });
});
