/**
 * Delivery benchmark over OTLP/JSON (`protocol: "http/json"`): export throughput to a loopback sink,
 * bytes per observation with and without gzip, and the 20k-trace burst's delivered/produced ratio with
 * its time.
 *
 * Run alone with `npx tsx bench/export/export-bench.ts`; `bench/index.ts` calls {@link runExportBench}.
 * The sink runs in the same process (it gunzips and counts spans), so throughput figures include its
 * cost: they are a lower bound of what the exporter sustains against a remote backend.
 */
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { gunzip } from "node:zlib";
import type { ObservationRecord, TraceSnapshot } from "../../src/core/records";
import { Counters } from "../../src/diag/counters";
import { ErrorSink } from "../../src/diag/error-sink";
import { Logger } from "../../src/diag/logger";
import { OtlpHttpExporter } from "../../src/export/otlp/otlp-http-exporter";

/** Measured figures. */
export interface ExportBenchResult {
  readonly throughputObservationsPerSec: number;
  readonly throughputObservations: number;
  readonly bytesPerObservationJson: number;
  readonly bytesPerObservationGzip: number;
  readonly burstProduced: number;
  readonly burstDelivered: number;
  readonly burstRatio: number;
  readonly burstMs: number;
}

interface Sink {
  readonly url: string;
  spans: number;
  wireBytes: number;
  jsonBytes: number;
  close(): Promise<void>;
}

async function startSink(): Promise<Sink> {
  const sink = { url: "", spans: 0, wireBytes: 0, jsonBytes: 0, close: async () => undefined };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const done = (json: Buffer): void => {
        sink.wireBytes += raw.length;
        sink.jsonBytes += json.length;
        sink.spans += countSpans(json.toString("utf8"));
        res.writeHead(200, { "content-type": "application/json" }).end("{}");
      };
      if (req.headers["content-encoding"] === "gzip") gunzip(raw, (err, out) => (err ? res.writeHead(400).end() : done(out)));
      else done(raw);
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  sink.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`;
  sink.close = async () => {
    server.closeAllConnections();
    server.close();
    await once(server, "close");
  };
  return sink;
}

function countSpans(text: string): number {
  let count = 0;
  for (let at = text.indexOf('"spanId":"'); at !== -1; at = text.indexOf('"spanId":"', at + 10)) count += 1;
  return count;
}

let nextId = 1;
const hex = (length: number): string => (nextId++).toString(16).padStart(length, "0");

/** A realistic small trace: an agent root, a generation and a tool call. */
function makeTrace(i: number): ObservationRecord[] {
  const trace: TraceSnapshot = { id: hex(32), sampleRate: 1, name: "chat-turn", userId: `user-${i % 100}`, sessionId: `session-${i % 1000}`, tags: ["bench"] };
  const root = hex(16);
  const t = Date.now();
  const base = { kind: "observation", traceId: trace.id, level: "DEFAULT", trace } as const;
  return [
    { ...base, id: hex(16), parentObservationId: root, isLocalRoot: false, type: "generation", name: "openai.chat", startTime: t + 1, endTime: t + 420, model: "gpt-4o-mini", modelParameters: { temperature: 0.2 }, usageDetails: { input: 412, output: 87 }, input: [{ role: "system", content: "You are a helpful assistant." }, { role: "user", content: `Question number ${i}: what is the capital of France?` }], output: { role: "assistant", content: `The capital of France is Paris (${Math.random().toString(36).slice(2)}).` } },
    { ...base, id: hex(16), parentObservationId: root, isLocalRoot: false, type: "tool", name: "search", startTime: t + 421, endTime: t + 480, input: { query: `capital of France ${i}` }, output: [`Paris is the capital of France. ${Math.random().toString(36).slice(2)}`] },
    { ...base, id: root, isLocalRoot: true, type: "agent", name: "agent", startTime: t, endTime: t + 500, input: { question: `Question ${i}` }, output: { answer: "Paris" } },
  ];
}

function context() {
  const logger = new Logger("warn");
  const counters = new Counters();
  return { logger, counters, errors: new ErrorSink(logger, counters), sdk: { name: "tracewise", version: "bench" }, resource: { serviceName: "bench", environment: "bench" } };
}

/** Exports `traces` small traces in one burst and waits for delivery; returns ms and the sink's counts. */
async function burst(traces: number, gzip: boolean): Promise<{ ms: number; sink: Sink; produced: number }> {
  const sink = await startSink();
  // OTLP/JSON explicitly: this sink counts spans in JSON text, and the JSON wire's size is what it
  // reports (the default protobuf wire is measured by bench/export-throughput).
  const exporter = new OtlpHttpExporter({ endpoint: sink.url, env: {}, gzip, protocol: "http/json" });
  exporter.init(context());
  const start = performance.now();
  for (let i = 0; i < traces; i++) exporter.export(makeTrace(i));
  await exporter.flush();
  const ms = performance.now() - start;
  await exporter.shutdown();
  await sink.close();
  return { ms, sink, produced: traces * 3 };
}

/** Runs every measurement and prints a table; returns the figures. */
export async function runExportBench(): Promise<ExportBenchResult> {
  await burst(2000, true); // warm-up: JIT, sockets
  // 30k traces = 90k observations: within the default queue bound (100k), so nothing is dropped.
  const throughput = await burst(30_000, true);
  const plain = await burst(5000, false);
  const gzipped = await burst(5000, true);
  const burst20k = await burst(20_000, true);
  // These runs stay within every bound, so each must deliver everything: a shortfall means the sink no
  // longer reads what the exporter sends, and the figures below would be meaningless.
  for (const run of [throughput, plain, gzipped]) {
    if (run.sink.spans !== run.produced) throw new Error(`export bench: the sink counted ${run.sink.spans} of ${run.produced} spans; is the exporter still sending OTLP/JSON?`);
  }
  const result: ExportBenchResult = {
    throughputObservations: throughput.produced,
    throughputObservationsPerSec: Math.round(throughput.sink.spans / (throughput.ms / 1000)),
    bytesPerObservationJson: Math.round(plain.sink.wireBytes / plain.sink.spans),
    bytesPerObservationGzip: Math.round(gzipped.sink.wireBytes / gzipped.sink.spans),
    burstProduced: burst20k.produced,
    burstDelivered: burst20k.sink.spans,
    burstRatio: burst20k.sink.spans / burst20k.produced,
    burstMs: Math.round(burst20k.ms),
  };
  console.log("\nTracewise delivery (OTLP/HTTP JSON to a loopback sink)");
  console.table({
    "export throughput (obs/s, gzip, 90k obs)": result.throughputObservationsPerSec,
    "bytes per observation (JSON)": result.bytesPerObservationJson,
    "bytes per observation (gzip)": result.bytesPerObservationGzip,
    "burst 20k traces x 3: delivered/produced": `${result.burstDelivered}/${result.burstProduced} (${(result.burstRatio * 100).toFixed(1)} %)`,
    "burst 20k traces x 3: time to flush() (ms)": result.burstMs,
  });
  return result;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runExportBench();
}
