/**
 * Tracewise + Anthropic: a small weather assistant whose Claude calls are traced with
 * `observeAnthropic`: a message that uses a tool, the tool itself (`observe`), and the answer streamed
 * with the `messages.stream` helper, all nested under one `observe`d function. Prints the trace tree.
 *
 *   npx tsx examples/anthropic.ts
 *
 * Uses the Anthropic API when ANTHROPIC_API_KEY is set; otherwise it starts the local server that
 * speaks the Messages API (the one the tests use), and says so.
 */
import Anthropic from "@anthropic-ai/sdk";
import type { MessageParam, ToolResultBlockParam } from "@anthropic-ai/sdk/resources/messages";
import { observe, Tracewise } from "tracewise";
import { observeAnthropic } from "tracewise/anthropic";
import { startAnthropicServer } from "../test/helpers/anthropic-server";

const tw = new Tracewise({ environment: "development" });

const useRealApi = (process.env.ANTHROPIC_API_KEY ?? "") !== "";
const server = useRealApi ? undefined : await startAnthropicServer();
console.log(
  server === undefined
    ? "ANTHROPIC_API_KEY is set: calling the Anthropic API."
    : `ANTHROPIC_API_KEY is not set: using the local Messages API server at ${server.baseURL} (answers are canned).`,
);

const anthropic = observeAnthropic(new Anthropic(server === undefined ? {} : { apiKey: "sk-ant-local", baseURL: server.baseURL }), {
  pricesPerMillionTokens: { "claude-sonnet-5-5": { input: 3, input_cached_tokens: 0.3, input_cache_creation: 3.75, output: 15 } },
});

const getWeather = observe(
  async function get_weather({ city }: { city: string }) {
    return { city, tempC: city === "Paris" ? 21 : 18, sky: "clear" };
  },
  { asType: "tool" },
);

const assistant = observe(
  async function weatherAssistant(question: string): Promise<string> {
    const system = "You answer weather questions. Use the get_weather tool for each city.";
    const messages: MessageParam[] = [{ role: "user", content: question }];
    const first = await anthropic.messages.create({
      model: "claude-sonnet-5-5",
      max_tokens: 512,
      system,
      messages,
      tools: [{ name: "get_weather", description: "Current weather in a city", input_schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } }],
    });
    messages.push({ role: "assistant", content: first.content });
    const results: ToolResultBlockParam[] = [];
    for (const block of first.content) {
      if (block.type !== "tool_use") continue;
      const result = await getWeather(block.input as { city: string });
      results.push({ type: "tool_result", tool_use_id: block.id, content: JSON.stringify(result) });
    }
    if (results.length > 0) messages.push({ role: "user", content: results });
    const stream = anthropic.messages.stream({ model: "claude-sonnet-5-5", max_tokens: 512, system, messages });
    let answer = "";
    stream.on("text", (delta) => (answer += delta));
    await stream.finalMessage();
    return answer;
  },
  { name: "weather-assistant" },
);

try {
  console.log(`\nAnswer: ${await assistant("What is the weather in Paris?")}\n`);
} finally {
  await tw.shutdown();
  await server?.close();
}
