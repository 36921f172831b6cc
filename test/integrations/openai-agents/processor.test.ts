import { Agent, OpenAIProvider, Runner, setTraceProcessors, setTracingDisabled, tool } from "@openai/agents";
import { InMemoryExporter, observe, Tracewise } from "tracewise";
import { TracewiseAgentsProcessor } from "tracewise/agents";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { startOpenAIServer, type OpenAIServer } from "../../helpers/openai-server";
import { until } from "../openai/openai-fixture";

let server: OpenAIServer;
let runner: Runner;
const mem = new InMemoryExporter();
const tw = new Tracewise({ exporter: mem, global: false, logLevel: "error" });

beforeAll(async () => {
  server = await startOpenAIServer();
  runner = new Runner({ modelProvider: new OpenAIProvider({ apiKey: "sk-test", baseURL: server.baseURL, useResponses: true }) });
  setTracingDisabled(false);
  setTraceProcessors([new TracewiseAgentsProcessor({ client: tw })]);
});
afterAll(async () => {
  setTraceProcessors([]);
  await server.close();
});
beforeEach(() => mem.reset());

const getWeather = tool({
  name: "get_weather",
  description: "Weather in a city",
  parameters: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, tempC: 21 }),
});
const agent = new Agent({ name: "Weather agent", instructions: "Answer weather questions.", model: "gpt-4.1", tools: [getWeather] });

describe("TracewiseAgentsProcessor with the real @openai/agents against a loopback Responses API", () => {
  it("records a run under the enclosing observe(): workflow, agent, each model call with usage, the function tool", async () => {
    const ask = observe(async (q: string) => (await runner.run(agent, q)).finalOutput, { name: "ask", client: tw });
    expect(await ask("Weather in Paris?")).toBe("Hello from the Responses API.");
    await tw.flush();
    const all = mem.getFinishedObservations();
    const byName = (name: string) => all.filter((o) => o.name === name);
    const [root] = byName("ask");
    const [workflow] = all.filter((o) => o.type === "chain");
    const [agentObs] = byName("Weather agent");
    expect(workflow).toMatchObject({ name: "Agent workflow", parentObservationId: root?.id, traceId: root?.traceId });
    expect(agentObs).toMatchObject({ type: "agent", metadata: { tools: ["get_weather"] } });
    const generations = all.filter((o) => o.type === "generation");
    expect(generations).toHaveLength(2);
    for (const g of generations) {
      expect(g).toMatchObject({ model: "gpt-4.1-2024-07-18", usageDetails: { input: 40, input_cached_tokens: 10, output: 18, output_reasoning_tokens: 12, total: 80 } });
      // Model calls nest in the agent (possibly through a turn span).
      expect(all.some((o) => o.id === g.parentObservationId)).toBe(true);
    }
    expect(generations[1]?.output).toMatchObject({ output_text: "Hello from the Responses API." });
    const [toolObs] = all.filter((o) => o.type === "tool");
    expect(toolObs).toMatchObject({ name: "get_weather", input: { city: "Paris" }, output: { city: "Paris", tempC: 21 } });
    expect(new Set(all.map((o) => o.traceId)).size).toBe(1);
  });

  it("lets Tracewise's sampling decide for the whole run: a dropped enclosing trace records nothing", async () => {
    const ask = observe(async (q: string) => (await runner.run(agent, q)).finalOutput, { name: "ask", client: tw, sampled: false });
    expect(await ask("Weather in Paris?")).toBe("Hello from the Responses API.");
    await tw.flush();
    expect(mem.getFinishedObservations()).toEqual([]);
  });

  it("starts its own trace for a run outside any observe()", async () => {
    await runner.run(new Agent({ name: "Greeter", instructions: "Greet.", model: "gpt-4.1" }), "Hi");
    await tw.flush();
    const all = mem.getFinishedObservations();
    const [workflow] = all.filter((o) => o.type === "chain");
    expect(workflow?.parentObservationId).toBeUndefined();
    expect(all.find((o) => o.type === "generation")).toMatchObject({ input: [{ role: "user", content: "Hi" }], output: { output_text: "Hello from the Responses API." } });
    expect(new Set(all.map((o) => o.traceId)).size).toBe(1);
  });

  it("records a tripped input guardrail as a guardrail observation at WARNING", async () => {
    const guarded = new Agent({
      name: "Guarded",
      instructions: "Answer.",
      model: "gpt-4.1",
      inputGuardrails: [{ name: "no_secrets", execute: async () => ({ tripwireTriggered: true, outputInfo: { reason: "secret" } }) }],
    });
    await expect(runner.run(guarded, "my password is hunter2")).rejects.toThrow(/guardrail/i);
    await until(() => mem.getFinishedObservations().some((o) => o.type === "guardrail"));
    const all = mem.getFinishedObservations();
    expect(all.find((o) => o.type === "guardrail")).toMatchObject({ name: "no_secrets", level: "WARNING", metadata: { triggered: true } });
  });
});
