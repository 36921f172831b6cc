/**
 * A small, honest micro-benchmark harness: warm-up, many iterations per run, several runs with the
 * variants of one comparison interleaved (rotating who goes first, so drift of the machine hits every
 * variant alike), `process.hrtime.bigint()` timing, a forced GC before every run when Node runs with
 * `--expose-gc`, and the median run reported.
 *
 * @module
 */

/** Defeats dead-code elimination: every benchmarked call's result lands here. */
export let blackhole: unknown;

/** Options of a comparison. */
export interface MeasureOptions {
  /** Calls per run. */
  readonly iterations: number;
  /** Measured runs per variant (the median is reported). @default 7 */
  readonly runs?: number;
  /** Unmeasured warm-up runs per variant, for the JIT. @default 2 */
  readonly warmupRuns?: number;
}

/** The median and spread of one variant, in nanoseconds per call. */
export interface Timing {
  readonly nsPerCall: number;
  readonly minNs: number;
  readonly maxNs: number;
  readonly runs: number;
  readonly iterations: number;
}

type SyncBody = (i: number) => unknown;
type AsyncBody = (i: number) => Promise<unknown>;

const gc = (globalThis as { gc?: () => void }).gc;

/** True when runs start from a collected heap (Node started with `--expose-gc`). */
export const gcBetweenRuns = typeof gc === "function";

function runSync(body: SyncBody, iterations: number): number {
  gc?.();
  let last: unknown;
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) last = body(i);
  const ns = Number(process.hrtime.bigint() - start);
  blackhole = last;
  return ns / iterations;
}

async function runAsync(body: AsyncBody, iterations: number): Promise<number> {
  gc?.();
  let last: unknown;
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) last = await body(i);
  const ns = Number(process.hrtime.bigint() - start);
  blackhole = last;
  return ns / iterations;
}

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function summarize(samples: readonly number[], iterations: number): Timing {
  return { nsPerCall: median(samples), minNs: Math.min(...samples), maxNs: Math.max(...samples), runs: samples.length, iterations };
}

/** Times synchronous variants against each other; returns each variant's timing. */
export function compareSync<K extends string>(variants: Record<K, SyncBody>, options: MeasureOptions): Record<K, Timing> {
  const names = Object.keys(variants) as K[];
  const runs = options.runs ?? 7;
  for (let w = 0; w < (options.warmupRuns ?? 2); w++) for (const name of names) runSync(variants[name], options.iterations);
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let r = 0; r < runs; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(r + k) % names.length] as K;
      samples[name].push(runSync(variants[name], options.iterations));
    }
  }
  return Object.fromEntries(names.map((n) => [n, summarize(samples[n], options.iterations)])) as Record<K, Timing>;
}

/** Times asynchronous variants (each call awaited before the next) against each other. */
export async function compareAsync<K extends string>(variants: Record<K, AsyncBody>, options: MeasureOptions): Promise<Record<K, Timing>> {
  const names = Object.keys(variants) as K[];
  const runs = options.runs ?? 7;
  for (let w = 0; w < (options.warmupRuns ?? 2); w++) for (const name of names) await runAsync(variants[name], options.iterations);
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let r = 0; r < runs; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(r + k) % names.length] as K;
      samples[name].push(await runAsync(variants[name], options.iterations));
    }
  }
  return Object.fromEntries(names.map((n) => [n, summarize(samples[n], options.iterations)])) as Record<K, Timing>;
}

/** `1.23 µs` style formatting of nanoseconds. */
export function formatNs(ns: number): string {
  if (ns >= 1_000_000) return `${(ns / 1_000_000).toFixed(2)} ms`;
  if (ns >= 1000) return `${(ns / 1000).toFixed(2)} µs`;
  return `${ns.toFixed(1)} ns`;
}

/** `×12.3` ratio text. */
export function formatRatio(value: number, base: number): string {
  if (!(base > 0)) return "n/a";
  const r = value / base;
  return `×${r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r.toFixed(2)}`;
}
