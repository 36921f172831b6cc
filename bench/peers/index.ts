/**
 * `npm run bench:peers`: Tracewise against bare functions, OpenTelemetry JS, Langfuse JS v5 and
 * Langfuse JS v3 on the workloads of `workloads.ts`. The sink runs in its own process; every run of
 * every system runs in a fresh process (`child.ts`); each figure is the median of the runs. Prints the
 * tables and writes `bench/RESULTS.md`.
 *
 * Environment: `PEERS_RUNS` (default 5), `PEERS_SYSTEMS` and `PEERS_WORKLOADS` (comma lists) to run a
 * subset (RESULTS.md is then not written).
 *
 * @module
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type RunResult, SYSTEMS, type SystemName } from "./run-result";
import { printKeptDecomposition, renderKeptDecomposition, runKeptDecomposition } from "../core/kept-decomposition";
import { runThroughputBench, type ThroughputResult } from "../export-throughput/throughput-bench";
import { median } from "../harness/measure";
import { renderResults, type Row } from "./report";
import type { SinkStats } from "./sink";
import { judgeTargets, renderTargets } from "./targets";
import { WORKLOADS, type WorkloadName } from "./workloads";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const RUNS = Number(process.env.PEERS_RUNS ?? 5);
const CHILD_TIMEOUT_MS = 180_000;
/** Time given to the sink to finish reading requests a child sent just before it exited. */
const SETTLE_MS = 300;

function runNode(args: readonly string[], timeoutMs: number): Promise<string> {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${args.join(" ")} exited with ${code ?? signal ?? "?"}`));
    });
  });
}

async function startSink(): Promise<{ baseUrl: string; stop: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/peers/sink.ts"], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  const [chunk] = (await once(child.stdout, "data")) as [Buffer];
  const { port } = JSON.parse(chunk.toString("utf8").split("\n")[0] ?? "{}") as { port: number };
  return { baseUrl: `http://127.0.0.1:${port}`, stop: () => child.kill("SIGTERM") };
}

async function sinkStats(baseUrl: string): Promise<SinkStats> {
  return (await (await fetch(`${baseUrl}/stats`)).json()) as SinkStats;
}

function systemsFor(workload: WorkloadName, selected: readonly SystemName[]): SystemName[] {
  // Workload (4) drops every trace: the sampled Tracewise variants have nothing more to show there.
  return selected.filter((s) => workload !== "dropped" || (s !== "tracewise-p0.01" && s !== "tracewise-tail"));
}

async function main(): Promise<void> {
  const started = Date.now();
  const selectedSystems = (process.env.PEERS_SYSTEMS?.split(",") ?? [...SYSTEMS]) as SystemName[];
  const selectedWorkloads = (process.env.PEERS_WORKLOADS?.split(",") ?? [...WORKLOADS]) as WorkloadName[];
  const sink = await startSink();
  const rows: Row[] = [];
  try {
    for (const workload of selectedWorkloads) {
      const systems = systemsFor(workload, selectedSystems);
      // Round by round, every system in a rotating order: a slow spell of a shared machine falls on
      // every system rather than on one system's runs.
      const runsOf = new Map<SystemName, { run: RunResult; sink: SinkStats }[]>(systems.map((system) => [system, []]));
      for (let r = 0; r < RUNS; r++) {
        for (let i = 0; i < systems.length; i++) {
          const system = systems[(i + r) % systems.length] as SystemName;
          await fetch(`${sink.baseUrl}/reset`, { method: "POST" });
          const out = await runNode(["bench/peers/child.ts", system, workload, sink.baseUrl], CHILD_TIMEOUT_MS);
          const line = out.split("\n").find((l) => l.startsWith("RESULT "));
          if (line === undefined) throw new Error(`${system}/${workload}: no result line`);
          await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
          runsOf.get(system)?.push({ run: JSON.parse(line.slice(7)) as RunResult, sink: await sinkStats(sink.baseUrl) });
        }
      }
      for (const system of systems) {
        const runs = runsOf.get(system) ?? [];
        const traces = runs[0]?.run.traces ?? 0;
        const row: Row = {
          workload,
          system,
          traces,
          runs: runs.length,
          callsUsPerTrace: median(runs.map((x) => (x.run.callsMs * 1000) / x.run.traces)),
          totalUsPerTrace: median(runs.map((x) => ((x.run.callsMs + x.run.finishMs) * 1000) / x.run.traces)),
          warmupTraces: runs[0]?.run.warmupTraces ?? 0,
          produced: median(runs.map((x) => x.run.produced)),
          delivered: median(runs.map((x) => x.sink.delivered)),
          duplicates: median(runs.map((x) => x.sink.duplicates)),
          maxRssMb: median(runs.map((x) => x.run.maxRssMb)),
          wireBytes: median(runs.map((x) => x.sink.wireBytes)),
        };
        rows.push(row);
        console.log(`${workload.padEnd(10)} ${system.padEnd(16)} ${row.callsUsPerTrace.toFixed(2).padStart(9)} µs/trace calls, ${row.totalUsPerTrace.toFixed(2).padStart(9)} µs/trace with delivery, ${row.delivered}/${row.produced} delivered, ${row.maxRssMb.toFixed(0)} MB, ${row.wireBytes} B`);
      }
    }
  } finally {
    sink.stop();
  }
  // The export target is measured by the throughput bench (its own sink process), in the same run.
  let throughput: ThroughputResult | undefined;
  // What the kept figure of workload (1) is made of: Node's AsyncLocalStorage, JIT warm-up, recording, held records.
  let decomposition = "";
  if (process.env.PEERS_SYSTEMS === undefined || process.env.PEERS_SYSTEMS.split(",").includes("tracewise")) {
    throughput = await runThroughputBench({ traces: 10_000, runs: 5 });
    const kept = runKeptDecomposition();
    printKeptDecomposition(kept);
    decomposition = `\n${renderKeptDecomposition(kept)}`;
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  const markdown = `${renderResults(rows, RUNS, seconds)}\n${renderTargets(judgeTargets(rows, throughput))}${decomposition}`;
  console.log(`\n${markdown}`);
  if (process.env.PEERS_SYSTEMS === undefined && process.env.PEERS_WORKLOADS === undefined) {
    writeFileSync(new URL("../RESULTS.md", import.meta.url), markdown);
    console.log("wrote bench/RESULTS.md");
  }
}

await main();
