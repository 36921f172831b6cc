/** The systems of the peers benchmark and what one run of one reports. */
import type { WorkloadName } from "./workloads";

/** System names, in table order. */
export const SYSTEMS = ["bare", "tracewise", "tracewise-p0.01", "tracewise-tail", "otel", "langfuse-v5", "langfuse-v3"] as const;
export type SystemName = (typeof SYSTEMS)[number];

/** The result line of one run. */
export interface RunResult {
  readonly system: SystemName;
  readonly workload: WorkloadName;
  readonly traces: number;
  /** Untimed warm-up traces run before (delivered and counted in `produced` too). */
  readonly warmupTraces: number;
  readonly callsMs: number;
  readonly finishMs: number;
  readonly produced: number;
  readonly maxRssMb: number;
}

