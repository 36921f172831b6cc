import { Script } from "node:vm";
import { describe, expect, it } from "vitest";
import { parseTags } from "../../src/dev/otlp/attribute-readers";
import { normalizeEnvironment, spanLevel } from "../../src/dev/otlp/level-and-environment";
import { observationType } from "../../src/dev/otlp/observation-type";
import { probabilityFromTracestate, thresholdToProbability } from "../../src/dev/otlp/sample-rate";
import { normalizeUsage } from "../../src/dev/otlp/usage-and-cost";
import { toId } from "../../src/dev/otlp/any-value";
import { APP_JS, UI_ASSETS } from "../../src/dev/ui/ui-assets";

describe("sampling probability from the OpenTelemetry threshold", () => {
  it("reads th as a left-aligned 56-bit fraction: p = 1 − th/2^56", () => {
    expect(thresholdToProbability("0")).toBe(1);
    expect(thresholdToProbability("8")).toBe(0.5);
    expect(thresholdToProbability("c")).toBe(0.25);
    expect(thresholdToProbability("e")).toBe(0.125);
    expect(thresholdToProbability("fd70a3d70a3d71")).toBeCloseTo(0.01, 12);
    expect(thresholdToProbability("xyz")).toBeUndefined();
    expect(thresholdToProbability("123456789abcdef")).toBeUndefined(); // 15 digits
  });

  it("finds th inside the ot member of a tracestate", () => {
    expect(probabilityFromTracestate("ot=th:8")).toBe(0.5);
    expect(probabilityFromTracestate("congo=t61rcWkgMzE, ot=rv:1234567890abcd;th:c")).toBe(0.25);
    expect(probabilityFromTracestate("vendor=th:8")).toBeUndefined();
    expect(probabilityFromTracestate(undefined)).toBeUndefined();
  });
});

describe("Langfuse mapping rules", () => {
  it("types spans by explicit type, OpenInference kind, GenAI operation, tool name, then model", () => {
    expect(observationType({ "langfuse.observation.type": "agent" })).toBe("agent");
    expect(observationType({ "langfuse.observation.type": "GENERATION" })).toBe("span");
    expect(observationType({ "openinference.span.kind": "LLM" })).toBe("generation");
    expect(observationType({ "gen_ai.operation.name": "embeddings" })).toBe("embedding");
    expect(observationType({ "gen_ai.tool.name": "search" })).toBe("tool");
    expect(observationType({ "llm.model_name": "x" })).toBe("generation");
    expect(observationType({ "http.method": "GET" })).toBe("span");
  });

  it("maps levels case-insensitively with aliases, else status code 2 → ERROR", () => {
    expect(spanLevel("fatal", undefined)).toBe("ERROR");
    expect(spanLevel("info", 2)).toBe("DEFAULT");
    expect(spanLevel("nonsense", 2)).toBe("ERROR");
    expect(spanLevel(undefined, 1)).toBe("DEFAULT");
  });

  it("parses tags from arrays, JSON strings, comma lists and single strings", () => {
    expect(parseTags(["a", "b", "a"])).toEqual(["a", "b"]);
    expect(parseTags('["x","y"]')).toEqual(["x", "y"]);
    expect(parseTags("x, y ,z")).toEqual(["x", "y", "z"]);
    expect(parseTags("solo")).toEqual(["solo"]);
    expect(parseTags([])).toBeUndefined();
  });

  it("normalizes usage (OpenAI shapes renamed, total summed when missing)", () => {
    expect(normalizeUsage('{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15,"prompt_tokens_details":{"cached_tokens":4}}')).toEqual({ input: 6, output: 5, total: 15, input_cached_tokens: 4 });
    expect(normalizeUsage({ input: 3, output: 2, bogus: -1, half: 1.5 })).toEqual({ input: 3, output: 2, total: 5 });
    expect(normalizeUsage("not json")).toBeUndefined();
  });

  it("normalizes environments like Langfuse", () => {
    expect(normalizeEnvironment("Production")).toBe("production");
    expect(normalizeEnvironment("langfuse-staging")).toBe("staging");
    expect(normalizeEnvironment("has space")).toBe("default");
  });

  it("accepts hex, base64 and byte ids", () => {
    expect(toId("4BF92F3577B34DA6A3CE929D0E0E4736", 16)).toBe("4bf92f3577b34da6a3ce929d0e0e4736");
    expect(toId(Buffer.from("4bf92f3577b34da6a3ce929d0e0e4736", "hex").toString("base64"), 16)).toBe("4bf92f3577b34da6a3ce929d0e0e4736");
    expect(toId(new Uint8Array([0, 240, 103, 170, 11, 169, 2, 183]), 8)).toBe("00f067aa0ba902b7");
    expect(toId("", 8)).toBeUndefined();
  });
});

describe("viewer assets", () => {
  it("ships a script that parses and an HTML shell that loads it", () => {
    expect(() => new Script(APP_JS, { filename: "app.js" })).not.toThrow();
    expect(UI_ASSETS["/"]?.body).toContain('<script src="/assets/app.js"></script>');
    expect(UI_ASSETS["/assets/app.css"]?.body).toContain(".wf-bar");
  });
});
