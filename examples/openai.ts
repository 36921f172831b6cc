/**
 * Tracewise + OpenAI: a small weather assistant whose OpenAI calls are traced with `observeOpenAI`:
 * a chat completion that calls tools, the tools themselves (`observe`), a streamed answer and an
 * embedding, all nested under one `observe`d function. Prints the trace tree.
 *
 *   npx tsx examples/openai.ts
 *
 * Uses the OpenAI API when OPENAI_API_KEY is set; otherwise it starts the local OpenAI-compatible
 * server the tests use, and says so.
 */
import OpenAI from "openai";
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import { observe, Tracewise } from "tracewise";
import { observeOpenAI } from "tracewise/openai";
import { startOpenAIServer } from "../test/helpers/openai-server";

const tw = new Tracewise({ environment: "development" });

const useRealApi = (process.env.OPENAI_API_KEY ?? "") !== "";
const server = useRealApi ? undefined : await startOpenAIServer();
console.log(
  server === undefined
    ? "OPENAI_API_KEY is set: calling the OpenAI API."
    : `OPENAI_API_KEY is not set: using the local OpenAI-compatible server at ${server.baseURL} (answers are canned).`,
);

const openai = observeOpenAI(new OpenAI(server === undefined ? {} : { apiKey: "sk-local", baseURL: server.baseURL }), {
  pricesPerMillionTokens: { "gpt-4o-mini": { input: 0.15, input_cached_tokens: 0.075, output: 0.6 } },
});

const getWeather = observe(
  async function get_weather({ city }: { city: string }) {
    return { city, tempC: city === "Paris" ? 21 : 18, sky: "clear" };
  },
  { asType: "tool" },
);

const assistant = observe(
  async function weatherAssistant(question: string): Promise<string> {
    const messages: ChatCompletionMessageParam[] = [
      { role: "system", content: "You answer weather questions. Use the get_weather tool for each city." },
      { role: "user", content: question },
    ];
    const first = await openai.chat.completions.create({
      model: "gpt-4o-mini",
      temperature: 0,
      messages,
      tools: [{ type: "function", function: { name: "get_weather", description: "Current weather in a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } }],
    });
    const reply = first.choices[0]?.message;
    if (reply !== undefined) messages.push(reply);
    for (const call of reply?.tool_calls ?? []) {
      if (call.type !== "function") continue;
      const result = await getWeather(JSON.parse(call.function.arguments) as { city: string });
      messages.push({ role: "tool", tool_call_id: call.id, content: JSON.stringify(result) });
    }
    const stream = await openai.chat.completions.create({ model: "gpt-4o-mini", messages, stream: true, stream_options: { include_usage: true } });
    let answer = "";
    for await (const chunk of stream) answer += chunk.choices[0]?.delta.content ?? "";
    await openai.embeddings.create({ model: "text-embedding-3-small", input: answer });
    return answer;
  },
  { name: "weather-assistant" },
);

try {
  console.log(`\nAnswer: ${await assistant("What is the weather in Paris and Tokyo?")}\n`);
} finally {
  await tw.shutdown();
  await server?.close();
}
