import { describe, expect, it } from "vitest";
import { HELLO, until, useOpenAIFixture, WEATHER_TOOL } from "./openai-fixture";
import { OPENAI_SDKS } from "./openai-versions";

describe.each(OPENAI_SDKS)("$label", (sdk) => {
  const f = useOpenAIFixture(sdk);

  describe("chat.completions.create (plain)", () => {
    it("records a generation with name, input, output, returned model, parameters and usage", async () => {
      const completion = await f.traced().chat.completions.create({ ...HELLO, temperature: 0.2, max_tokens: 50, seed: 7, stop: ["\n"], response_format: { type: "text" } });
      expect(completion.choices[0]?.message.content).toBe("Hello from the local server.");
      const gen = f.only();
      expect(gen).toMatchObject({
        name: "OpenAI.chat.completions.create",
        type: "generation",
        level: "DEFAULT",
        input: HELLO.messages,
        output: { role: "assistant", content: "Hello from the local server." },
        model: "gpt-4o-mini-2024-07-18",
        modelParameters: { temperature: 0.2, max_tokens: 50, seed: 7, stop: ["\n"], response_format: '{"type":"text"}' },
        usageDetails: { input: 100, input_cached_tokens: 20, output: 35, output_reasoning_tokens: 10, total: 165 },
        metadata: { requestedModel: "gpt-4o-mini", responseId: "chatcmpl-local", finishReason: "stop", systemFingerprint: "fp_local" },
      });
      expect(gen.completionStartTime).toBeUndefined();
    });

    it("starts its own trace outside any observation, with the call's input and output as the trace's", async () => {
      await f.traced().chat.completions.create(HELLO);
      const [trace] = f.mem.getFinishedTraces();
      expect(trace?.name).toBe("OpenAI.chat.completions.create");
      expect(trace?.input).toEqual(HELLO.messages);
      expect(trace?.output).toMatchObject({ role: "assistant", content: "Hello from the local server." });
      expect(f.only().isLocalRoot).toBe(true);
    });

    it("records the tools offered in the input and the tool calls in the output", async () => {
      await f.traced().chat.completions.create({ ...HELLO, tools: [WEATHER_TOOL], tool_choice: "auto", parallel_tool_calls: true });
      const gen = f.only();
      expect(gen.input).toEqual({ messages: HELLO.messages, tools: [WEATHER_TOOL] });
      expect(gen.output).toMatchObject({ role: "assistant", tool_calls: [{ id: "call_paris" }, { id: "call_tokyo" }] });
      expect(gen.modelParameters).toMatchObject({ tool_choice: "auto", parallel_tool_calls: true });
      expect(gen.metadata?.finishReason).toBe("tool_calls");
    });

    it("records one message per choice when n > 1", async () => {
      await f.traced().chat.completions.create({ ...HELLO, n: 2 });
      const gen = f.only();
      expect(gen.output).toHaveLength(2);
      expect(gen.modelParameters?.n).toBe(2);
    });

    it("records cost from the prices the user supplies, detail keys at their parent's price", async () => {
      await f.traced({ pricesPerMillionTokens: { "gpt-4o-mini": { input: 1, input_cached_tokens: 0.5, output: 2 } } }).chat.completions.create(HELLO);
      const cost = f.only().costDetails ?? {};
      expect(cost.input).toBeCloseTo(100e-6);
      expect(cost.input_cached_tokens).toBeCloseTo(10e-6);
      expect(cost.output).toBeCloseTo(70e-6);
      expect(cost.output_reasoning_tokens).toBeCloseTo(20e-6);
      expect(cost.total).toBeCloseTo(200e-6);
    });

    it("keeps the APIPromise: withResponse() gives data and response, asResponse() leaves the body to the caller", async () => {
      const openai = f.traced();
      const { data, response, request_id } = await openai.chat.completions.create(HELLO).withResponse();
      expect(data.choices[0]?.message.content).toBe("Hello from the local server.");
      expect(response.status).toBe(200);
      expect(request_id).toMatch(/^req_/);
      const raw = await openai.chat.completions.create(HELLO).asResponse();
      expect(((await raw.json()) as { object: string }).object).toBe("chat.completion");
      await until(() => f.observations().length === 2);
      expect(f.observations()[1]?.metadata?.rawResponse).toBe(true);
    });
  });

  describe("chat.completions.create (stream: true)", () => {
    it("returns the real Stream, assembles the reply and sets completionStartTime at the first content token", async () => {
      const stream = await f.traced().chat.completions.create({ ...HELLO, stream: true });
      expect(stream).toBeInstanceOf(sdk.Stream);
      let text = "";
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
      expect(text).toBe("Hello from the local server.");
      const gen = f.only();
      expect(gen.output).toEqual({ role: "assistant", content: "Hello from the local server." });
      expect(gen.model).toBe("gpt-4o-mini-2024-07-18");
      expect(gen.completionStartTime).toBeGreaterThanOrEqual(gen.startTime);
      expect(gen.completionStartTime).toBeLessThanOrEqual(gen.endTime);
      expect(gen.usageDetails).toBeUndefined();
    });

    it("merges parallel tool calls whose deltas interleave by index, with complete argument strings", async () => {
      const stream = await f.traced().chat.completions.create({ ...HELLO, tools: [WEATHER_TOOL], stream: true });
      for await (const _ of stream);
      expect(f.only().output).toEqual({
        role: "assistant",
        content: null,
        tool_calls: [
          { id: "call_paris", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
          { id: "call_tokyo", type: "function", function: { name: "get_weather", arguments: '{"city":"Tokyo"}' } },
        ],
      });
    });

    it("takes usage from the final chunk when the caller asks for it", async () => {
      const stream = await f.traced().chat.completions.create({ ...HELLO, stream: true, stream_options: { include_usage: true } });
      for await (const _ of stream);
      expect(f.only().usageDetails).toEqual({ input: 100, input_cached_tokens: 20, output: 35, output_reasoning_tokens: 10, total: 165 });
    });

    it("adds stream_options.include_usage only with the includeUsage option", async () => {
      for await (const _ of await f.traced().chat.completions.create({ ...HELLO, stream: true }));
      expect(f.server.requests.at(-1)?.body.stream_options).toBeUndefined();
      for await (const _ of await f.traced({ includeUsage: true }).chat.completions.create({ ...HELLO, stream: true }));
      expect(f.server.requests.at(-1)?.body.stream_options).toEqual({ include_usage: true });
      expect(f.observations()[1]?.usageDetails?.total).toBe(165);
    });

    it("keeps tee() and toReadableStream() working, recording the stream once", async () => {
      const openai = f.traced();
      const [left, right] = (await openai.chat.completions.create({ ...HELLO, stream: true })).tee();
      const read = async (s: typeof left): Promise<string> => {
        let t = "";
        for await (const c of s) t += c.choices[0]?.delta.content ?? "";
        return t;
      };
      expect(await Promise.all([read(left), read(right)])).toEqual(["Hello from the local server.", "Hello from the local server."]);
      const readable = (await openai.chat.completions.create({ ...HELLO, stream: true })).toReadableStream();
      const body = await new Response(readable).text();
      expect(body.trim().split("\n").length).toBeGreaterThan(2);
      expect(f.observations().map((o) => (o.output as { content: string }).content)).toEqual(["Hello from the local server.", "Hello from the local server."]);
    });

    it("ends the generation with what arrived when the reader leaves early", async () => {
      const stream = await f.traced().chat.completions.create({ ...HELLO, model: "slow", stream: true });
      let n = 0;
      for await (const _ of stream) if (++n === 4) break;
      const gen = f.only();
      expect(gen.output).toEqual({ role: "assistant", content: "tick 0 tick 1 tick 2 " });
      expect(gen).toMatchObject({ level: "WARNING", statusMessage: expect.stringMatching(/left/), metadata: { streamEnd: "abandoned" } });
    });

    it("ends the generation with what arrived when the stream is aborted", async () => {
      const stream = await f.traced().chat.completions.create({ ...HELLO, model: "slow", stream: true });
      let n = 0;
      for await (const _ of stream) if (++n === 3) stream.controller.abort();
      const gen = f.only();
      expect((gen.output as { content: string }).content).toMatch(/^tick 0 tick 1 /);
      expect(gen.metadata?.streamEnd).toBe("aborted");
      expect(gen.level).toBe("ERROR");
    });
  });

  describe("legacy completions.create", () => {
    it("records the prompt and the text, plain and streamed", async () => {
      const openai = f.traced({ includeUsage: true });
      await openai.completions.create({ model: "gpt-3.5-turbo-instruct", prompt: "Once", max_tokens: 5 });
      for await (const _ of await openai.completions.create({ model: "gpt-3.5-turbo-instruct", prompt: "Once", stream: true }));
      const [plain, streamed] = f.observations();
      expect(plain).toMatchObject({ name: "OpenAI.completions.create", input: "Once", output: " This is a legacy completion.", usageDetails: { input: 6, output: 6, total: 12 } });
      expect(streamed).toMatchObject({ input: "Once", output: " This is a legacy completion.", usageDetails: { total: 12 } });
      expect(streamed?.completionStartTime).toBeDefined();
    });
  });
});
