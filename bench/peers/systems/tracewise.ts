import { Tracewise } from "../../../src/client";
import { OtlpHttpExporter } from "../../../src/export/otlp/otlp-http-exporter";
import { observe } from "../../../src/observe/observe";
import { TailSampling } from "../../../src/sampling/tail/tail-sampling";
import type { PeerSystem, SinkAddress, TurnPayload } from "./system";

/** Tracewise variants: kept (p = 1), head-sampled at p = 0.01, tail sampling on, everything dropped (p = 0). */
export type TracewiseVariant = "kept" | "p0.01" | "tail" | "dropped";

/**
 * Tracewise with `observe()` on the three functions and its OTLP/HTTP exporter (defaults: gzip, batch
 * engine) pointed at the sink. `tail` keeps every trace by its background rate at the root's end
 * (`TailSampling.levelOrDuration({ level: "ERROR", durationMs: 60_000, backgroundRate: 1 })`), so each
 * trace is buffered until its root ends and then released: the tail path's full cost, all delivered.
 */
export function tracewiseSystem(sink: SinkAddress, variant: TracewiseVariant): PeerSystem {
  const tw = new Tracewise({
    exporter: new OtlpHttpExporter({ endpoint: `${sink.baseUrl}/v1/traces`, env: {} }),
    logLevel: "error",
    sampleRate: variant === "p0.01" ? 0.01 : variant === "dropped" ? 0 : 1,
    ...(variant === "tail" ? { tailSampling: TailSampling.levelOrDuration({ level: "ERROR", durationMs: 60_000, backgroundRate: 1 }) } : {}),
  });
  const retrieve = observe(
    async (p: TurnPayload) => {
      await p.pause();
      return p.output;
    },
    { client: tw, name: "retrieve", input: (args) => (args[0]).input },
  );
  const llm = observe(
    async (p: TurnPayload) => {
      await p.pause();
      return p.output;
    },
    { client: tw, name: "llm", asType: "generation", input: (args) => (args[0]).generationInput },
  );
  const turn = observe(
    async (p: TurnPayload) => {
      await retrieve(p);
      return llm(p);
    },
    { client: tw, name: "turn", input: (args) => (args[0]).input },
  );
  return {
    turn,
    finish: () => tw.shutdown(),
    produced: () => {
      const s = tw.stats();
      return (s["observations.ended"] ?? 0) - (s["observations.dropped.tail"] ?? 0);
    },
  };
}
