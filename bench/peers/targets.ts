/**
 * The performance targets of issue 9 against the measured figures: one Markdown table, each target
 * with the figure it is judged on and whether it is met. Nothing here is measured: it reads the
 * peers rows and the export-throughput result of the same run.
 *
 * @module
 */
import type { ThroughputResult } from "../export-throughput/throughput-bench";
import type { Row } from "./report";

interface Target {
  readonly what: string;
  readonly goal: string;
  readonly measured: string;
  readonly met: boolean | undefined;
}

function find(rows: readonly Row[], workload: Row["workload"], system: Row["system"]): Row | undefined {
  return rows.find((r) => r.workload === workload && r.system === system);
}

/** The targets, judged on `rows` and `throughput` (either may lack a figure when a subset ran). */
export function judgeTargets(rows: readonly Row[], throughput: ThroughputResult | undefined): Target[] {
  const kept = find(rows, "sequential", "tracewise");
  const otel = find(rows, "sequential", "otel");
  const dropped = find(rows, "dropped", "tracewise");
  const delivered = kept === undefined ? undefined : kept.delivered / Math.max(1, kept.produced);
  return [
    { what: "kept, workload (1): µs per trace (calls)", goal: "≤ 5", measured: kept?.callsUsPerTrace.toFixed(2) ?? "–", met: kept === undefined ? undefined : kept.callsUsPerTrace <= 5 },
    { what: "kept, workload (1): delivered", goal: "100 %", measured: delivered === undefined ? "–" : `${(100 * delivered).toFixed(1)} %`, met: delivered === undefined ? undefined : delivered === 1 },
    { what: "kept, workload (1): peak RSS (MB)", goal: "≤ 120", measured: kept?.maxRssMb.toFixed(0) ?? "–", met: kept === undefined ? undefined : kept.maxRssMb <= 120 },
    {
      what: "kept, workload (1): OpenTelemetry JS µs ÷ Tracewise µs (calls)",
      goal: "≥ 3",
      measured: kept === undefined || otel === undefined ? "–" : (otel.callsUsPerTrace / kept.callsUsPerTrace).toFixed(2),
      met: kept === undefined || otel === undefined ? undefined : otel.callsUsPerTrace / kept.callsUsPerTrace >= 3,
    },
    { what: "dropped, workload (4): µs per trace (calls)", goal: "≤ 1", measured: dropped?.callsUsPerTrace.toFixed(2) ?? "–", met: dropped === undefined ? undefined : dropped.callsUsPerTrace <= 1 },
    {
      what: "export: observations per second encoded and sent",
      goal: "≥ 200,000",
      measured: throughput === undefined ? "–" : `${throughput.observationsPerSec.toLocaleString("en-US")} (${throughput.cpuUsPerObservation.toFixed(2)} µs CPU each)`,
      met: throughput === undefined ? undefined : throughput.observationsPerSec >= 200_000,
    },
  ];
}

/** The targets as a Markdown section. */
export function renderTargets(targets: readonly Target[]): string {
  const lines = ["## Targets (issue 9) on this run", "", "| target | goal | measured | met |", "|---|---:|---:|:---:|"];
  for (const t of targets) lines.push(`| ${t.what} | ${t.goal} | ${t.measured} | ${t.met === undefined ? "not run" : t.met ? "yes" : "**no**"} |`);
  lines.push("");
  return lines.join("\n");
}
