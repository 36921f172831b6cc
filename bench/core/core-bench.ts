/**
 * Hot-path costs of the core SDK, each against a bare call measured in the same interleaved runs:
 *
 * - `observe()` on a sync and on an async function, kept trace: as a root (each call is a new trace)
 *   and as a child (each call nested in one open trace);
 * - the low-level API: a trace with a span and a generation (~100 B input/output each), per
 *   observation;
 * - `observe()` under a dropped trace: each call starting a dropped root (head decision included), and
 *   called inside a dropped trace;
 * - one head sampling decision (the client's resolved sampler at p = 0.01, pre-made trace ids).
 *
 * Records go to {@link DiscardExporter}: encoding and sending happen later in the batch worker, and
 * `bench/export` measures them. Run alone with `npx tsx bench/core/core-bench.ts`.
 *
 * @module
 */
import { pathToFileURL } from "node:url";
import { Tracewise } from "../../src/client";
import { randomTraceId } from "../../src/core/ids";
import { observe } from "../../src/observe/observe";
import { createHeadDecider } from "../../src/sampling/head-decision";
import { compareAsync, compareSync, formatNs, formatRatio, gcBetweenRuns, type Timing } from "../harness/measure";
import { DiscardExporter } from "./discard-exporter";

/** One printed row: what was measured, its cost, the bare baseline and the ratio. */
export interface CoreBenchRow {
  readonly figure: string;
  readonly nsPerCall: number;
  readonly bareNs: number | undefined;
  readonly spreadNs: readonly [number, number];
}

/** Options of {@link runCoreBench}. */
export interface CoreBenchOptions {
  /** Multiplies every iteration count (0.2 for a smoke run). @default 1 */
  readonly scale?: number;
  /** Measured runs per variant. @default 7 */
  readonly runs?: number;
}

const INPUT = { question: "What is the capital of France? Answer in one word, please, and be brief." }; // ~100 B
const OUTPUT = { answer: "Paris is the capital of France; it has been since the tenth century, roughly." };

function row(figure: string, t: Timing, bare?: Timing, divideBy = 1): CoreBenchRow {
  return { figure, nsPerCall: t.nsPerCall / divideBy, bareNs: bare?.nsPerCall, spreadNs: [t.minNs / divideBy, t.maxNs / divideBy] };
}

