import { LangfuseSpanProcessor } from "@langfuse/otel";
import { observe, updateActiveObservation } from "@langfuse/tracing";
import { AlwaysOffSampler } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import type { PeerSystem, SinkAddress, TurnPayload } from "./system";

/**
 * Langfuse JS v5 as its docs set it up: a `NodeTracerProvider` with `LangfuseSpanProcessor` (keys and
 * `baseUrl` pointing at the sink, every other option at its default), and `observe()` from
 * `@langfuse/tracing` on the three functions (output captured by `observe`, input set with
 * `updateActiveObservation` because the payload argument also carries the workload's plumbing).
 * `dropped` puts `AlwaysOffSampler` on the provider.
 */
export function langfuseV5System(sink: SinkAddress, dropped: boolean): PeerSystem {
  const provider = new NodeTracerProvider({
    ...(dropped ? { sampler: new AlwaysOffSampler() } : {}),
    spanProcessors: [new LangfuseSpanProcessor({ publicKey: "pk-lf-bench", secretKey: "sk-lf-bench", baseUrl: sink.baseUrl })],
  });
  provider.register();
  const retrieve = observe(
    async (p: TurnPayload) => {
      updateActiveObservation({ input: p.input });
      await p.pause();
      return p.output;
    },
    { name: "retrieve", captureInput: false },
  );
  const llm = observe(
    async (p: TurnPayload) => {
      updateActiveObservation({ input: p.generationInput }, { asType: "generation" });
      await p.pause();
      return p.output;
    },
    { name: "llm", asType: "generation", captureInput: false },
  );
  const turn = observe(
    async (p: TurnPayload) => {
      updateActiveObservation({ input: p.input });
      await retrieve(p);
      return llm(p);
    },
    { name: "turn", captureInput: false },
  );
  return {
    turn,
    finish: async () => {
      await provider.forceFlush();
      await provider.shutdown();
    },
    produced: (traces) => (dropped ? 0 : traces * 3),
  };
}
