/**
 * Admission by whole trace: when the queue nears its bound, a trace is kept or refused as a unit, so
 * a backend never receives a trace without its root, nor observations whose trace was cut.
 *
 * A trace that has records queued (it is "open") may use the whole bound; a new trace is admitted
 * only below {@link NEW_TRACE_SHARE} of it, which leaves the open traces room to finish (a root ends
 * last, after its children). A trace that is refused stays refused: its later records, scores
 * included, are dropped too, and the engine takes its queued records back out.
 *
 * @module
 */

/** New traces are admitted while the queue holds less than this share of its bounds. */
export const NEW_TRACE_SHARE = 0.9;

/** Traces remembered as open or refused, each at most; the oldest is forgotten first. */
export const MAX_TRACKED_TRACES = 10_000;

/** The decision for one record. */
export type Admission = "admit" | "refuse-trace" | "refused-before";

/** Remembers which traces are open and which were refused. */
export class TraceAdmission {
  private readonly open = new Set<string>();
  private readonly refused = new Set<string>();

  /**
   * Decides for a record of `traceId` given how full the queue is (`fill`, the larger of records and
   * bytes held over their bounds, after adding this record). `isRoot` closes an admitted trace.
   */
  decide(traceId: string, isRoot: boolean, fill: number): Admission {
    if (this.refused.has(traceId)) return "refused-before";
    const open = this.open.has(traceId);
    if (fill > 1 || (!open && fill > NEW_TRACE_SHARE)) {
      this.open.delete(traceId);
      remember(this.refused, traceId);
      return "refuse-trace";
    }
    if (isRoot) this.open.delete(traceId);
    else if (!open) remember(this.open, traceId);
    return "admit";
  }

  /** True when the trace was refused. */
  isRefused(traceId: string): boolean {
    return this.refused.has(traceId);
  }

  /** Refuses a trace that was admitted (its records did not fit once encoded). */
  refuse(traceId: string): void {
    this.open.delete(traceId);
    remember(this.refused, traceId);
  }
}

function remember(set: Set<string>, id: string): void {
  set.add(id);
  if (set.size > MAX_TRACKED_TRACES) {
    const oldest = set.values().next().value;
    if (oldest !== undefined) set.delete(oldest);
  }
}
