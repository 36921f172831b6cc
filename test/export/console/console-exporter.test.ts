import { describe, expect, it } from "vitest";
import { ConsoleExporter, observe, Tracewise, updateCurrentObservation } from "tracewise";

describe("ConsoleExporter", () => {
  it("prints a readable tree with types, durations, model, tokens, levels and scores when the root ends", async () => {
    let out = "";
    const tw = new Tracewise({ exporter: new ConsoleExporter({ write: (t) => (out += t), colors: false }), logLevel: "silent", flushOnExit: false });
    const tool = observe(async function search() {
      throw new Error("index offline");
    }, { asType: "tool" });
    const llm = observe(async function llm() {
      updateCurrentObservation({ model: "gpt-4o-mini", usageDetails: { input: 10, output: 5 } });
      return "ok";
    }, { asType: "generation" });
    const run = observe(async function run() {
      await tool().catch(() => undefined);
      expect(out).toBe("");
      const trace = tw.trace({ name: "unrelated" });
      trace.end();
      return llm();
    });
    await run();
    await tw.flush();
    expect(out).toMatch(/● unrelated/);
    const tree = out.slice(out.indexOf("● run"));
    expect(tree).toMatch(/^● run {2}\d/);
    expect(tree).toMatch(/├─ tool search {2}[\d.]+ (µs|ms) {2}ERROR: index offline/);
    expect(tree).toMatch(/└─ generation llm {2}[\d.]+ (µs|ms) {2}gpt-4o-mini {2}tokens 10 prompt, 5 completion, 15 total/);
  });

  it("shows token counts as the provider reported them, cached and reasoning tokens as parts", async () => {
    let out = "";
    const tw = new Tracewise({ exporter: new ConsoleExporter({ write: (t) => (out += t), colors: false }), logLevel: "silent", flushOnExit: false, global: false });
    const trace = tw.trace({ name: "chat" });
    // What the OpenAI integration records for 120 prompt (20 cached) / 45 completion (10 reasoning) / 165 total.
    trace.generation({ name: "llm" }).end({ usageDetails: { input: 100, input_cached_tokens: 20, output: 35, output_reasoning_tokens: 10, total: 165 } });
    trace.end();
    await tw.flush();
    expect(out).toContain("tokens 120 prompt (20 cached), 45 completion (10 reasoning), 165 total");
  });
});
