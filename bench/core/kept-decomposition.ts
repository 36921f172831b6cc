/**
 * Where a kept trace's time goes in issue 9's workload (1): three nested observed async calls per
 * trace (root → span → generation, ~100 B input/output, the peers bench's Tracewise set-up), measured
 * in steps that each add one cost, every step in its own Node process (AsyncLocalStorage installs
 * promise hooks process-wide once used):
 *
 *   - bare: the three async functions, AsyncLocalStorage never used;
 *   - als: the same after one `AsyncLocalStorage.run()`: what any ALS-based SDK imposes on Node 20;
 *   - dropped: observed, every trace dropped (sampleRate 0);
 *   - discard: observed and kept; every record is handed to an exporter that forgets it, so records
 *     die young (recording, capture and the pipeline, without holding anything);
 *   - hold: observed and kept; the exporter keeps every record until the end, as an exporter does
 *     when the application's loop never yields to the event loop (workload (1)): garbage collection
 *     of records that stay alive;
 *
 * each at two lengths: the peers bench's (2k warm-up, then 20k timed traces) and a long run (20k
 * warm-up, then 5 × 40k timed traces, median), where V8 has optimized the hot functions.
 *
 *   npx tsx bench/core/kept-decomposition.ts
 *
 * @module
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { InMemoryExporter, observe, Tracewise } from "../../src/index";
import { median } from "../harness/measure";
import { DiscardExporter } from "./discard-exporter";

const MODES = {
  bare: "bare async calls, AsyncLocalStorage never used",
  als: "bare async calls, AsyncLocalStorage enabled",
  dropped: "observe()d, trace dropped (sampleRate 0)",
  discard: "observe()d, kept, records forgotten at once",
  hold: "observe()d, kept, records held to the end",
} as const;
type Mode = keyof typeof MODES;

const LENGTHS = {
  short: { warmup: 2_000, traces: 20_000, runs: 1 },
  long: { warmup: 20_000, traces: 40_000, runs: 5 },
} as const;
type Length = keyof typeof LENGTHS;

/** Processes per (mode, length): the median is reported. */
const PROCESSES = 5;

const INPUT = { question: "What is the capital of France? Please answer in one short sentence, thanks." };
const OUTPUT = { answer: "Paris is the capital of France; it has been the seat of government for ages." };
const RESOLVED = Promise.resolve();

interface Payload {
  readonly input: unknown;
}

type Turn = (p: Payload) => Promise<unknown>;

function bareTurn(): Turn {
  const step = async (_p: Payload): Promise<unknown> => {
    await RESOLVED;
    return OUTPUT;
  };
  return async (p) => {
    await step(p);
    return step(p);
  };
}

function observedTurn(mode: "dropped" | "discard" | "hold"): Turn {
  // InMemoryExporter keeps every record and never sends: the held-records cost alone.
  const exporter = mode === "hold" ? new InMemoryExporter() : new DiscardExporter();
  const client = new Tracewise({ exporter, sampleRate: mode === "dropped" ? 0 : 1, logLevel: "silent", flushOnExit: false, global: false });
  const step = async (_p: Payload): Promise<unknown> => {
    await RESOLVED;
    return OUTPUT;
  };
  const retrieve = observe(step, { client, name: "retrieve", input: (args) => (args[0]).input });
  const llm = observe(step, { client, name: "llm", asType: "generation", input: (args) => (args[0]).input });
  return observe(
    async (p: Payload) => {
      await retrieve(p);
      return llm(p);
    },
    { client, name: "turn", input: (args) => (args[0]).input },
  );
}

/** µs per trace: the median of the timed runs of one process. */
async function runInProcess(mode: Mode, length: Length): Promise<number> {
  if (mode === "als") new AsyncLocalStorage<number>().run(1, () => undefined);
  const turn = mode === "bare" || mode === "als" ? bareTurn() : observedTurn(mode);
  const { warmup, traces, runs } = LENGTHS[length];
  const payload: Payload = { input: INPUT };
  for (let i = 0; i < warmup; i++) await turn(payload);
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < traces; i++) await turn(payload);
    times.push(Number(process.hrtime.bigint() - start) / traces / 1000);
  }
  return median(times);
}

