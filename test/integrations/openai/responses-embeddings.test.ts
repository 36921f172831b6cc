import { describe, expect, it } from "vitest";
import { useOpenAIFixture, WEATHER_TOOL } from "./openai-fixture";
import { OPENAI_SDKS } from "./openai-versions";

const RESPONSES_USAGE = { input: 40, input_cached_tokens: 10, output: 18, output_reasoning_tokens: 12, total: 80 };

describe.each(OPENAI_SDKS)("$label", (sdk) => {
  const f = useOpenAIFixture(sdk);

  describe("responses.create", () => {
    it("records input with instructions, output text and items, reasoning effort and usage", async () => {
      const response = await f.traced().responses.create({ model: "gpt-4.1", input: "Say hello", instructions: "Be brief.", reasoning: { effort: "low" }, max_output_tokens: 64 });
      expect(response.output_text).toBe("Hello from the Responses API.");
      expect(f.only()).toMatchObject({
        name: "OpenAI.responses.create",
        type: "generation",
        input: { instructions: "Be brief.", input: "Say hello" },
        output: { output_text: "Hello from the Responses API.", output: [{ type: "message", role: "assistant" }] },
        model: "gpt-4.1-2024-07-18",
        modelParameters: { reasoning_effort: "low", max_output_tokens: 64 },
        usageDetails: RESPONSES_USAGE,
        metadata: { responseId: "resp_local", status: "completed" },
      });
    });

    it("records the input alone when there are no instructions, and function-call items as output", async () => {
      await f.traced().responses.create({ model: "gpt-4.1", input: [{ role: "user", content: "Weather?" }], tools: [{ type: "function", name: "get_weather", parameters: WEATHER_TOOL.function.parameters, strict: false }] });
      const gen = f.only();
      expect(gen.input).toMatchObject({ input: [{ role: "user", content: "Weather?" }], tools: [{ name: "get_weather" }] });
      expect(gen.output).toEqual({ output: [expect.objectContaining({ type: "function_call", name: "get_weather", arguments: '{"city":"Paris"}' })] });
    });

    it("assembles a streamed response from its typed events, with completionStartTime and usage", async () => {
      const stream = await f.traced().responses.create({ model: "gpt-4.1", input: "Say hello", stream: true });
      const types: string[] = [];
      for await (const event of stream) types.push(event.type);
      expect(types).toContain("response.output_text.delta");
      const gen = f.only();
      expect(gen.output).toMatchObject({ output_text: "Hello from the Responses API." });
      expect(gen.usageDetails).toEqual(RESPONSES_USAGE);
      expect(gen.completionStartTime).toBeGreaterThanOrEqual(gen.startTime);
    });

    it("ends a streamed response left early with the text that arrived", async () => {
      const stream = await f.traced().responses.create({ model: "gpt-4.1", input: "Say hello", stream: true });
      for await (const event of stream) if (event.type === "response.output_text.delta") break;
      const gen = f.only();
      expect(gen.output).toEqual({ output_text: "Hello ", output: [] });
      expect(gen).toMatchObject({ level: "WARNING", metadata: { streamEnd: "abandoned", responseId: "resp_local" } });
    });

    it("ends a streamed response aborted by the caller with what arrived", async () => {
      const stream = await f.traced().responses.create({ model: "gpt-4.1", input: "Say hello", stream: true });
      for await (const event of stream) if (event.type === "response.output_text.delta") stream.controller.abort();
      const gen = f.only();
      expect(gen).toMatchObject({ level: "ERROR", metadata: { streamEnd: "aborted", responseId: "resp_local" } });
      // Events already buffered when the abort lands may still arrive: the text starts with the first delta.
      expect((gen.output as { output_text: string }).output_text).toMatch(/^Hello /);
    });
  });

  describe("embeddings.create", () => {
    it("records an embedding observation with the input and a summary, never the vectors", async () => {
      const result = await f.traced().embeddings.create({ model: "text-embedding-3-small", input: ["alpha", "beta", "gamma"], dimensions: 16 });
      expect(result.data[0]?.embedding).toHaveLength(16);
      expect(f.only()).toMatchObject({
        name: "OpenAI.embeddings.create",
        type: "embedding",
        input: ["alpha", "beta", "gamma"],
        output: { count: 3, dimensions: 16 },
        model: "text-embedding-3-small",
        modelParameters: { dimensions: 16 },
        usageDetails: { input: 12, total: 12 },
      });
    });

    it("summarizes base64 embeddings by their decoded dimensions", async () => {
      const result = await f.traced().embeddings.create({ model: "text-embedding-3-small", input: "alpha", encoding_format: "base64" });
      expect(typeof result.data[0]?.embedding).toBe("string");
      expect(f.only().output).toEqual({ count: 1, dimensions: 8 });
    });
  });
});
