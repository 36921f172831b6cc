import { observe } from "tracewise";
import { describe, expect, it } from "vitest";
import { HELLO, until, useOpenAIFixture, WEATHER_TOOL } from "./openai-fixture";
import { chatHelpers, chatHelpersPath, OPENAI_SDKS } from "./openai-versions";

const WEATHER_FORMAT = {
  type: "json_schema" as const,
  json_schema: { name: "weather", strict: true, schema: { type: "object", properties: { city: { type: "string" }, temperature_c: { type: "number" } }, required: ["city", "temperature_c"], additionalProperties: false } },
};

describe.each(OPENAI_SDKS)("$label", (sdk) => {
  const f = useOpenAIFixture(sdk);
  // openai 4 keeps the chat helpers on `beta.chat.completions`; the wrapper traces them there too.
  const helpers = chatHelpersPath(sdk);

  describe("chat helpers", () => {
    it(`${helpers}.parse records the parsed message`, async () => {
      const completion = await chatHelpers(sdk, f.traced()).parse({ ...HELLO, response_format: WEATHER_FORMAT });
      expect(completion.choices[0]?.message.parsed).toEqual({ city: "Paris", temperature_c: 21 });
      const gen = f.only();
      expect(gen.name).toBe(`OpenAI.${helpers}.parse`);
      expect(gen.output).toMatchObject({ role: "assistant", parsed: { city: "Paris", temperature_c: 21 } });
      expect(JSON.parse(String(gen.modelParameters?.response_format))).toMatchObject({ type: "json_schema" });
    });

    it(`${helpers}.stream records its request as one generation named after the helper`, async () => {
      const runner = chatHelpers(sdk, f.traced()).stream({ ...HELLO, stream_options: { include_usage: true } });
      const deltas: string[] = [];
      runner.on("content", (delta) => deltas.push(delta));
      const final = await runner.finalChatCompletion();
      expect(final.choices[0]?.message.content).toBe("Hello from the local server.");
      const gen = f.only();
      expect(gen).toMatchObject({ name: `OpenAI.${helpers}.stream`, output: { content: "Hello from the local server." }, usageDetails: { total: 165 } });
      expect(gen.completionStartTime).toBeDefined();
    });

    it(`${helpers}.runTools records an agent with a generation per request and observed tools nested under it`, async () => {
      const getWeather = observe(async function get_weather(args: { city: string }) {
        return { city: args.city, tempC: args.city === "Paris" ? 21 : 18 };
      }, { asType: "tool", client: f.tw });
      const runner = chatHelpers(sdk, f.traced()).runTools({
        ...HELLO,
        tools: [{ type: "function", function: { name: "get_weather", description: "Weather in a city", function: getWeather, parse: JSON.parse, parameters: WEATHER_TOOL.function.parameters } }],
      });
      expect(await runner.finalContent()).toBe("It is 21°C in Paris and 18°C in Tokyo.");
      await until(() => f.observations().some((o) => o.type === "agent"));
      const all = f.observations();
      const agent = all.find((o) => o.type === "agent");
      expect(agent).toMatchObject({ name: `OpenAI.${helpers}.runTools`, output: { role: "assistant", content: "It is 21°C in Paris and 18°C in Tokyo." } });
      const gens = all.filter((o) => o.type === "generation");
      expect(gens.map((g) => g.name)).toEqual(["OpenAI.chat.completions.create", "OpenAI.chat.completions.create"]);
      expect(gens.every((g) => g.parentObservationId === agent?.id)).toBe(true);
      expect((gens[0]?.output as { tool_calls: unknown[] }).tool_calls).toHaveLength(2);
      const tools = all.filter((o) => o.type === "tool");
      expect(tools.map((t) => t.output)).toEqual([{ city: "Paris", tempC: 21 }, { city: "Tokyo", tempC: 18 }]);
      expect(tools.every((t) => t.parentObservationId === agent?.id)).toBe(true);
      expect(new Set(all.map((o) => o.traceId)).size).toBe(1);
    });

    it(`${helpers}.runTools ends its agent at level ERROR when a request fails, keeping the runner's error`, async () => {
      const runner = chatHelpers(sdk, f.traced()).runTools({ ...HELLO, model: "error-400", tools: [{ type: "function", function: { name: "noop", description: "Does nothing", function: () => "ok", parse: JSON.parse, parameters: {} } }] });
      await expect(runner.done()).rejects.toThrow(/Invalid value/);
      await until(() => f.observations().length === 2);
      expect(f.observations().map((o) => [o.type, o.level])).toEqual([["generation", "ERROR"], ["agent", "ERROR"]]);
    });
    it(`${helpers}.runTools aborted mid-stream ends its agent at level ERROR and the request's generation with what arrived`, async () => {
      const runner = chatHelpers(sdk, f.traced()).runTools({ ...HELLO, model: "slow", stream: true, tools: [{ type: "function", function: { name: "noop", description: "Does nothing", function: () => "ok", parse: JSON.parse, parameters: {} } }] });
      let deltas = 0;
      runner.on("content", () => {
        if (++deltas === 3) runner.abort();
      });
      await expect(runner.done()).rejects.toThrow(/aborted/i);
      await until(() => f.observations().length === 2);
      const [gen, agent] = f.observations();
      expect(gen).toMatchObject({ type: "generation", level: "ERROR", metadata: { streamEnd: "aborted" } });
      expect((gen?.output as { content: string }).content).toMatch(/^tick 0 tick 1 tick 2 /);
      expect(agent).toMatchObject({ type: "agent", level: "ERROR", statusMessage: expect.stringMatching(/aborted/i) });
    });
  });

  describe("responses helpers", () => {
    it("responses.parse records the parsed output", async () => {
      const response = await f.traced().responses.parse({ model: "gpt-4.1", input: "Weather?", text: { format: { type: "json_schema", name: "weather", schema: WEATHER_FORMAT.json_schema.schema, strict: true } } });
      expect(response.output_parsed).toEqual({ city: "Paris", temperature_c: 21 });
      const gen = f.only();
      expect(gen.name).toBe("OpenAI.responses.parse");
      expect(gen.output).toMatchObject({ output_text: '{"city":"Paris","temperature_c":21}' });
    });

    it("responses.stream records its request as one generation named after the helper", async () => {
      const stream = f.traced().responses.stream({ model: "gpt-4.1", input: "Say hello" });
      const final = await stream.finalResponse();
      // Before openai 6, the helper's final response has no `output_text` unless parsing was asked for:
      // read the message item, which every version has. The generation has the text either way.
      expect(final.output).toMatchObject([{ type: "message", content: [{ type: "output_text", text: "Hello from the Responses API." }] }]);
      expect(f.only()).toMatchObject({ name: "OpenAI.responses.stream", output: { output_text: "Hello from the Responses API." }, usageDetails: { total: 80 } });
    });

    it("a streamed function call is recorded as an output item", async () => {
      const stream = await f.traced().responses.create({ model: "gpt-4.1", input: "Weather?", stream: true, tools: [{ type: "function", name: "get_weather", parameters: WEATHER_TOOL.function.parameters, strict: false }] });
      for await (const _ of stream);
      expect(f.only().output).toEqual({ output: [expect.objectContaining({ type: "function_call", arguments: '{"city":"Paris"}' })] });
    });
  });
});
