/**
 * The Vercel AI SDK with Tracewise: the SDK's own OpenTelemetry telemetry (`experimental_telemetry`)
 * goes through Tracewise's span processor, so its calls become generations (model, messages, usage,
 * time to first token) and tool observations, nested under an `observe()`d function. Runs offline with
 * the AI SDK's mock model, and prints the trace tree.
 *
 *   npx tsx examples/ai-sdk.ts
 */
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { generateText, stepCountIs, streamText, tool } from "ai";
import { MockLanguageModelV3, convertArrayToReadableStream } from "ai/test";
import { observe, Tracewise } from "tracewise";
import { TracewiseSampler, TracewiseSpanProcessor } from "tracewise/otel";
import { z } from "zod";

const tw = new Tracewise({ environment: "development" });

// The app's OpenTelemetry provider. Tracewise's sampler makes one decision per trace for both, and its
// processor takes the spans in. No APM shares this provider, so observed calls may be the
// OpenTelemetry parents of the spans inside them (`nestOtelSpans`).
const provider = new NodeTracerProvider({
  sampler: new TracewiseSampler(),
  spanProcessors: [new TracewiseSpanProcessor({ nestOtelSpans: true, modelPrices: { "mock-model-id": { input: 0.15, output: 0.6 } } })],
});
provider.register();

const usage = (input: number, output: number) => ({
  inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: output, text: output, reasoning: 0 },
});

let step = 0;
const model = new MockLanguageModelV3({
  // The first call asks for the weather tool, the second answers with its result.
  doGenerate: async () => {
    step += 1;
    return step === 1
      ? { content: [{ type: "tool-call", toolCallId: "call-1", toolName: "weather", input: '{"city":"Lisbon"}' }], finishReason: { unified: "tool-calls", raw: undefined }, usage: usage(42, 12), warnings: [] }
      : { content: [{ type: "text", text: "It is sunny in Lisbon, 21 °C." }], finishReason: { unified: "stop", raw: undefined }, usage: usage(71, 11), warnings: [] };
  },
  doStream: async () => ({
    stream: convertArrayToReadableStream([
      { type: "text-start", id: "t" },
      { type: "text-delta", id: "t", delta: "Pack " },
      { type: "text-delta", id: "t", delta: "sunglasses." },
      { type: "text-end", id: "t" },
      { type: "finish", finishReason: { unified: "stop", raw: undefined }, usage: usage(20, 3) },
    ]),
  }),
});

const weather = tool({
  description: "Current weather in a city",
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, tempC: 21, sky: "sunny" }),
});

const travelAdvice = observe(async function travelAdvice(question: string) {
  const forecast = await generateText({
    model,
    prompt: question,
    tools: { weather },
    stopWhen: stepCountIs(3),
    experimental_telemetry: { isEnabled: true, functionId: "forecast" },
  });
  const tip = streamText({ model, prompt: `One packing tip for: ${forecast.text}`, experimental_telemetry: { isEnabled: true, functionId: "tip" } });
  // The AI SDK ends a stream's outer span just after its text resolves: consuming the stream first
  // ends it inside this call (otherwise it still arrives, after the call's own observation).
  await tip.consumeStream();
  return `${forecast.text} ${await tip.text}`;
});

console.log(`\nanswer: ${await travelAdvice("What's the weather in Lisbon?")}\n`);
await provider.shutdown();
await tw.shutdown();
