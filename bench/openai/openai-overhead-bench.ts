/**
 * OpenAI wrapper overhead: time per call of a traced client against the same unwrapped client,
 * for a plain chat completion and a streamed one (28 chunks), on a kept trace and under a dropped
 * trace, against the local OpenAI-compatible server of the tests, and in-process (the same responses replayed by a
 * custom `fetch`, without a socket, where the wrapper's share is easier to see).
 *
 * Run alone with `npx tsx bench/openai/openai-overhead-bench.ts`; `bench/index.ts` calls
 * {@link runOpenAIBench}. The three clients take turns in every round (rotating who goes first) and
 * each figure is the median of the rounds' means, so drift of the machine hits all three alike. The
 * overhead is the difference of two noisy network timings: read it with the spread printed next to it.
 * Records go to an exporter that drops them, so the figures are the wrapper's and the core's capture
 * cost, not export I/O (which happens off the hot path in the batch worker).
 */
import { pathToFileURL } from "node:url";
import OpenAI from "openai";
import { observe, Tracewise } from "tracewise";
import { observeOpenAI } from "tracewise/openai";
import { startOpenAIServer } from "../../test/helpers/openai-server";
import { DiscardExporter } from "../core/discard-exporter";

/** Figures of one scenario, in microseconds per call. */
export interface OpenAIBenchScenario {
  readonly scenario: string;
  /** `local server` (HTTP on 127.0.0.1) or `in-process` (recorded responses replayed by a custom `fetch`, no socket). */
  readonly transport: "local server" | "in-process";
  readonly callsPerRound: number;
  readonly rounds: number;
  readonly bareUs: number;
  readonly tracedUs: number;
  readonly droppedUs: number;
  /** traced − bare (median of per-round differences). */
  readonly overheadUs: number;
  /** dropped − bare (median of per-round differences). */
  readonly droppedOverheadUs: number;
  /** Interquartile range of the per-round traced − bare differences. */
  readonly overheadIqrUs: readonly [number, number];
}

/** Options of {@link runOpenAIBench}. */
export interface OpenAIBenchOptions {
  /** Calls per client per round. @default 50 */
  readonly callsPerRound?: number;
  /** Rounds. @default 15 */
  readonly rounds?: number;
}


type Call = (client: OpenAI) => Promise<unknown>;

const HELLO = { model: "gpt-4o-mini", messages: [{ role: "user" as const, content: "Say hello" }] };
const SCENARIOS: readonly (readonly [string, Call])[] = [
  ["chat.completions.create", (c) => c.chat.completions.create(HELLO)],
  [
    "chat.completions.create stream",
    async (c) => {
      const stream = await c.chat.completions.create({ ...HELLO, stream: true, stream_options: { include_usage: true } });
      for await (const _ of stream);
    },
  ],
];

function quantile(sorted: readonly number[], q: number): number {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return (sorted[lo] ?? 0) + ((sorted[hi] ?? 0) - (sorted[lo] ?? 0)) * (i - lo);
}

const median = (values: readonly number[]): number => quantile([...values].sort((a, b) => a - b), 0.5);

async function timePerCallUs(run: () => Promise<unknown>, calls: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < calls; i++) await run();
  return ((performance.now() - start) * 1000) / calls;
}

/**
 * A `fetch` that answers from responses recorded once from the local server (keyed by whether the
 * request streams), so the in-process figures have no socket and far less noise.
 */
