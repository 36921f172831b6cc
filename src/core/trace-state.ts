import type { TraceFields, TraceSnapshot } from "./records";
import type { Tracer } from "./tracer";

/** Why a trace was kept or dropped; `stats()` counts traces by these. */
export type SamplingReason = "head" | "sampler" | "parent" | "forced" | "tail" | "disabled" | "shutdown";

/**
 * The mutable per-trace state shared by a trace's observations in this process. Trace-level fields
 * live in an immutable {@link TraceSnapshot} replaced on every update, so records that already ended
 * keep the snapshot that was current when they ended.
 */
export class TraceState {
  /** Current trace-level fields and identity. */
  snapshot: TraceSnapshot;
  /** Observations started and not yet ended. */
  open = 0;
  /** True once the local root ended. */
  localRootEnded = false;

  /**
   * @param tracer - the tracer that owns this trace.
   * @param sampled - the head decision; tail sampling may still discard a kept trace.
   * @param reason - why the head decision went this way.
   * @param snapshot - identity and initial trace-level fields.
   */
  constructor(
    readonly tracer: Tracer,
    readonly sampled: boolean,
    readonly reason: SamplingReason,
    snapshot: TraceSnapshot,
  ) {
    this.snapshot = snapshot;
  }

  /** The trace id. */
  get id(): string {
    return this.snapshot.id;
  }

  /** Replaces the trace-level fields given (already captured); `metadata` merges key by key. */
  update(fields: TraceFields): void {
    const next: Record<string, unknown> = { ...this.snapshot };
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      next[key] =
        key === "metadata" ? { ...this.snapshot.metadata, ...(value as Record<string, unknown>) } : value;
    }
    this.snapshot = next as unknown as TraceSnapshot;
  }
}
