/**
 * Times the viewer's list queries on a store of 100k traces (300k observations).
 *
 *   npx tsx bench/dev/list-100k.ts            # seeds bench/.out/dev-100k once, then times
 *   npx tsx bench/dev/list-100k.ts --reseed   # rebuilds the store first
 *
 * Seeding goes through the real path (OTLP/JSON request objects → mapping → store, 1,000 traces per
 * transaction). Timings are measured in-process (store query) and over HTTP (a real collector on the
 * same store, `fetch` round trip including JSON encoding); each is the median and p95 of 30 runs.
 */
import { existsSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { startCollector } from "../../src/dev/collector";
import { otlpToBatch } from "../../src/dev/otlp/otlp-to-batch";
import { parseListQuery } from "../../src/dev/store/trace-filter";
import { openTraceStore, type TraceStore } from "../../src/dev/store/trace-store";

const TRACES = 100_000;
const PER_BATCH = 1_000;
const RUNS = 30;
const DIR = resolve(import.meta.dirname, "../.out/dev-100k");
const NAMES = ["chat", "summarize", "classify", "agent-run", "rag-answer", "extract", "translate", "moderate"];
const TAGS = ["prod", "staging", "beta", "batch", "support", "eval", "mobile", "web", "api", "cron"];
const START = Date.UTC(2026, 0, 1);

const s = (key: string, value: string) => ({ key, value: { stringValue: value } });
const nanos = (ms: number) => (BigInt(ms) * 1_000_000n).toString();

function request(from: number, count: number): unknown {
  const spans: unknown[] = [];
  for (let i = from; i < from + count; i++) {
    const traceId = i.toString(16).padStart(32, "0");
    const root = (i * 4 + 1).toString(16).padStart(16, "0");
    const t0 = START + i * 25_000;
    const common = [s("user.id", `user-${i % 5000}`), s("session.id", `session-${i % 20000}`),
      { key: "langfuse.trace.tags", value: { arrayValue: { values: [{ stringValue: TAGS[i % 10]! }, { stringValue: TAGS[(i * 7 + 3) % 10]! }] } } }];
    spans.push(
      { traceId, spanId: root, name: NAMES[i % 8], startTimeUnixNano: nanos(t0), endTimeUnixNano: nanos(t0 + 1500 + (i % 900)),
        attributes: [...common, s("langfuse.observation.input", JSON.stringify({ question: `question ${i}${i === 77_777 ? " needle" : ""}` })),
          ...(i % 50 === 0 ? [s("langfuse.observation.level", "ERROR")] : [])], status: {}, ...(i % 2 === 0 && { traceState: "ot=th:8" }) },
      { traceId, spanId: (i * 4 + 2).toString(16).padStart(16, "0"), parentSpanId: root, name: "retrieve", startTimeUnixNano: nanos(t0 + 10), endTimeUnixNano: nanos(t0 + 400),
        attributes: [s("langfuse.observation.type", "retriever")] },
      { traceId, spanId: (i * 4 + 3).toString(16).padStart(16, "0"), parentSpanId: root, name: "llm", startTimeUnixNano: nanos(t0 + 420), endTimeUnixNano: nanos(t0 + 1400),
        attributes: [s("langfuse.observation.type", "generation"), s("langfuse.observation.model.name", "gpt-4o-mini"),
          s("langfuse.observation.usage_details", JSON.stringify({ input: 200 + (i % 300), output: 40 + (i % 60) })),
          s("langfuse.observation.cost_details", JSON.stringify({ total: 0.0001 + (i % 100) * 1e-6 })),
          s("langfuse.observation.input", JSON.stringify([{ role: "user", content: `question ${i}` }]))] },
    );
  }
  return { resourceSpans: [{ resource: { attributes: [s("service.name", "bench")] }, scopeSpans: [{ scope: { name: "bench" }, spans }] }] };
}

async function seed(store: TraceStore): Promise<void> {
  const started = performance.now();
  for (let from = 0; from < TRACES; from += PER_BATCH) {
    const mapped = otlpToBatch(request(from, PER_BATCH));
    if (!mapped.ok) throw new Error(mapped.reasons.join(", "));
    store.write(mapped.batch);
    if ((from / PER_BATCH) % 20 === 19) process.stdout.write(`  seeded ${from + PER_BATCH} traces\n`);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`seeded ${TRACES} traces (${TRACES * 3} observations) in ${seconds.toFixed(1)} s — ${Math.round(TRACES / seconds)} traces/s`);
}

function stats(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `median ${at(0.5).toFixed(2).padStart(6)} ms   p95 ${at(0.95).toFixed(2).padStart(6)} ms`;
}

async function time(fn: () => unknown): Promise<number[]> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return samples;
}