/** Runs every measurement, prints a table and returns the rows. */
export async function runCoreBench(options: CoreBenchOptions = {}): Promise<CoreBenchRow[]> {
  const scale = options.scale ?? 1;
  const runs = options.runs ?? 7;
  const n = (count: number) => Math.max(100, Math.round(count * scale));
  const exporter = new DiscardExporter();
  const kept = new Tracewise({ exporter, global: false, logLevel: "silent", flushOnExit: false });
  const dropped = new Tracewise({ exporter, global: false, logLevel: "silent", flushOnExit: false, sampleRate: 0 });
  const rows: CoreBenchRow[] = [];

  const bareSync = (x: { question: string }) => x.question.length;
  const bareAsync = async (x: { question: string }) => x.question.length;
  const keptSync = observe(bareSync, { client: kept, name: "sync" });
  const keptAsync = observe(bareAsync, { client: kept, name: "async" });
  const droppedSync = observe(bareSync, { client: dropped, name: "sync" });
  const droppedAsync = observe(bareAsync, { client: dropped, name: "async" });

  // Roots: every call is a new kept trace with input captured and output recorded.
  const syncRoot = compareSync({ bare: () => bareSync(INPUT), observed: () => keptSync(INPUT) }, { iterations: n(20_000), runs });
  rows.push(row("observe(sync fn), kept, new trace per call", syncRoot.observed, syncRoot.bare));
  const asyncRoot = await compareAsync({ bare: () => bareAsync(INPUT), observed: () => keptAsync(INPUT) }, { iterations: n(15_000), runs });
  rows.push(row("observe(async fn), kept, new trace per call", asyncRoot.observed, asyncRoot.bare));

  // Children: every call nested in one open kept trace.
  const parent = kept.trace({ name: "parent" });
  const syncChild = compareSync(
    { bare: () => bareSync(INPUT), observed: () => kept.withObservation(parent, () => keptSync(INPUT)) },
    { iterations: n(20_000), runs },
  );
  rows.push(row("observe(sync fn), kept, child of an open trace", syncChild.observed, syncChild.bare));
  const asyncChild = await compareAsync(
    { bare: () => bareAsync(INPUT), observed: () => kept.withObservation(parent, () => keptAsync(INPUT)) },
    { iterations: n(15_000), runs },
  );
  rows.push(row("observe(async fn), kept, child of an open trace", asyncChild.observed, asyncChild.bare));
  parent.end();

  // Low-level API: root + span + generation, ~100 B in and out each.
  const lowLevel = compareSync(
    {
      bare: () => bareSync(INPUT) + bareSync(INPUT) + bareSync(INPUT),
      api: () => {
        const trace = kept.trace({ name: "turn", input: INPUT, userId: "u1" });
        const span = trace.span({ name: "retrieve", input: INPUT });
        span.end({ output: OUTPUT });
        const gen = trace.generation({ name: "llm", model: "gpt-4o-mini", input: INPUT });
        gen.end({ output: OUTPUT, usageDetails: { input: 20, output: 12 } });
        trace.end({ output: OUTPUT });
        return trace;
      },
    },
    { iterations: n(15_000), runs },
  );
  rows.push(row("low-level API, per trace (root + span + generation)", lowLevel.api, lowLevel.bare));
  rows.push(row("low-level API, per observation", lowLevel.api, undefined, 3));

  // Dropped traces.
  const droppedRoot = compareSync({ bare: () => bareSync(INPUT), observed: () => droppedSync(INPUT) }, { iterations: n(100_000), runs });
  rows.push(row("observe(sync fn), dropped root (head decision each call)", droppedRoot.observed, droppedRoot.bare));
  const droppedParent = dropped.trace({ name: "dropped" });
  const droppedChild = compareSync(
    { bare: () => dropped.withObservation(droppedParent, () => bareSync(INPUT)), observed: () => dropped.withObservation(droppedParent, () => droppedSync(INPUT)) },
    { iterations: n(100_000), runs },
  );
  rows.push(row("observe(sync fn), inside a dropped trace", droppedChild.observed, droppedChild.bare));
  const droppedAsyncRoot = await compareAsync({ bare: () => bareAsync(INPUT), observed: () => droppedAsync(INPUT) }, { iterations: n(20_000), runs });
  rows.push(row("observe(async fn), dropped root", droppedAsyncRoot.observed, droppedAsyncRoot.bare));

  // One head decision: the resolved default sampler (parent-based over the rate) at p = 0.01.
  const sampled = new Tracewise({ exporter, global: false, logLevel: "silent", flushOnExit: false, sampleRate: 0.01 });
  const decide = createHeadDecider({ sampler: sampled.config.sampler, logger: sampled.config.logger, counters: sampled.stats as never });
  const ids = Array.from({ length: 4096 }, () => randomTraceId());
  const decisions = compareSync(
    { read: (i) => ids[i & 4095], decide: (i) => decide({ traceId: ids[i & 4095] as string, name: "t" }) },
    { iterations: n(200_000), runs },
  );
  rows.push(row("head sampling decision, p = 0.01", decisions.decide, decisions.read));
  const startDropped = compareSync({ read: (i) => ids[i & 4095], start: () => sampled.tracer.startTrace({ name: "t" }) }, { iterations: n(100_000), runs });
  rows.push(row("tracer.startTrace at p = 0.01 (id, decision, counters)", startDropped.start, startDropped.read));

  await Promise.all([kept.shutdown(), dropped.shutdown(), sampled.shutdown()]);
  printCoreTable(rows, runs);
  return rows;
}

/** Prints the rows as a table. */
export function printCoreTable(rows: readonly CoreBenchRow[], runs: number): void {
  console.log(`\nCore hot paths (median of ${runs} interleaved runs${gcBetweenRuns ? ", GC before each run" : ""}; records discarded, no export I/O)`);
  console.table(
    Object.fromEntries(
      rows.map((r) => [
        r.figure,
        {
          "per call": formatNs(r.nsPerCall),
          "baseline (bare)": r.bareNs === undefined ? "" : formatNs(r.bareNs),
          "overhead": r.bareNs === undefined ? "" : formatNs(r.nsPerCall - r.bareNs),
          "ratio to bare": r.bareNs === undefined ? "" : formatRatio(r.nsPerCall, r.bareNs),
          "runs min…max": `${formatNs(r.spreadNs[0])}…${formatNs(r.spreadNs[1])}`,
        },
      ]),
    ),
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runCoreBench();
}
