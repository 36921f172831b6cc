/**
 * Counts dropped records by reason and logs them in aggregate: one warning line per interval at most,
 * however many records are dropped, so a down backend cannot flood the host's log.
 *
 * @module
 */
import type { Counters } from "../../diag/counters";
import type { Logger } from "../../diag/logger";

/** At most one aggregate drop line per this many milliseconds. */
export const DROP_LOG_INTERVAL_MS = 10_000;

/** Why records were dropped; each is counted as `export.<exporter>.dropped.<reason>`. */
export type DropReason =
  | "queue_full"
  | "queue_bytes"
  | "encode_error"
  | "retry_deadline"
  | "retry_limit"
  | "rejected"
  | "too_large"
  | "failed"
  | "shutdown";

/** Counts drops at once and reports them to the log in aggregate. */
export class DropLog {
  private pending = new Map<DropReason, number>();
  private timer: NodeJS.Timeout | undefined;

  /**
   * @param name - the exporter name used in messages.
   * @param prefix - counter prefix, e.g. `export.otlp.`.
   */
  constructor(
    private readonly name: string,
    private readonly prefix: string,
    private readonly counters: Counters,
    private readonly logger: Logger,
  ) {}

  /** Counts `count` records dropped for `reason`; `quiet` drops (after shutdown) are counted but not logged. */
  add(reason: DropReason, count: number, quiet = false): void {
    if (count <= 0) return;
    this.counters.add(`${this.prefix}dropped.${reason}`, count);
    if (quiet) return;
    this.pending.set(reason, (this.pending.get(reason) ?? 0) + count);
    if (this.timer !== undefined) return;
    // The first drop of an interval is reported at once; later ones are summed into the next line.
    this.report();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.report();
    }, DROP_LOG_INTERVAL_MS);
    this.timer.unref();
  }

  /** Writes the pending aggregate now (used at shutdown). */
  report(): void {
    if (this.pending.size === 0) return;
    let total = 0;
    const parts: string[] = [];
    for (const [reason, count] of this.pending) {
      total += count;
      parts.push(`${reason}: ${count}`);
    }
    this.pending = new Map();
    this.logger.warn(`${this.name} exporter dropped ${total} record(s) (${parts.join(", ")}); see stats() for totals`);
  }

  /** Cancels the pending timer after writing what is left. */
  close(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.report();
  }
}
