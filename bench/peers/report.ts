/**
 * The peers table as Markdown: one table per workload, each figure with its ratio to Tracewise (the
 * kept variant; for the dropped workload, Tracewise dropping), plus the machine and the versions.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import type { SystemName } from "./run-result";
import { TRACES, WORKLOAD_TITLES, WORKLOADS, type WorkloadName } from "./workloads";

/** The medians of one system on one workload. */
export interface Row {
  readonly workload: WorkloadName;
  readonly system: SystemName;
  readonly traces: number;
  readonly warmupTraces: number;
  readonly runs: number;
  /** Time to run the traces, per trace (export work that waits for the event loop is not in it). */
  readonly callsUsPerTrace: number;
  /** Time to run the traces plus `finish()` until everything was delivered, per trace. */
  readonly totalUsPerTrace: number;
  readonly produced: number;
  readonly delivered: number;
  readonly duplicates: number;
  readonly maxRssMb: number;
  readonly wireBytes: number;
}

const LABELS: Readonly<Record<SystemName, string>> = {
  bare: "bare functions",
  tracewise: "Tracewise (kept)",
  "tracewise-p0.01": "Tracewise (head p = 0.01)",
  "tracewise-tail": "Tracewise (tail sampling on, keeps all at root end)",
  otel: "OpenTelemetry JS",
  "langfuse-v5": "Langfuse JS v5",
  "langfuse-v3": "Langfuse JS v3",
};

function ratio(value: number, base: number | undefined): string {
  if (base === undefined || !(base > 0) || !Number.isFinite(value)) return "";
  const r = value / base;
  return ` (×${r >= 10 ? r.toFixed(0) : r.toFixed(2)})`;
}

function deliveredText(row: Row): string {
  if (row.system === "bare") return "–";
  const pct = row.produced > 0 ? ` = ${((100 * row.delivered) / row.produced).toFixed(1)} %` : "";
  return `${row.delivered} / ${row.produced}${pct}${row.duplicates > 0 ? ` (+${row.duplicates} resent)` : ""}`;
}

function versions(): string {
  const version = (path: string): string => (JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8")) as { version: string }).version;
  const names = ["@opentelemetry/api", "@opentelemetry/sdk-trace-node", "@opentelemetry/sdk-trace-base", "@opentelemetry/exporter-trace-otlp-http", "@langfuse/tracing", "@langfuse/otel", "langfuse", "tsx"];
  return [`tracewise ${version("../../package.json")} (this tree)`, ...names.map((n) => `${n} ${version(`../../node_modules/${n}/package.json`)}`)].join(", ");
}

/** Renders the results page. */
export function renderResults(rows: readonly Row[], runs: number, seconds: number): string {
  const cpu = cpus();
  const lines = [
    "# Peers benchmark (`npm run bench:peers`)",
    "",
    `Machine: ${cpu.length} × ${cpu[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${process.platform}/${process.arch}.`,
    `Versions: ${versions()}.`,
    `Median of ${runs} runs per cell, each in a fresh process (\`node --import tsx\`), the systems of a workload taking turns run by run in a rotating order; the sink is another process on 127.0.0.1. Whole run: ${seconds} s. Generated ${new Date().toISOString()}.`,
    "",
    "Each run first runs 10 % more traces untimed (JIT warm-up); they are delivered and counted in delivered / produced too.",
    "Columns: **calls** = wall time of running the traces ÷ traces (the application's own loop; export work that waits for the event loop is not in it);",
    "**with delivery** = calls + the system's flush/shutdown until it reports done ÷ traces (delivery of the warm-up traces included, so this slightly overstates);",
    "**delivered / produced** = distinct spans (or Langfuse create events) the sink received ÷ observations the system was asked to deliver after its own sampling;",
    "**peak RSS** = `process.resourceUsage().maxRSS` of the child (Node + tsx alone is the bare row);",
    "**wire** = request bytes as sent, each with its defaults: gzip-compressed OTLP protobuf for Tracewise, plain OTLP JSON for OpenTelemetry JS and Langfuse v5, plain JSON ingestion batches for Langfuse v3. (×n) = ratio to the Tracewise row of the same table.",
    "",
  ];
  for (const workload of WORKLOADS) {
    const table = rows.filter((r) => r.workload === workload);
    if (table.length === 0) continue;
    const base = table.find((r) => r.system === "tracewise");
    lines.push(`## ${WORKLOAD_TITLES[workload]} — ${TRACES[workload]} traces`, "");
    lines.push("| system | µs / trace (calls) | µs / trace (with delivery) | delivered / produced | peak RSS (MB) | wire bytes |");
    lines.push("|---|---:|---:|---:|---:|---:|");
    for (const r of table) {
      const label = r.workload === "dropped" && r.system === "tracewise" ? "Tracewise (sampleRate 0)" : LABELS[r.system];
      lines.push(
        `| ${label} | ${r.callsUsPerTrace.toFixed(2)}${ratio(r.callsUsPerTrace, base?.callsUsPerTrace)} | ${r.totalUsPerTrace.toFixed(2)}${ratio(r.totalUsPerTrace, base?.totalUsPerTrace)} | ${deliveredText(r)} | ${r.maxRssMb.toFixed(0)}${ratio(r.maxRssMb, base?.maxRssMb)} | ${r.wireBytes}${r.system === "bare" ? "" : ratio(r.wireBytes, base?.wireBytes)} |`,
      );
    }
    lines.push("");
  }
  return lines.join("\n");
}
