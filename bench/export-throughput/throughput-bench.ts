/**
 * Export throughput of the OTLP/HTTP exporter with the sink in another process, so the figure is the
 * exporter's own cost: observations per second encoded and sent (protobuf and gzip, the defaults) from records
 * made before the clock starts, and the main thread's CPU per observation. Records come from the
 * tracer (`tw.trace()` + span + generation, ~100 B input/output) and are captured by an in-memory
 * stage, so they have exactly the shape the exporter sees in production.
 *
 * `bench/export` (the delivery engineer's) measures the same exporter with an in-process sink and
 * records built inside the timed loop; both are printed by `npm run bench`.
 *
 * @module
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { Tracewise } from "../../src/client";
import type { ExportRecord } from "../../src/core/records";
import { Counters } from "../../src/diag/counters";
import { ErrorSink } from "../../src/diag/error-sink";
import { Logger } from "../../src/diag/logger";
import { InMemoryExporter } from "../../src/export/memory-exporter";
import { OtlpHttpExporter } from "../../src/export/otlp/otlp-http-exporter";
import { median } from "../harness/measure";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Measured figures (medians over runs). */
export interface ThroughputResult {
  readonly observations: number;
  readonly runs: number;
  readonly observationsPerSec: number;
  /** Main-thread + libuv CPU time (process.cpuUsage) per observation, µs. */
  readonly cpuUsPerObservation: number;
  readonly delivered: number;
  readonly wireBytesPerObservation: number;
}

async function records(traces: number): Promise<ExportRecord[]> {
  const mem = new InMemoryExporter();
  const tw = new Tracewise({ exporter: mem, global: false, logLevel: "silent", flushOnExit: false });
  const input = { question: "What is the capital of France? Please answer in one short sentence, thanks." };
  const output = { answer: "Paris is the capital of France; it has been the seat of government for ages." };
  for (let i = 0; i < traces; i++) {
    const t = tw.trace({ name: "turn", input, userId: `user-${i % 100}`, sessionId: `s-${i % 1000}` });
    t.span({ name: "retrieve", input }).end({ output });
    t.generation({ name: "llm", model: "gpt-4o-mini", input, modelParameters: { temperature: 0.2 } }).end({ output, usageDetails: { input: 25, output: 18 } });
    t.end({ output });
  }
  await tw.shutdown();
  return mem.getFinishedObservations();
}

function context() {
  const logger = new Logger("warn");
  const counters = new Counters();
  return { logger, counters, errors: new ErrorSink(logger, counters), sdk: { name: "tracewise", version: "bench" }, resource: { serviceName: "bench" } };
}

/** Runs the measurement against a sink process; prints and returns the figures. */
export async function runThroughputBench(options: { traces?: number; runs?: number } = {}): Promise<ThroughputResult> {
  const traces = options.traces ?? 10_000;
  const runs = options.runs ?? 5;
  const sink = spawn(process.execPath, ["--import", "tsx", "bench/peers/sink.ts"], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  const [chunk] = (await once(sink.stdout, "data")) as [Buffer];
  const baseUrl = `http://127.0.0.1:${(JSON.parse(chunk.toString().split("\n")[0] ?? "{}") as { port: number }).port}`;
  const perSec: number[] = [];
  const cpu: number[] = [];
  const delivered: number[] = [];
  const wire: number[] = [];
  try {
    const all = await records(traces);
    for (let r = 0; r < runs + 1; r++) {
      await fetch(`${baseUrl}/reset`, { method: "POST" });
      const exporter = new OtlpHttpExporter({ endpoint: `${baseUrl}/v1/traces`, env: {} });
      exporter.init(context());
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      exporter.export(all);
      await exporter.flush();
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const used = process.cpuUsage(c0);
      await exporter.shutdown();
      const stats = (await (await fetch(`${baseUrl}/stats`)).json()) as { delivered: number; wireBytes: number };
      if (r === 0) continue; // warm-up run
      perSec.push(stats.delivered / seconds);
      cpu.push((used.user + used.system) / all.length);
      delivered.push(stats.delivered);
      wire.push(stats.wireBytes / all.length);
    }
    const result: ThroughputResult = {
      observations: all.length,
      runs,
      observationsPerSec: Math.round(median(perSec)),
      cpuUsPerObservation: median(cpu),
      delivered: median(delivered),
      wireBytesPerObservation: Math.round(median(wire)),
    };
    console.log(`\nOTLP export throughput, sink in another process (median of ${runs} runs, ${all.length} observations from the tracer, default wire: protobuf + gzip)`);
    console.table({
      "observations/s encoded, gzipped and delivered": result.observationsPerSec,
      "CPU per observation in this process (µs, main thread + zlib pool)": Number(result.cpuUsPerObservation.toFixed(2)),
      "delivered / exported": `${result.delivered} / ${all.length}`,
      "wire bytes per observation (gzip)": result.wireBytesPerObservation,
    });
    return result;
  } finally {
    sink.kill("SIGTERM");
  }
}

if (process.argv[1] !== undefined && import.meta.url === `file://${process.argv[1]}`) {
  await runThroughputBench();
}
