/**
 * Anthropic wrapper overhead: time per call of a traced client against the same unwrapped client,
 * for `messages.create`, `messages.create({ stream: true })` and the `messages.stream` helper, on a
 * kept trace and under a dropped trace, against the loopback Messages API server of the tests.
 *
 *   npx tsx bench/integrations/anthropic-overhead-bench.ts
 *
 * The three variants take turns in every round (rotating who goes first), so drift of the machine
 * hits all alike; the figures are medians of the rounds' means, and the ratio is the median of the
 * per-round traced / unwrapped ratios. Records go to an exporter that drops them: the figures are the
 * wrapper's and the core's capture cost, not export I/O (off the hot path in the batch worker).
 */
import Anthropic from "@anthropic-ai/sdk";
import { observe, Tracewise } from "tracewise";
import { observeAnthropic } from "tracewise/anthropic";
import { startAnthropicServer } from "../../test/helpers/anthropic-server";
import { DiscardExporter } from "../core/discard-exporter";

const CALLS_PER_ROUND = 40;
const ROUNDS = 15;

const HELLO = { model: "claude-sonnet-5-5", max_tokens: 256, system: "You are terse.", messages: [{ role: "user" as const, content: "Say hello" }] };
type Call = (client: Anthropic) => Promise<unknown>;
const SCENARIOS: readonly (readonly [string, Call])[] = [
  ["messages.create", (c) => c.messages.create(HELLO)],
  [
    "messages.create stream: true",
    async (c) => {
      for await (const _ of await c.messages.create({ ...HELLO, stream: true }));
    },
  ],
  ["messages.stream helper", (c) => c.messages.stream(HELLO).finalMessage()],
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

const server = await startAnthropicServer();
const tw = new Tracewise({ exporter: new DiscardExporter(), global: false, logLevel: "error" });
const bare = new Anthropic({ apiKey: "sk-ant-bench", baseURL: server.baseURL, maxRetries: 0 });
const traced = observeAnthropic(bare, { client: tw });
const rows: Record<string, Record<string, string>> = {};
try {
  for (const [scenario, call] of SCENARIOS) {
    const variants = { bare: () => call(bare), traced: () => call(traced), dropped: observe(() => call(traced), { client: tw, sampled: false }) };
    const names = Object.keys(variants) as (keyof typeof variants)[];
    for (const name of names) await timePerCallUs(variants[name], CALLS_PER_ROUND); // warm-up
    const samples: Record<keyof typeof variants, number[]> = { bare: [], traced: [], dropped: [] };
    for (let r = 0; r < ROUNDS; r++) {
      for (let k = 0; k < names.length; k++) {
        const name = names[(r + k) % names.length] as keyof typeof variants;
        samples[name].push(await timePerCallUs(variants[name], CALLS_PER_ROUND));
      }
      server.requests.length = 0;
    }
    const ratios = samples.traced.map((t, i) => t / (samples.bare[i] ?? t));
    const droppedRatios = samples.dropped.map((t, i) => t / (samples.bare[i] ?? t));
    const diffs = samples.traced.map((t, i) => t - (samples.bare[i] ?? 0)).sort((a, b) => a - b);
    rows[scenario] = {
      unwrapped: `${median(samples.bare).toFixed(0)} µs`,
      traced: `${median(samples.traced).toFixed(0)} µs`,
      "traced / unwrapped": `${median(ratios).toFixed(3)} (IQR ${quantile([...ratios].sort((a, b) => a - b), 0.25).toFixed(3)}…${quantile([...ratios].sort((a, b) => a - b), 0.75).toFixed(3)})`,
      "traced − unwrapped": `${median(diffs).toFixed(0)} µs`,
      "dropped / unwrapped": median(droppedRatios).toFixed(3),
    };
  }
} finally {
  await tw.shutdown();
  await server.close();
}
console.log(`\nAnthropic wrapper overhead per call, loopback server (${ROUNDS} rounds × ${CALLS_PER_ROUND} calls per variant, interleaved; medians)`);
console.table(rows);
