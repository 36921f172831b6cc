/**
 * Tracewise + OpenAI: a small weather assistant whose OpenAI calls are traced with `observeOpenAI`:
 * a chat completion that calls tools, the tools themselves (`observe`), a streamed answer and an
 * embedding, all nested under one `observe`d function. Prints the trace tree.
 *
 *   npx tsx examples/openai.ts
 *
 * Uses the OpenAI API when OPENAI_API_KEY is set; otherwise the client gets canned answers shaped
 * like the API's (a `fetch` defined at the end of this file), and says so.
 */
import OpenAI from "openai";
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import { observe, Tracewise } from "tracewise";
import { observeOpenAI } from "tracewise/openai";

const tw = new Tracewise({ environment: "development" });

const useRealApi = (process.env.OPENAI_API_KEY ?? "") !== "";
console.log(useRealApi ? "OPENAI_API_KEY is set: calling the OpenAI API." : "OPENAI_API_KEY is not set: using canned answers shaped like the OpenAI API's.");

const openai = observeOpenAI(new OpenAI(useRealApi ? {} : { apiKey: "sk-local", baseURL: "http://openai.local/v1", fetch: cannedOpenAI }), {
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
}

/** Answers chat completions (tool calls first, then a streamed reply) and embeddings like the API. */
async function cannedOpenAI(url: string | URL | Request, init?: RequestInit): Promise<Response> {
  const path = new URL(url instanceof Request ? url.url : url).pathname;
  const body = JSON.parse(typeof init?.body === "string" ? init.body : "{}") as { model: string; stream?: boolean; messages?: { role: string; content?: unknown }[] };
  const base = { id: "chatcmpl-local", created: Math.floor(Date.now() / 1000), model: body.model };
  if (path.endsWith("/embeddings")) {
    return Response.json({ object: "list", model: body.model, data: [{ object: "embedding", index: 0, embedding: [0.01, -0.02, 0.03] }], usage: { prompt_tokens: 9, total_tokens: 9 } });
  }
  if (!body.stream) {
    const toolCalls = ["Paris", "Tokyo"].map((city, i) => ({ id: `call_${i}`, type: "function", function: { name: "get_weather", arguments: JSON.stringify({ city }) } }));
    const usage = { prompt_tokens: 120, completion_tokens: 45, total_tokens: 165, prompt_tokens_details: { cached_tokens: 64 } };
    return Response.json({ ...base, object: "chat.completion", choices: [{ index: 0, finish_reason: "tool_calls", message: { role: "assistant", content: null, tool_calls: toolCalls } }], usage });
  }
  const weather = (body.messages ?? []).filter((m) => m.role === "tool").map((m) => JSON.parse(String(m.content)) as { city: string; tempC: number });
  const words = `${weather.map((w) => `${w.city}: ${w.tempC}°C`).join(", ")}. Clear skies.`.split(" ");
  const chunk = (choices: unknown[], usage: unknown = null) => `data: ${JSON.stringify({ ...base, object: "chat.completion.chunk", choices, usage })}\n\n`;
  const events = [
    ...words.map((word, i) => chunk([{ index: 0, delta: { ...(i === 0 ? { role: "assistant" } : {}), content: i === 0 ? word : ` ${word}` }, finish_reason: null }])),
    chunk([{ index: 0, delta: {}, finish_reason: "stop" }]),
    chunk([], { prompt_tokens: 160, completion_tokens: words.length, total_tokens: 160 + words.length }),
    "data: [DONE]\n\n",
  ];
  return new Response(events.join(""), { headers: { "content-type": "text/event-stream" } });
}
