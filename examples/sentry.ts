/**
 * Sentry and Tracewise in one app: Sentry traces the HTTP request, Tracewise traces the LLM work inside
 * it, and both use the same trace id (Tracewise's trace continues Sentry's request span), so the trace
 * in Langfuse and the transaction in Sentry line up. Runs offline: Sentry's DSN points at a small local
 * receiver started below, the model is the AI SDK's mock, and Tracewise prints its trace tree.
 *
 *   npx tsx examples/sentry.ts
 */
import { createServer } from "node:http";
import * as Sentry from "@sentry/node";

// A stand-in for sentry.io that counts the spans it receives, by trace id.
const sentrySpans: { trace_id: string; name?: string }[] = [];
const receiver = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk.toString()));
  req.on("end", () => {
    for (const line of body.split("\n")) {
      if (line.includes('"items"')) sentrySpans.push(...(JSON.parse(line) as { items: { trace_id: string; name?: string }[] }).items);
    }
    res.end("{}");
  });
});
await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
const receiverPort = (receiver.address() as { port: number }).port;

Sentry.init({
  dsn: `http://publickey@127.0.0.1:${receiverPort}/1`,
  tracesSampleRate: 1,
  // Sentry's OpenTelemetry setup (as in Next.js): its request span is the active OpenTelemetry span.
  enableOpenTelemetrySetup: true,
  integrations: (defaults) => [
    // Sentry's Vercel AI integration turns the AI SDK's own telemetry off; Tracewise reads that telemetry.
    ...defaults.filter((integration) => integration.name !== "VercelAI" && integration.name !== "NodeFetch"),
    // Sentry traces every outgoing fetch: leave out Tracewise's deliveries (your LANGFUSE_BASEURL or
    // OTLP endpoint) and this example's own call to itself.
    Sentry.nativeNodeFetchIntegration({ ignoreOutgoingRequests: (url) => url.includes("/api/public/otel") || url.includes("/v1/traces") || url.includes("/ask") }),
  ],
});

// Imported after Sentry.init(), so that Sentry instruments them.
const { NodeTracerProvider } = await import("@opentelemetry/sdk-trace-node");
const { generateText } = await import("ai");
const { MockLanguageModelV3 } = await import("ai/test");
const { observe, Tracewise } = await import("tracewise");
const { TracewiseSampler, TracewiseSpanProcessor } = await import("tracewise/otel");

const tw = new Tracewise({ environment: "development" });
// Sentry owns the global tracer provider; the AI SDK gets a tracer of a provider that feeds Tracewise.
// The processor also installs the bridge: a new Tracewise trace continues the active (Sentry) span.
const llm = new NodeTracerProvider({ sampler: new TracewiseSampler(), spanProcessors: [new TracewiseSpanProcessor()] });
const model = new MockLanguageModelV3({
  doGenerate: async () => ({
    content: [{ type: "text", text: "Paris." }],
    finishReason: { unified: "stop", raw: undefined },
    usage: { inputTokens: { total: 9, noCache: 9, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 2, text: 2, reasoning: 0 } },
    warnings: [],
  }),
});

const answer = observe(async function answer(question: string) {
  const result = await generateText({ model, prompt: question, experimental_telemetry: { isEnabled: true, tracer: llm.getTracer("ai") } });
  return result.text;
});

const app = createServer((req, res) => {
  answer(new URL(req.url ?? "/", "http://app").searchParams.get("q") ?? "").then(
    (text) => res.end(text),
    () => res.writeHead(500).end(),
  );
});
await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
const appPort = (app.address() as { port: number }).port;

console.log(`answer: ${await (await fetch(`http://127.0.0.1:${appPort}/ask?q=capital+of+France`)).text()}`);
app.close();
await Sentry.flush(5000);
await tw.shutdown();
await llm.shutdown();
receiver.close();
for (const traceId of new Set(sentrySpans.map((s) => s.trace_id))) {
  console.log(`Sentry received ${sentrySpans.filter((s) => s.trace_id === traceId).length} span(s) of trace ${traceId.slice(0, 8)}…`);
}
