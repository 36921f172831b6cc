import { styleText } from "node:util";
import type { ExportRecord, ObservationRecord, ScoreRecord } from "../../core/records";
import type { Counters } from "../../diag/counters";
import type { Exporter, ExporterContext } from "../exporter";
import { formatTraceTree, plainStyle, type Style } from "./format-tree";

/** Options of {@link ConsoleExporter}. */
export interface ConsoleExporterOptions {
  /** Where trees are written. @default process.stdout */
  write?: (text: string) => void;
  /** Colour the output. @default true when writing to a TTY and NO_COLOR is unset */
  colors?: boolean;
  /** Traces waiting for their root to end before the oldest is printed as it is. @default 1000 */
  maxPendingTraces?: number;
}

const COLORS: Record<Parameters<Style>[0], Parameters<typeof styleText>[0]> = {
  dim: "dim",
  bold: "bold",
  error: "red",
  warn: "yellow",
  type: "cyan",
  model: "magenta",
};

/**
 * Prints each finished trace as a readable tree when its local root ends: the zero-configuration
 * default. Observations wait in a bounded buffer until their root ends.
 */
export class ConsoleExporter implements Exporter {
  readonly name = "console";
  private readonly pending = new Map<string, { observations: ObservationRecord[]; scores: ScoreRecord[] }>();
  private readonly write: (text: string) => void;
  private readonly style: Style;
  private readonly maxPending: number;
  private counters: Counters | undefined;

  /** @param options - output and buffering. */
  constructor(options: ConsoleExporterOptions = {}) {
    this.write = options.write ?? ((text) => process.stdout.write(text));
    const colors = options.colors ?? (process.stdout.isTTY === true && process.env.NO_COLOR === undefined);
    this.style = colors ? (kind, text) => styleText(COLORS[kind], text) : plainStyle;
    this.maxPending = options.maxPendingTraces ?? 1000;
  }

  /** Keeps the client's counters. */
  init(context: ExporterContext): void {
    this.counters = context.counters;
  }

  /** Buffers records and prints a trace when its local root arrives. */
  export(records: readonly ExportRecord[]): void {
    for (const record of records) {
      const entry = this.entry(record.traceId);
      if (record.kind === "score") entry.scores.push(record);
      else {
        entry.observations.push(record);
        if (record.isLocalRoot) this.print(record.traceId);
      }
    }
  }

  /** Prints whatever is still waiting (traces whose root has not ended yet). */
  flush(): Promise<void> {
    for (const traceId of [...this.pending.keys()]) this.print(traceId);
    return Promise.resolve();
  }

  /** Same as {@link ConsoleExporter.flush}. */
  shutdown(): Promise<void> {
    return this.flush();
  }

  private entry(traceId: string): { observations: ObservationRecord[]; scores: ScoreRecord[] } {
    let entry = this.pending.get(traceId);
    if (entry === undefined) {
      if (this.pending.size >= this.maxPending) {
        const oldest = this.pending.keys().next().value;
        if (oldest !== undefined) this.print(oldest);
        this.counters?.add("export.console.printed_early");
      }
      entry = { observations: [], scores: [] };
      this.pending.set(traceId, entry);
    }
    return entry;
  }

  private print(traceId: string): void {
    const entry = this.pending.get(traceId);
    this.pending.delete(traceId);
    if (entry === undefined || entry.observations.length === 0) return;
    this.write(formatTraceTree(entry.observations, entry.scores, this.style) + "\n");
    this.counters?.add("export.console.records.exported", entry.observations.length + entry.scores.length);
  }
}
