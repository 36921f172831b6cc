/**
 * What the OpenTelemetry bridge (`tracewise/otel`) adds to an observed call, with and without an
 * OpenTelemetry context manager registered. The workload is three nested async observed calls per
 * trace (root → span → generation), kept (sampleRate 1, records discarded) and dropped (sampleRate 0).
 * Each mode runs in its own Node process: a registered context manager and AsyncLocalStorage's
 * promise hooks are process-wide.
 *   - none: the bridge not installed (every app that does not import `tracewise/otel`);
 *   - bridge: `installOtelBridge()` with no context manager registered (`@opentelemetry/api` alone);
 *   - bridge+cm: the bridge, and the AsyncLocalStorageContextManager that `NodeTracerProvider.register()` sets;
 *   - bridge+cm+span: that, with a span processor constructed and every trace run under an active
 *     span (an APM's request span): the case where observed calls mark their place in the context.
 *
 *   npx tsx bench/otel/otel-bridge-bench.ts
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { context, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { observe, Tracewise } from "../../src/index";
import { installOtelBridge, TracewiseSpanProcessor } from "../../src/otel/index";
import { DiscardExporter } from "../core/discard-exporter";

const TRACES = 30_000;
const WARMUP = 5_000;
const RUNS = 5;

const MODES = {
  none: "bridge not installed",
  bridge: "bridge, no context manager",
  "bridge+cm": "bridge + AsyncLocalStorageContextManager",
  "bridge+cm+span": "bridge + context manager, under an active span",
} as const;
type Mode = keyof typeof MODES;
type Sampling = "kept" | "dropped";

async function generation(x: string): Promise<number> {
  return x.length;
}

/** Median µs per trace over RUNS runs of TRACES sequential traces. */
async function measure(fn: (x: string) => Promise<number>): Promise<number> {
  for (let i = 0; i < WARMUP; i++) await fn("hello");
  const runs: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < TRACES; i++) await fn("hello");
    runs.push(Number(process.hrtime.bigint() - start) / TRACES / 1000);
  }
  runs.sort((a, b) => a - b);
  return runs[Math.floor(RUNS / 2)] ?? Number.NaN;
}

async function runMode(mode: Mode, sampling: Sampling): Promise<number> {
  if (mode === "bridge+cm" || mode === "bridge+cm+span") context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  if (mode !== "none") installOtelBridge();
  if (mode === "bridge+cm+span") new TracewiseSpanProcessor({ installBridge: false });
  new Tracewise({ sampleRate: sampling === "kept" ? 1 : 0, exporter: new DiscardExporter(), flushOnExit: false, logLevel: "silent" });
  const g = observe(generation, { asType: "generation" });
  const s = observe(async (x: string) => g(x), { name: "span" });
  const r = observe(async (x: string) => s(x), { name: "root" });
  if (mode !== "bridge+cm+span") return measure(r);
  const request = trace.wrapSpanContext({ traceId: "ab".repeat(16), spanId: "cd".repeat(8), traceFlags: 1 });
  return context.with(trace.setSpan(context.active(), request), () => measure(r));
}

type Result = Record<Sampling, Record<Mode, number>>;

/** Runs every mode in a child process and returns µs per trace. */
export function runOtelBridgeBench(): Result {
  const self = fileURLToPath(import.meta.url);
  const out = { kept: {}, dropped: {} } as Result;
  for (const sampling of ["kept", "dropped"] as const) {
    for (const mode of Object.keys(MODES) as Mode[]) {
      const text = execFileSync(process.execPath, ["--import", "tsx", self, mode, sampling], { encoding: "utf8" });
      out[sampling][mode] = Number(text.trim().split("\n").at(-1));
    }
  }
  return out;
}

/** Prints the table of {@link runOtelBridgeBench}. */
export function printOtelBridgeBench(result: Result): void {
  console.log("\nOpenTelemetry bridge overhead (root → span → generation, µs per trace, each mode in its own process)");
  console.table(
    Object.fromEntries(
      (Object.keys(MODES) as Mode[]).map((mode) => [
        MODES[mode],
        {
          "kept µs": result.kept[mode].toFixed(3),
          "kept vs none": `×${(result.kept[mode] / result.kept.none).toFixed(2)}`,
          "dropped µs": result.dropped[mode].toFixed(3),
          "dropped vs none": `×${(result.dropped[mode] / result.dropped.none).toFixed(2)}`,
        },
      ]),
    ),
  );
}

const [mode, sampling] = process.argv.slice(2);
if (mode !== undefined && mode in MODES && (sampling === "kept" || sampling === "dropped")) {
  console.log(String(await runMode(mode as Mode, sampling)));
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  printOtelBridgeBench(runOtelBridgeBench());
}
