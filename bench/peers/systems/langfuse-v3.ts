import { Langfuse } from "langfuse";
import type { PeerSystem, SinkAddress, TurnPayload } from "./system";

/**
 * Langfuse JS v3 (`langfuse`) with its defaults and `baseUrl` at the sink: `trace()`, `span()` and
 * `generation()` with input at creation and output at `end()`, as its docs show; `flushAsync()` then
 * `shutdownAsync()` at the end. `dropped` sets `sampleRate: 0`.
 */
export function langfuseV3System(sink: SinkAddress, dropped: boolean): PeerSystem {
  const langfuse = new Langfuse({ publicKey: "pk-lf-bench", secretKey: "sk-lf-bench", baseUrl: sink.baseUrl, ...(dropped ? { sampleRate: 0 } : {}) });
  const turn = async (p: TurnPayload) => {
    const trace = langfuse.trace({ name: "turn", input: p.input });
    const span = trace.span({ name: "retrieve", input: p.input });
    await p.pause();
    span.end({ output: p.output });
    const generation = trace.generation({ name: "llm", model: "gpt-4o-mini", input: p.generationInput });
    await p.pause();
    generation.end({ output: p.output });
    trace.update({ output: p.output });
    return p.output;
  };
  return {
    turn,
    finish: async () => {
      await langfuse.flushAsync();
      await langfuse.shutdownAsync();
    },
    produced: (traces) => (dropped ? 0 : traces * 3),
  };
}