async function replayingFetch(baseURL: string): Promise<typeof fetch> {
  const recorded = new Map<boolean, { text: string; contentType: string }>();
  for (const stream of [false, true]) {
    const response = await fetch(`${baseURL}/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...HELLO, stream, stream_options: stream ? { include_usage: true } : undefined }) });
    recorded.set(stream, { text: await response.text(), contentType: response.headers.get("content-type") ?? "application/json" });
  }
  return (_url, init) => {
    const stream = typeof init?.body === "string" && (JSON.parse(init.body) as { stream?: boolean }).stream === true;
    const answer = recorded.get(stream) ?? { text: "{}", contentType: "application/json" };
    return Promise.resolve(new Response(answer.text, { headers: { "content-type": answer.contentType } }));
  };
}

/** Runs the measurements, prints a table and returns the figures. */
export async function runOpenAIBench(options: OpenAIBenchOptions = {}): Promise<OpenAIBenchScenario[]> {
  const callsPerRound = options.callsPerRound ?? 50;
  const rounds = options.rounds ?? 15;
  const server = await startOpenAIServer();
  const exporter = new DiscardExporter();
  const tw = new Tracewise({ exporter, global: false, logLevel: "error" });
  const results: OpenAIBenchScenario[] = [];
  try {
    const transports = [
      ["local server", new OpenAI({ apiKey: "sk-bench", baseURL: server.baseURL, maxRetries: 0 })],
      ["in-process", new OpenAI({ apiKey: "sk-bench", baseURL: server.baseURL, maxRetries: 0, fetch: await replayingFetch(server.baseURL) })],
    ] as const;
    for (const [transport, bare] of transports) {
      results.push(...(await measureTransport(transport, bare, tw, callsPerRound, rounds)));
      server.requests.length = 0;
    }
  } finally {
    await tw.shutdown();
    await server.close();
  }
  printTable(results, rounds, callsPerRound);
  return results;
}

async function measureTransport(transport: OpenAIBenchScenario["transport"], bare: OpenAI, tw: Tracewise, callsPerRound: number, rounds: number): Promise<OpenAIBenchScenario[]> {
  const traced = observeOpenAI(bare, { client: tw });
  const results: OpenAIBenchScenario[] = [];
  for (const [scenario, call] of SCENARIOS) {
    const variants: Record<"bare" | "traced" | "dropped", () => Promise<unknown>> = {
      bare: () => call(bare),
      traced: () => call(traced),
      dropped: observe(() => call(traced), { client: tw, sampled: false }),
    };
    const names = Object.keys(variants) as (keyof typeof variants)[];
    for (const name of names) await timePerCallUs(variants[name], callsPerRound); // warm-up
    const samples: Record<keyof typeof variants, number[]> = { bare: [], traced: [], dropped: [] };
    for (let r = 0; r < rounds; r++) {
      for (let k = 0; k < names.length; k++) {
        const name = names[(r + k) % names.length] as keyof typeof variants;
        samples[name].push(await timePerCallUs(variants[name], callsPerRound));
      }
    }
    const diffs = samples.traced.map((t, i) => t - (samples.bare[i] ?? 0)).sort((a, b) => a - b);
    const droppedDiffs = samples.dropped.map((t, i) => t - (samples.bare[i] ?? 0));
    results.push({
      scenario,
      transport,
      callsPerRound,
      rounds,
      bareUs: median(samples.bare),
      tracedUs: median(samples.traced),
      droppedUs: median(samples.dropped),
      overheadUs: median(diffs),
      droppedOverheadUs: median(droppedDiffs),
      overheadIqrUs: [quantile(diffs, 0.25), quantile(diffs, 0.75)],
    });
  }
  return results;
}

function printTable(results: readonly OpenAIBenchScenario[], rounds: number, callsPerRound: number): void {
  const us = (n: number): string => `${n.toFixed(0)} µs`;
  console.log(`\nOpenAI wrapper overhead per call (${rounds} rounds × ${callsPerRound} calls per client; medians)`);
  console.table(
    Object.fromEntries(
      results.map((r) => [
        `${r.scenario} (${r.transport})`,
        {
          unwrapped: us(r.bareUs),
          traced: us(r.tracedUs),
          "traced − unwrapped": `${us(r.overheadUs)} (IQR ${r.overheadIqrUs.map((v) => v.toFixed(0)).join("…")})`,
          "dropped trace − unwrapped": us(r.droppedOverheadUs),
        },
      ]),
    ),
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runOpenAIBench();
}