async function main(): Promise<void> {
  if (process.argv.includes("--reseed")) rmSync(DIR, { recursive: true, force: true });
  const fresh = !existsSync(join(DIR, "traces.db"));
  const store = await openTraceStore(DIR);
  if (fresh) await seed(store);
  console.log(`store: ${store.path} — ${store.count()} traces`);

  // A cursor 1,000 pages deep (row 50,000), to show keyset paging does not slow down with depth.
  let deep = store.list({}, 50);
  const deepCursor = (() => {
    const q = parseListQuery(new URLSearchParams({ limit: "500" }));
    if (!q.ok) throw new Error(q.error);
    let page = store.list({}, 500);
    for (let i = 1; i < 100 && page.nextCursor; i++) page = store.list({}, 500, parse(page.nextCursor).cursor);
    return page.nextCursor!;
  })();
  function parse(cursor: string) {
    const q = parseListQuery(new URLSearchParams({ cursor }));
    if (!q.ok) throw new Error(q.error);
    return q;
  }
  const day = 86_400_000;
  const cases: [string, string][] = [
    ["first page (50, newest)", ""],
    ["page 1,001 (row 50,000, keyset cursor)", `cursor=${deepCursor}`],
    ["filter name=rag-answer", "name=rag-answer"],
    ["filter user=user-42", "user=user-42"],
    ["filter session=session-42", "session=session-42"],
    ["filter tag=support", "tag=support"],
    ["filter level=ERROR", "level=ERROR"],
    ["filter time range (1 day)", `from=${START + 10 * day}&to=${START + 11 * day}`],
    ["filter tag + user + time range", `tag=prod&user=user-10&from=${START}&to=${START + 20 * day}`],
    ["text search q=needle (trigram)", "q=needle"],
    ["text search q=question 4242 (trigram)", "q=question%204242"],
  ];
  console.log(`\nstore queries (in process, ${RUNS} runs each)`);
  for (const [label, query] of cases) {
    const q = parseListQuery(new URLSearchParams(query));
    if (!q.ok) throw new Error(q.error);
    const samples = await time(() => (deep = store.list(q.filter, q.limit, q.cursor)));
    console.log(`  list ${label.padEnd(40)} ${stats(samples)}   (${deep.data.length} rows)`);
  }
  for (const [label, query] of [["totals, all traces", ""], ["totals, tag=support", "tag=support"], ["totals, 1 day", `from=${START + 10 * day}&to=${START + 11 * day}`]] as const) {
    const q = parseListQuery(new URLSearchParams(query));
    if (!q.ok) throw new Error(q.error);
    let kept = 0;
    const samples = await time(() => (kept = store.totals(q.filter).kept));
    console.log(`  ${label.padEnd(45)} ${stats(samples)}   (${kept} traces)`);
  }
  console.log(`  ${"facets (names, tags)".padEnd(45)} ${stats(await time(() => store.facets()))}`);
  console.log(`  ${"trace detail (3 observations)".padEnd(45)} ${stats(await time(() => store.trace((54_321).toString(16).padStart(32, "0"))))}`);
  store.close();

  const collector = await startCollector({ port: 0, dir: DIR });
  console.log(`\nover HTTP (${collector.url}, fetch round trip, ${RUNS} runs each)`);
  for (const path of ["/api/traces", "/api/traces?tag=support&user=user-10", "/api/traces?q=needle", "/api/traces/totals", "/api/traces/" + (54_321).toString(16).padStart(32, "0")]) {
    const samples = await time(async () => {
      const res = await fetch(collector.url + path);
      await res.arrayBuffer();
    });
    console.log(`  GET ${path.padEnd(41)} ${stats(samples)}`);
  }
  await collector.close();
}

void main();
