/**
 * One measured run of one system on one workload, in a process of its own:
 *
 *   node --import tsx bench/peers/child.ts <system> <workload> <sink base URL>
 *
 * Runs 10 % of the traces as an untimed warm-up first, then the traces, then `finish()`. Prints one
 * JSON line: the time to run the timed traces (`callsMs`), the time `finish()` took to deliver
 * (`finishMs`), the observations the system was asked to deliver, and the process's peak RSS
 * (`process.resourceUsage().maxRSS`, which includes Node itself).
 *
 * @module
 */
import type { PeerSystem, SinkAddress } from "./systems/system";
import type { RunResult, SystemName } from "./run-result";
import { payloadFor, TRACES, type WorkloadName } from "./workloads";

/** Untimed warm-up traces before the timed ones, as a share of them. */
const WARMUP_SHARE = 0.1;

/** Loads only the system under test, so peak RSS carries no other system's modules. */
async function create(system: SystemName, workload: WorkloadName, sink: SinkAddress): Promise<PeerSystem> {
  const dropped = workload === "dropped";
  switch (system) {
    case "bare":
      return (await import("./systems/bare")).bareSystem();
    case "tracewise":
      return (await import("./systems/tracewise")).tracewiseSystem(sink, dropped ? "dropped" : "kept");
    case "tracewise-p0.01":
      return (await import("./systems/tracewise")).tracewiseSystem(sink, "p0.01");
    case "tracewise-tail":
      return (await import("./systems/tracewise")).tracewiseSystem(sink, "tail");
    case "otel":
      return (await import("./systems/otel")).otelSystem(sink, dropped);
    case "langfuse-v5":
      return (await import("./systems/langfuse-v5")).langfuseV5System(sink, dropped);
    case "langfuse-v3":
      return (await import("./systems/langfuse-v3")).langfuseV3System(sink, dropped);
  }
}

async function main(): Promise<void> {
  const [system, workload, baseUrl] = process.argv.slice(2) as [SystemName, WorkloadName, string];
  const sys = await create(system, workload, { baseUrl });
  const payload = payloadFor(workload);
  const traces = TRACES[workload];
  const run = async (count: number): Promise<void> => {
    if (workload === "concurrent") await Promise.all(Array.from({ length: count }, () => sys.turn(payload)));
    else for (let i = 0; i < count; i++) await sys.turn(payload);
  };
  // Warm-up (JIT), not timed; its traces are delivered and counted like the rest.
  const warmup = Math.ceil(traces * WARMUP_SHARE);
  await run(warmup);
  const start = process.hrtime.bigint();
  await run(traces);
  const called = process.hrtime.bigint();
  await sys.finish();
  const finished = process.hrtime.bigint();
  const result: RunResult = {
    system,
    workload,
    traces,
    warmupTraces: warmup,
    callsMs: Number(called - start) / 1e6,
    finishMs: Number(finished - called) / 1e6,
    produced: sys.produced(traces + warmup),
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

await main();
// Peers may keep sockets or timers alive after shutdown; the parent reads the line above and moves on.
process.exit(0);
