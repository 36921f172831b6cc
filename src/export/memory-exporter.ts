import type { ExportRecord, ObservationRecord, ScoreRecord, TraceSnapshot } from "../core/records";
import type { Exporter } from "./exporter";

/** A trace as {@link InMemoryExporter} assembles it: trace fields, observations and scores. */
export interface FinishedTrace extends TraceSnapshot {
  /** Observations in the order they ended. */
  readonly observations: readonly ObservationRecord[];
  /** Scores in the order they were given. */
  readonly scores: readonly ScoreRecord[];
}

/**
 * Keeps every exported record in memory, for tests and notebooks. Records are exactly what remote
 * exporters receive (sampled, masked, JSON-safe).
 *
 * @example
 * ```ts
 * const mem = new InMemoryExporter();
 * const tw = new Tracewise({ exporter: mem });
 * await observe(async function answer() { return 42; })();
 * mem.getFinishedTraces()[0]?.observations[0]?.output; // 42
 * ```
 */
export class InMemoryExporter implements Exporter {
  readonly name = "memory";
  private records: ExportRecord[] = [];

  /** Stores the records. */
  export(records: readonly ExportRecord[]): void {
    for (const record of records) this.records.push(record);
  }

  /** Every observation exported so far, in the order they ended. */
  getFinishedObservations(): ObservationRecord[] {
    return this.records.filter((r): r is ObservationRecord => r.kind === "observation");
  }

  /** Every score exported so far. */
  getScores(): ScoreRecord[] {
    return this.records.filter((r): r is ScoreRecord => r.kind === "score");
  }

  /** Records grouped by trace, in order of first appearance; trace fields from the local root when it ended. */
  getFinishedTraces(): FinishedTrace[] {
    const traces = new Map<string, { snapshot?: TraceSnapshot; observations: ObservationRecord[]; scores: ScoreRecord[] }>();
    for (const record of this.records) {
      let entry = traces.get(record.traceId);
      if (entry === undefined) traces.set(record.traceId, (entry = { observations: [], scores: [] }));
      if (record.kind === "score") entry.scores.push(record);
      else {
        entry.observations.push(record);
        if (record.isLocalRoot || entry.snapshot === undefined) entry.snapshot = record.trace;
      }
    }
    return [...traces.entries()].map(([id, e]) => ({
      ...(e.snapshot ?? { id, sampleRate: 1 }),
      observations: e.observations,
      scores: e.scores,
    }));
  }

  /** Forgets every record. */
  reset(): void {
    this.records = [];
  }

  /** Nothing is pending: resolves at once. */
  flush(): Promise<void> {
    return Promise.resolve();
  }

  /** Nothing to release: resolves at once. */
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
