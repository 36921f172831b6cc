/**
 * CPU profile of the delivery phase of issue 9's workload (1): runs the 22k traces of `bench/peers`'
 * Tracewise (kept) system untimed, then profiles only `shutdown()` (encode, gzip, send every held
 * record) with the inspector, and writes the `.cpuprofile`:
 *
 *   node --import tsx bench/peers/sink.ts            # prints {"port": …}
 *   npx tsx bench/profiles/flush-profile.ts http://127.0.0.1:<port> /tmp/flush.cpuprofile
 *   npx tsx bench/profiles/summarize.ts /tmp/flush.cpuprofile 40
 *
 * Also prints the phase's wall time, CPU time and main-thread utilization.
 *
 * @module
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { performance } from "node:perf_hooks";
import { tracewiseSystem } from "../peers/systems/tracewise";
import { payloadFor, TRACES } from "../peers/workloads";

const [baseUrl, out] = process.argv.slice(2);
if (baseUrl === undefined || out === undefined) {
  console.error("usage: flush-profile.ts <sink base URL> <output .cpuprofile>");
  process.exit(2);
}
const system = tracewiseSystem({ baseUrl }, "kept");
const payload = payloadFor("sequential");
const traces = Math.ceil(TRACES.sequential * 1.1);
for (let i = 0; i < traces; i++) await system.turn(payload);

const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 100 });
await session.post("Profiler.start");
const cpu0 = process.cpuUsage();
const elu0 = performance.eventLoopUtilization();
const t0 = performance.now();
await system.finish();
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const elu = performance.eventLoopUtilization(elu0);
const { profile } = await session.post("Profiler.stop");
writeFileSync(out, JSON.stringify(profile));
const observations = system.produced(traces);
console.log(
  `delivery of ${observations} observations: wall ${wallMs.toFixed(0)} ms (${((wallMs * 1000) / observations).toFixed(2)} µs each), ` +
    `CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms, main thread busy ${(elu.utilization * 100).toFixed(0)} % (profiler on)`,
);
process.exit(0);
