import type { ExportRecord, ObservationRecord, ScoreRecord } from "../core/records";
import type { TraceState } from "../core/trace-state";
import type { Counters } from "../diag/counters";
import type { ErrorSink } from "../diag/error-sink";
import type { Exporter } from "../export/exporter";
import type { RecordMasker } from "./mask-records";
import type { Pipeline } from "./pipeline";

/** A stage that may hold a trace's records back until its fate is known (tail sampling). */
export interface HoldingStage {
  onTraceStart(trace: TraceState): readonly ExportRecord[];
  /** Returns the records to pass on now (possibly none, possibly earlier held ones). */
  onObservationEnd(record: ObservationRecord, trace: TraceState): readonly ExportRecord[];
  onTraceEnd(trace: TraceState): readonly ExportRecord[];
  onScore(record: ScoreRecord, trace: TraceState | undefined): readonly ExportRecord[];
  /** Decides everything still held and returns what is kept. */
  drain(): readonly ExportRecord[];
}

/** Collaborators of the export pipeline. */
export interface ExportPipelineDeps {
  readonly exporters: readonly Exporter[];
  readonly masker?: RecordMasker;
  readonly holding?: HoldingStage;
  readonly counters: Counters;
  readonly errors: ErrorSink;
}

/** The default pipeline: (tail sampling) → masking → every exporter. */
export class ExportPipeline implements Pipeline {
  private closed = false;

  /** @param deps - stages and exporters. */
  constructor(private readonly deps: ExportPipelineDeps) {}

  /** After this, records are dropped quietly and counted (`observations.dropped`, `scores.dropped`). */
  close(): void {
    this.closed = true;
  }

  onTraceStart(trace: TraceState): void {
    const holding = this.deps.holding;
    if (holding !== undefined) this.guard("tail sampling", () => this.deliver(holding.onTraceStart(trace)));
  }

  /** Decides and delivers whatever the holding stage still holds (at shutdown). */
  drain(): void {
    const holding = this.deps.holding;
    if (holding !== undefined) this.guard("tail sampling", () => this.deliver(holding.drain()));
  }

  onObservationEnd(record: ObservationRecord, trace: TraceState): void {
    const holding = this.deps.holding;
    if (holding === undefined) this.deliver([record]);
    else this.guard("tail sampling", () => this.deliver(holding.onObservationEnd(record, trace)));
  }

  onTraceEnd(trace: TraceState): void {
    const holding = this.deps.holding;
    if (holding !== undefined) this.guard("tail sampling", () => this.deliver(holding.onTraceEnd(trace)));
  }

  onScore(record: ScoreRecord, trace: TraceState | undefined): void {
    const holding = this.deps.holding;
    if (holding === undefined) this.deliver([record]);
    else this.guard("tail sampling", () => this.deliver(holding.onScore(record, trace)));
  }

  private deliver(records: readonly ExportRecord[]): void {
    if (records.length === 0) return;
    if (this.closed) {
      for (const r of records) this.deps.counters.add(r.kind === "score" ? "scores.dropped" : "observations.dropped");
      return;
    }
    let out: readonly ExportRecord[] = records;
    const masker = this.deps.masker;
    if (masker !== undefined) out = masker.maskAll(records);
    for (const exporter of this.deps.exporters) this.guard(`exporter ${exporter.name}`, () => exporter.export(out));
  }

  private guard(where: string, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.deps.errors.report(where, error);
    }
  }
}
