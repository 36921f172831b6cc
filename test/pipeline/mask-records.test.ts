import { describe, expect, it } from "vitest";
import { MASK_FAILED_MARKER, observe, updateCurrentTrace } from "tracewise";
import { memoryClient } from "../helpers/memory-client";

describe("mask", () => {
  it("redacts input, output, metadata and trace-level fields before export", () => {
    const { mem } = memoryClient({
      mask: ({ data }) => JSON.parse(JSON.stringify(data).replace(/sk-[a-z0-9]+/g, "sk-***")) as unknown,
    });
    observe(
      function call(key: string) {
        updateCurrentTrace({ metadata: { owner: "sk-abc123" } });
        return `used ${key}`;
      },
      { metadata: { token: "sk-def456" } },
    )("sk-ghi789");
    const [obs] = mem.getFinishedObservations();
    expect(obs?.input).toBe("sk-***");
    expect(obs?.output).toBe("used sk-***");
    expect(obs?.metadata).toEqual({ token: "sk-***" });
    expect(obs?.trace.metadata).toEqual({ owner: "sk-***" });
    expect(obs?.trace.input).toBe("sk-***");
  });

  it("fails closed: a mask that throws replaces the field with a marker, never the raw value", () => {
    const { tw, mem } = memoryClient({
      mask: () => {
        throw new Error("mask bug");
      },
    });
    observe(function leak(secret: string) {
      return secret;
    }, { metadata: { secret: "s3cr3t" } })("s3cr3t");
    const [obs] = mem.getFinishedObservations();
    expect(obs?.input).toBe(MASK_FAILED_MARKER);
    expect(obs?.output).toBe(MASK_FAILED_MARKER);
    expect(obs?.metadata).toEqual({ masked: MASK_FAILED_MARKER });
    expect(JSON.stringify(obs)).not.toContain("s3cr3t");
    expect(tw.stats()["errors.internal"]).toBeGreaterThan(0);
  });
});
