import { describe, expect, it } from "vitest";
import { HELLO, until, useOpenAIFixture, WEATHER_TOOL } from "./openai-fixture";
import { chatHelpers, OPENAI_SDKS } from "./openai-versions";

describe.each(OPENAI_SDKS)("$label: runTools records its tools", (sdk) => {
  const f = useOpenAIFixture(sdk);

  it("records the tool definitions as agent input without the callbacks, and each plain tool execution as a tool observation", async () => {
    const calls: unknown[] = [];
    const getWeather = async (args: { city: string }) => {
      calls.push(args);
      return { city: args.city, tempC: args.city === "Paris" ? 21 : 18 };
    };
    const tools = [{ type: "function" as const, function: { name: "get_weather", description: "Weather in a city", function: getWeather, parse: JSON.parse, parameters: WEATHER_TOOL.function.parameters } }];
    const runner = chatHelpers(sdk, f.traced()).runTools({ ...HELLO, tools });
    expect(await runner.finalContent()).toBe("It is 21°C in Paris and 18°C in Tokyo.");
    expect(calls).toEqual([{ city: "Paris" }, { city: "Tokyo" }]);
    // The caller's tool objects are not changed.
    expect(tools[0]?.function.function).toBe(getWeather);
    await until(() => f.observations().some((o) => o.type === "agent"));
    const all = f.observations();
    const agent = all.find((o) => o.type === "agent");
    expect(JSON.stringify(agent?.input)).not.toContain("[Function");
    expect(agent?.input).toMatchObject({ tools: [{ type: "function", function: { name: "get_weather", description: "Weather in a city", parameters: WEATHER_TOOL.function.parameters } }] });
    const toolObservations = all.filter((o) => o.type === "tool");
    expect(toolObservations.map((t) => [t.name, t.input, t.output, t.parentObservationId])).toEqual([
      ["get_weather", { city: "Paris" }, { city: "Paris", tempC: 21 }, agent?.id],
      ["get_weather", { city: "Tokyo" }, { city: "Tokyo", tempC: 18 }, agent?.id],
    ]);
  });

  it("records a tool that throws at level ERROR and rethrows the same error to the runner", async () => {
    const failing = () => {
      throw new Error("weather service down");
    };
    const runner = chatHelpers(sdk, f.traced()).runTools({ ...HELLO, tools: [{ type: "function", function: { name: "get_weather", description: "Weather in a city", function: failing, parse: JSON.parse, parameters: WEATHER_TOOL.function.parameters } }] });
    // The runner fails on a tool's throw: the caller sees the tool's own error.
    await expect(runner.done()).rejects.toThrow("weather service down");
    await until(() => f.observations().some((o) => o.type === "agent"));
    const [tool] = f.observations().filter((o) => o.type === "tool");
    expect(tool).toMatchObject({ name: "get_weather", level: "ERROR", statusMessage: "weather service down", input: { city: "Paris" } });
  });
});

describe("beta.responses.create (openai 6)", () => {
  const f = useOpenAIFixture();

  it("is traced as a Responses generation when the installed SDK has it", async () => {
    const client = f.traced() as unknown as { beta: { responses?: { create(body: unknown): Promise<{ id: string }> } } };
    expect(typeof client.beta.responses?.create).toBe("function");
    const response = await client.beta.responses!.create({ model: "gpt-4.1", input: "Say hello" });
    expect(response.id).toBe("resp_local");
    expect(f.only()).toMatchObject({ name: "OpenAI.beta.responses.create", type: "generation", input: "Say hello", output: { output_text: "Hello from the Responses API." }, usageDetails: { total: 80 } });
  });
});
