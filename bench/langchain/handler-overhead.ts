/**
 * Overhead of the LangChain `CallbackHandler` per LLM call: `FakeListChatModel.invoke()` without a
 * handler, with an empty handler (what LangChain's callback machinery itself costs: run ids, model
 * serialization, the callback manager), with our handler recording a kept trace (records go to an
 * exporter that discards them, so only the handler and the tracer are measured), and with our handler
 * under a dropped trace. Our own cost is the difference to the empty handler.
 *
 *   npx tsx bench/langchain/handler-overhead.ts
 */
import { pathToFileURL } from "node:url";
import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { Tracewise, type Exporter } from "tracewise";
import { CallbackHandler } from "tracewise/langchain";

/** Options of {@link benchLangchainHandler}. */
export interface LangchainBenchOptions {
  /** Calls per measured round. @default 2000 */
  callsPerRound?: number;
  /** Measured rounds per variant (interleaved; the median is reported). @default 7 */
  rounds?: number;
}

/** Median time per `invoke()` of each variant and the handler's overhead, in microseconds. */
export interface LangchainBenchResult {
  readonly bareUs: number;
  /** With a handler that does nothing: LangChain's own cost of having callbacks. */
  readonly emptyUs: number;
  readonly keptUs: number;
  readonly droppedUs: number;
  /** Our handler's own cost on a kept trace: kept − empty. */
  readonly keptOverheadUs: number;
  /** Our handler's own cost on a dropped trace: dropped − empty. */
  readonly droppedOverheadUs: number;
  readonly callsPerRound: number;
  readonly rounds: number;
}

/** Accepts records and drops them: the bench measures recording, not exporting. */
const discard: Exporter = { name: "discard", export: () => {}, flush: () => Promise.resolve(), shutdown: () => Promise.resolve() };

type Variant = "bare" | "empty" | "kept" | "dropped";
const VARIANTS = ["bare", "empty", "kept", "dropped"] as const;

/**
 * Measures the handler's overhead per LLM call and returns the medians (microseconds per call).
 *
 * @example
 * ```ts
 * const r = await benchLangchainHandler({ callsPerRound: 1000 });
 * console.log(r.keptOverheadUs);
 * ```
 */
export async function benchLangchainHandler(options: LangchainBenchOptions = {}): Promise<LangchainBenchResult> {
  const callsPerRound = options.callsPerRound ?? 2000;
  const rounds = options.rounds ?? 7;
  const model = new FakeListChatModel({ responses: ["The answer is 42."] });
  const kept = new Tracewise({ exporter: discard, global: false, logLevel: "silent" });
  const dropped = new Tracewise({ exporter: discard, global: false, logLevel: "silent", sampleRate: 0 });
  const empty = BaseCallbackHandler.fromMethods({});
  empty.awaitHandlers = true; // as ours: callbacks awaited in line
  const configs: Record<Variant, { callbacks?: BaseCallbackHandler[] }> = {
    bare: {},
    empty: { callbacks: [empty] },
    kept: { callbacks: [new CallbackHandler({ client: kept })] },
    dropped: { callbacks: [new CallbackHandler({ client: dropped })] },
  };
  const run = async (variant: Variant, calls: number): Promise<number> => {
    const start = performance.now();
    for (let i = 0; i < calls; i++) await model.invoke("What is the answer?", configs[variant]);
    return ((performance.now() - start) * 1000) / calls;
  };
  for (const variant of VARIANTS) await run(variant, Math.ceil(callsPerRound / 4));
  const samples: Record<Variant, number[]> = { bare: [], empty: [], kept: [], dropped: [] };
  for (let r = 0; r < rounds; r++) {
    // Interleaved so that drift (JIT, GC, a busy machine) affects every variant alike.
    for (const variant of VARIANTS) samples[variant].push(await run(variant, callsPerRound));
  }
  await Promise.all([kept.shutdown(), dropped.shutdown()]);
  const [bareUs, emptyUs, keptUs, droppedUs] = VARIANTS.map((v) => median(samples[v])) as [number, number, number, number];
  return { bareUs, emptyUs, keptUs, droppedUs, keptOverheadUs: keptUs - emptyUs, droppedOverheadUs: droppedUs - emptyUs, callsPerRound, rounds };
}

/** Formats a result as the lines `npm run bench` prints. */
export function formatLangchainBench(r: LangchainBenchResult): string {
  const f = (us: number) => `${us.toFixed(1).padStart(7)} µs`;
  return [
    `LangChain CallbackHandler, FakeListChatModel.invoke() (median of ${r.rounds} rounds × ${r.callsPerRound} calls)`,
    `  no callbacks                   ${f(r.bareUs)} / call`,
    `  empty handler (LangChain cost) ${f(r.emptyUs)} / call`,
    `  CallbackHandler, kept trace    ${f(r.keptUs)} / call   handler overhead ${f(r.keptOverheadUs)}`,
    `  CallbackHandler, dropped trace ${f(r.droppedUs)} / call   handler overhead ${f(r.droppedOverheadUs)}`,
  ].join("\n");
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(formatLangchainBench(await benchLangchainHandler()));
}
