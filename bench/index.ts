/**
 * `npm run bench`: the quick benchmark (under two minutes). Every figure is measured in this run.
 *
 * 1. Core hot paths (`bench/core`): `observe` on sync and async functions, kept and dropped, the
 *    low-level API per observation, the head sampling decision, each against a bare call.
 * 2. OTLP export throughput with the sink in another process (`bench/export-throughput`).
 * 3. The delivery engineer's export bench (`bench/export`): throughput with an in-process sink, bytes
 *    per observation with and without gzip, the 20k-trace burst.
 * 4. The OpenAI and LangChain integration benches, when their files exist.
 * 5. The OpenTelemetry bridge's overhead on observed calls, with and without a context manager.
 *
 * Re-runs itself with `--expose-gc` (so every timed run starts from a collected heap) unless already
 * started with it. `npm run bench:peers` is the long comparison with other SDKs (issue 9).
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

if (typeof (globalThis as { gc?: unknown }).gc !== "function" && process.env.TRACEWISE_BENCH_CHILD === undefined) {
  const result = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", here("./index.ts")], {
    stdio: "inherit",
    env: { ...process.env, TRACEWISE_BENCH_CHILD: "1" },
  });
  process.exit(result.status ?? 1);
}

const started = performance.now();
console.log(`Tracewise quick bench — Node ${process.version}, ${process.platform}/${process.arch}`);

const { runCoreBench } = await import("./core/core-bench");
await runCoreBench();

const { runAlsBaselineBench, printAlsBaseline } = await import("./core/als-baseline");
printAlsBaseline(runAlsBaselineBench());

const { runThroughputBench } = await import("./export-throughput/throughput-bench");
await runThroughputBench({ traces: 10_000, runs: 3 });

const { runExportBench } = await import("./export/export-bench");
await runExportBench();

/** Optional benches of other engineers: run when present, say so when not. */
async function optional(label: string, file: string, run: (module: Record<string, unknown>) => Promise<void>): Promise<void> {
  if (!existsSync(here(file))) {
    console.log(`\n${label}: ${file} not found, skipped`);
    return;
  }
  try {
    await run((await import(file)) as Record<string, unknown>);
  } catch (error) {
    console.log(`\n${label}: failed (${error instanceof Error ? error.message : String(error)}), skipped`);
  }
}

await optional("OpenAI wrapper bench", "./openai/openai-overhead-bench.ts", async (m) => {
  await (m.runOpenAIBench as (o: { callsPerRound: number; rounds: number }) => Promise<unknown>)({ callsPerRound: 30, rounds: 9 });
});
await optional("LangChain handler bench", "./langchain/handler-overhead.ts", async (m) => {
  const result = await (m.benchLangchainHandler as (o: { callsPerRound: number; rounds: number }) => Promise<unknown>)({ callsPerRound: 500, rounds: 5 });
  console.log(`\n${(m.formatLangchainBench as (r: unknown) => string)(result)}`);
});

await optional("OpenTelemetry bridge bench", "./otel/otel-bridge-bench.ts", async (m) => {
  (m.printOtelBridgeBench as (r: unknown) => void)((m.runOtelBridgeBench as () => unknown)());
});

console.log(`\nbench finished in ${((performance.now() - started) / 1000).toFixed(0)} s`);
