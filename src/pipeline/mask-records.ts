import type { ExportRecord, ObservationRecord, TraceSnapshot } from "../core/records";
import type { ErrorSink } from "../diag/error-sink";
import { applyMask, MASK_FAILED_MARKER, type MaskFunction } from "../serialize/mask";
import type { SnapshotLimits } from "../serialize/snapshot-limits";

/**
 * Applies the user's mask to the input, output and metadata of records and of their trace snapshots.
 * A snapshot shared by many records is masked once.
 */
export class RecordMasker {
  private readonly maskedTraces = new WeakMap<TraceSnapshot, TraceSnapshot>();

  /**
   * @param mask - the user's mask function.
   * @param limits - bounds for re-snapshotting what the mask returns.
   * @param errors - where mask failures are reported.
   */
  constructor(
    private readonly mask: MaskFunction,
    private readonly limits: SnapshotLimits,
    private readonly errors: ErrorSink,
  ) {}

  /** Returns masked copies of `records`. */
  maskAll(records: readonly ExportRecord[]): ExportRecord[] {
    return records.map((r) => (r.kind === "observation" ? this.maskObservation(r) : this.maskFields(r)));
  }

  private maskObservation(record: ObservationRecord): ObservationRecord {
    return { ...this.maskFields(record), trace: this.maskTrace(record.trace) };
  }

  private maskTrace(trace: TraceSnapshot): TraceSnapshot {
    let masked = this.maskedTraces.get(trace);
    if (masked === undefined) {
      masked = this.maskFields(trace);
      this.maskedTraces.set(trace, masked);
    }
    return masked;
  }

  private maskFields<T extends { readonly input?: unknown; readonly output?: unknown; readonly metadata?: Record<string, unknown> }>(record: T): T {
    const out: Record<string, unknown> = { ...record };
    if ("input" in record) out.input = applyMask(this.mask, record.input, "input", this.limits, this.errors);
    if ("output" in record) out.output = applyMask(this.mask, record.output, "output", this.limits, this.errors);
    if (record.metadata !== undefined) {
      const masked = applyMask(this.mask, record.metadata, "metadata", this.limits, this.errors);
      out.metadata = isPlainObject(masked) ? masked : { masked: masked ?? MASK_FAILED_MARKER };
    }
    return out as T;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
