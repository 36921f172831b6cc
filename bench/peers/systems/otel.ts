import { SpanStatusCode, trace } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { AlwaysOffSampler, BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import type { PeerSystem, SinkAddress, TurnPayload } from "./system";

/**
 * OpenTelemetry JS with its documented defaults: `NodeTracerProvider` (AsyncLocalStorage context
 * manager), `BatchSpanProcessor` (queue 2048, batch 512, 5 s delay) and the OTLP/HTTP JSON exporter.
 * Input and output go into attributes as JSON strings, as an LLM instrumentation would. `dropped`
 * uses `AlwaysOffSampler`.
 */
export function otelSystem(sink: SinkAddress, dropped: boolean): PeerSystem {
  const provider = new NodeTracerProvider({
    ...(dropped ? { sampler: new AlwaysOffSampler() } : {}),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${sink.baseUrl}/v1/traces` }))],
  });
  provider.register();
  const tracer = trace.getTracer("peers-bench");
  const step = (name: string, input: unknown) => async (p: TurnPayload) =>
    tracer.startActiveSpan(name, async (span) => {
      try {
        span.setAttribute("input.value", JSON.stringify(input));
        await p.pause();
        span.setAttribute("output.value", JSON.stringify(p.output));
        return p.output;
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    });
  const turn = (p: TurnPayload) =>
    tracer.startActiveSpan("turn", async (span) => {
      span.setAttribute("input.value", JSON.stringify(p.input));
      await step("retrieve", p.input)(p);
      const out = await tracer.startActiveSpan("llm", async (gen) => {
        gen.setAttribute("gen_ai.operation.name", "chat");
        gen.setAttribute("input.value", JSON.stringify(p.generationInput));
        await p.pause();
        gen.setAttribute("output.value", JSON.stringify(p.output));
        gen.end();
        return p.output;
      });
      span.setAttribute("output.value", JSON.stringify(out));
      span.end();
      return out;
    });
  return {
    turn,
    finish: async () => {
      await provider.forceFlush();
      await provider.shutdown();
    },
    produced: (traces) => (dropped ? 0 : traces * 3),
  };
}
