import type { TraceFields, TraceSnapshot } from "./records";
import type { Tracer } from "./tracer";

/** Every {@link SamplingReason}. */
export const SAMPLING_REASONS = ["head", "sampler", "parent", "forced", "tail", "disabled", "shutdown"] as const;

/** Why a trace was kept or dropped; `stats()` counts traces by these. */
export type SamplingReason = (typeof SAMPLING_REASONS)[number];

/**
 * The mutable per-trace state shared by a trace's observations in this process. Trace-level fields
 * live in an immutable {@link TraceSnapshot} replaced on every update, so records that already ended
 * keep the snapshot that was current when they ended.
 */
export class TraceState {
  private current: TraceSnapshot;
  /** True once a record may hold {@link TraceState.snapshot}: from then on updates copy it. */
  private shared = false;

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
    this.current = snapshot;
  }

  /** Current trace-level fields and identity. Read it for a moment; to keep it, use {@link TraceState.shareSnapshot}. */
  get snapshot(): TraceSnapshot {
    return this.current;
  }

  /** Replaces the snapshot (assumed shared: later updates copy it). */
  set snapshot(next: TraceSnapshot) {
    this.current = next;
    this.shared = true;
  }

  /** The current snapshot, for a record to keep: later updates will not change it. */
  shareSnapshot(): TraceSnapshot {
    this.shared = true;
    return this.current;
  }

  /** The trace id. */
  get id(): string {
    return this.current.id;
  }

  /**
   * Replaces the trace-level fields given (already captured); `metadata` merges key by key. Copies
   * the snapshot only when a record already holds it (copy on write): a trace's fields are usually
   * set before any of its observations ends.
   */
  update(fields: TraceFields): void {
    const next = this.writable();
    for (const key in fields) {
      const value = (fields as Record<string, unknown>)[key];
      if (value === undefined) continue;
      next[key] = key === "metadata" ? { ...(next.metadata as Record<string, unknown> | undefined), ...(value as Record<string, unknown>) } : value;
    }
  }

  /**
   * Sets the trace's input or output (already captured): {@link TraceState.update} for one key,
   * without an options object to walk. Copies nothing when the value is already the current one.
   */
  setIo(key: "input" | "output", value: unknown): void {
    const current = this.current;
    // Named reads and writes rather than `current[key]`: snapshots have many shapes, and an access by
    // a variable key on them is a generic lookup.
    if (value === undefined || (key === "input" ? current.input : current.output) === value) return;
    const next = this.writable();
    if (key === "input") next.input = value;
    else next.output = value;
  }

  /**
   * The snapshot to write to: the current one, or a copy of it when a record holds it (copy on write).
   * Object.assign, not a spread: V8 gives a spread copy a map outside the transition tree, so the key
   * added next made a new hidden class per trace (20k traces left ~6 MB of maps behind).
   */
  private writable(): Record<string, unknown> {
    if (this.shared) {
      this.current = Object.assign({}, this.current);
      this.shared = false;
    }
    return this.current as unknown as Record<string, unknown>;
  }
}
