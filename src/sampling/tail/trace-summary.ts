import { OBSERVATION_LEVELS, type ExportRecord, type ObservationLevel, type ObservationRecord } from "../../core/records";
import type { TailTraceInfo } from "./tail-sampling-options";

/** Fixed cost of one record in the byte estimate (ids, times, keys). */
const RECORD_OVERHEAD_BYTES = 300;

/** A held trace: its records and a running summary for the rule. */
export interface HeldTrace {
  readonly records: ExportRecord[];
  bytes: number;
  maxLevel: ObservationLevel;
  observationCount: number;
  totalTokens: number;
  totalCost: number;
  lastEnd: number;
  readonly startedAt: number;
  readonly observations: { name: string; type: ObservationRecord["type"]; level: ObservationLevel; durationMs: number }[];
}

/** A fresh summary for a trace whose root started at `startedAt`. */
export function newHeldTrace(startedAt: number): HeldTrace {
  return { records: [], bytes: 0, maxLevel: "DEBUG", observationCount: 0, totalTokens: 0, totalCost: 0, lastEnd: startedAt, startedAt, observations: [] };
}

/** Adds a record to the held trace, updating the summary; returns its estimated size in bytes. */
export function hold(held: HeldTrace, record: ExportRecord, maxObservationInfos: number): number {
  held.records.push(record);
  const bytes = estimateBytes(record);
  held.bytes += bytes;
  if (record.kind === "observation") {
    held.observationCount++;
    if (OBSERVATION_LEVELS.indexOf(record.level) > OBSERVATION_LEVELS.indexOf(held.maxLevel)) held.maxLevel = record.level;
    held.totalTokens += tokensOf(record);
    held.totalCost += costOf(record);
    held.lastEnd = Math.max(held.lastEnd, record.endTime);
    if (held.observations.length < maxObservationInfos) {
      held.observations.push({ name: record.name, type: record.type, level: record.level, durationMs: record.endTime - record.startTime });
    }
  }
  return bytes;
}

/** The rule's view of a held trace. */
export function infoOf(
  held: HeldTrace,
  traceId: string,
  name: string,
  metadata: Readonly<Record<string, unknown>> | undefined,
  headRate: number,
  rootEnded: boolean,
  now: number,
  last: ObservationRecord | undefined,
): TailTraceInfo {
  return {
    traceId,
    name,
    rootEnded,
    durationMs: (last === undefined && !rootEnded ? now : held.lastEnd) - held.startedAt,
    maxLevel: held.maxLevel,
    observationCount: held.observationCount,
    observations: held.observations,
    ...(metadata === undefined ? {} : { metadata }),
    totalTokens: held.totalTokens,
    totalCost: held.totalCost,
    ...(last === undefined ? {} : { last }),
    headRate,
  };
}

function tokensOf(record: ObservationRecord): number {
  const usage = record.usageDetails;
  if (usage === undefined) return 0;
  return usage.total ?? (usage.input ?? 0) + (usage.output ?? 0);
}

function costOf(record: ObservationRecord): number {
  const cost = record.costDetails;
  if (cost === undefined) return 0;
  if (cost.total !== undefined) return cost.total;
  let sum = 0;
  for (const value of Object.values(cost)) sum += value;
  return sum;
}

/** A cheap upper-bound-ish size: captured fields are JSON-safe, so their JSON length is their size. */
function estimateBytes(record: ExportRecord): number {
  let bytes = RECORD_OVERHEAD_BYTES;
  for (const value of [record.metadata, "input" in record ? record.input : undefined, "output" in record ? record.output : undefined]) {
    if (value === undefined) continue;
    bytes += typeof value === "string" ? value.length : (JSON.stringify(value)?.length ?? 0);
  }
  return bytes;
}