/**
 * µs per trace by length and mode, each the median over {@link PROCESSES} processes. The modes take
 * turns, round by round and in a rotating order, so a slow spell of a shared machine falls on every
 * mode rather than on one mode's samples.
 */
export function runKeptDecomposition(): Record<Length, Record<Mode, number>> {
  const self = fileURLToPath(import.meta.url);
  const modes = Object.keys(MODES) as Mode[];
  const out = { short: {}, long: {} } as Record<Length, Record<Mode, number>>;
  for (const length of Object.keys(LENGTHS) as Length[]) {
    const samples = new Map<Mode, number[]>(modes.map((mode) => [mode, []]));
    for (let round = 0; round < PROCESSES; round++) {
      for (let m = 0; m < modes.length; m++) {
        const mode = modes[(m + round) % modes.length] as Mode;
        const text = execFileSync(process.execPath, ["--import", "tsx", self, mode, length], { encoding: "utf8" });
        samples.get(mode)?.push(Number(text.trim().split("\n").at(-1)));
      }
    }
    for (const mode of modes) out[length][mode] = median(samples.get(mode) ?? []);
  }
  return out;
}

/** Prints {@link runKeptDecomposition}'s table and the cost each step adds. */
export function printKeptDecomposition(result: Record<Length, Record<Mode, number>>): void {
  console.log(`\nKept trace, workload (1) decomposed (root → span → generation; each cell the median of ${PROCESSES} processes)`);
  const row = (mode: Mode) => ({
    "short: 2k warm-up + 20k (µs/trace)": result.short[mode].toFixed(2),
    "long: 20k warm-up + 5 × 40k (µs/trace)": result.long[mode].toFixed(2),
  });
  console.table(Object.fromEntries((Object.keys(MODES) as Mode[]).map((mode) => [MODES[mode], row(mode)])));
  for (const length of Object.keys(LENGTHS) as Length[]) {
    const r = result[length];
    console.log(
      `${length}: AsyncLocalStorage hooks ${(r.als - r.bare).toFixed(2)} µs, dropped-trace handling ${(r.dropped - r.als).toFixed(2)} µs, ` +
        `recording a kept trace ${(r.discard - r.als).toFixed(2)} µs, holding its records until export ${(r.hold - r.discard).toFixed(2)} µs`,
    );
  }
}

/** {@link runKeptDecomposition}'s result as a markdown section (for bench/RESULTS.md). */
export function renderKeptDecomposition(result: Record<Length, Record<Mode, number>>): string {
  const lines = [
    "## Where a kept trace's time goes (workload (1) set-up, `bench/core/kept-decomposition.ts`)",
    "",
    `Each step adds one cost; every cell is the median of ${PROCESSES} fresh processes. *short* = the peers bench's length (2k warm-up, then 20k timed traces); *long* = 20k warm-up, then the median of 5 × 40k traces (V8 has optimized the hot functions).`,
    "",
    "| step | short (µs / trace) | long (µs / trace) |",
    "|---|---:|---:|",
    ...(Object.keys(MODES) as Mode[]).map((mode) => `| ${MODES[mode]} | ${result.short[mode].toFixed(2)} | ${result.long[mode].toFixed(2)} |`),
    "",
  ];
  for (const length of Object.keys(LENGTHS) as Length[]) {
    const r = result[length];
    lines.push(
      `- ${length}: AsyncLocalStorage hooks ${(r.als - r.bare).toFixed(2)} µs; Tracewise on a dropped trace ${(r.dropped - r.als).toFixed(2)} µs; recording a kept trace ${(r.discard - r.als).toFixed(2)} µs; holding its records until export ${(r.hold - r.discard).toFixed(2)} µs.`,
    );
  }
  return `${lines.join("\n")}\n`;
}

const [modeArg, lengthArg] = process.argv.slice(2);
if (modeArg !== undefined && modeArg in MODES && lengthArg !== undefined && lengthArg in LENGTHS) {
  console.log(String(await runInProcess(modeArg as Mode, lengthArg as Length)));
  process.exit(0);
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  printKeptDecomposition(runKeptDecomposition());
}
