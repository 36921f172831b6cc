/**
 * How much of a dropped trace's cost is Node's AsyncLocalStorage rather than Tracewise.
 *
 * The workload is issue 9's (4): three nested async calls per trace (root → span → generation). Each
 * mode runs in its own Node process, because AsyncLocalStorage installs promise hooks process-wide
 * once it is first used, and from then on every promise costs more, traced or not:
 *   - bare: no AsyncLocalStorage ever used;
 *   - als: the same bare calls after one `AsyncLocalStorage.run()` (what any ALS-based SDK imposes);
 *   - dropped: the calls wrapped by `observe()` under a client with sampleRate 0.
 *
 *   npx tsx bench/core/als-baseline.ts
 */
import { execFileSync } from "node:child_process";
import { AsyncLocalStorage } from "node:async_hooks";
import { fileURLToPath } from "node:url";
import { InMemoryExporter, observe, Tracewise } from "../../src/index";

const TRACES = 200_000;
const WARMUP = 20_000;
const RUNS = 5;

const MODES = {
  bare: "bare calls, AsyncLocalStorage never used",
  als: "bare calls, AsyncLocalStorage enabled",
  dropped: "observe()d calls, trace dropped (sampleRate 0)",
} as const;
type Mode = keyof typeof MODES;

async function generation(x: string): Promise<number> {
  return x.length;
}
async function span(x: string): Promise<number> {
  return generation(x);
}
async function root(x: string): Promise<number> {
  return span(x);
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

async function runMode(mode: Mode): Promise<number> {
  if (mode === "bare") return measure(root);
  if (mode === "als") {
    new AsyncLocalStorage<number>().run(1, () => undefined);
    return measure(root);
  }
  new Tracewise({ sampleRate: 0, exporter: new InMemoryExporter(), flushOnExit: false, logLevel: "silent" });
  const g = observe(generation, { asType: "generation" });
  const s = observe(async (x: string) => g(x), { name: "span" });
  const r = observe(async (x: string) => s(x), { name: "root" });
  return measure(r);
}

/** Runs every mode in a child process and returns µs per trace by mode. */
export function runAlsBaselineBench(): Record<Mode, number> {
  const self = fileURLToPath(import.meta.url);
  const out = {} as Record<Mode, number>;
  for (const mode of Object.keys(MODES) as Mode[]) {
    const text = execFileSync(process.execPath, ["--import", "tsx", self, mode], { encoding: "utf8" });
    out[mode] = Number(text.trim().split("\n").at(-1));
  }
  return out;
}

/** Prints the table of {@link runAlsBaselineBench}. */
export function printAlsBaseline(result: Record<Mode, number>): void {
  console.log("\nDropped traces vs AsyncLocalStorage (issue 9 workload 4: root → span → generation, each mode in its own process)");
  console.table(
    Object.fromEntries(
      (Object.keys(MODES) as Mode[]).map((mode) => [MODES[mode], { "µs / trace": result[mode].toFixed(3), "vs bare": `×${(result[mode] / result.bare).toFixed(2)}`, "vs ALS-enabled bare": `×${(result[mode] / result.als).toFixed(2)}` }]),
    ),
  );
  console.log(`Tracewise's own cost per dropped trace, over an ALS-enabled baseline: ${(result.dropped - result.als).toFixed(3)} µs`);
}

const arg = process.argv[2];
if (arg !== undefined && arg in MODES) {
  console.log(String(await runMode(arg as Mode)));
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  printAlsBaseline(runAlsBaselineBench());
}
