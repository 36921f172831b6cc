/**
 * A snapshot of Tracewise's counters, keyed by dotted names. Known keys (others may appear):
 *
 * - `traces.started`, `traces.kept`, `traces.dropped`, `traces.dropped.<reason>` where reason is
 *   `head`, `sampler`, `parent`, `tail`, `forced`, `disabled` or `shutdown`
 * - `observations.started`, `observations.ended`, `observations.dropped`
 * - `scores.created`, `scores.dropped`
 * - `export.<exporter>.records.exported`, `export.<exporter>.dropped.<reason>`, `export.<exporter>.retries`
 * - `tail.buffered`, `tail.overflow.<bound>`
 * - `errors.internal`: failures inside Tracewise that were contained
 */
export type StatsSnapshot = Readonly<Record<string, number>>;

/** Monotonic named counters behind `Tracewise.stats()`. Cheap to bump on the hot path. */
export class Counters {
  private readonly values = new Map<string, number>();

  /** Adds `by` (default 1) to counter `name`. */
  add(name: string, by = 1): void {
    this.values.set(name, (this.values.get(name) ?? 0) + by);
  }

  /** The current value of `name` (0 when never bumped). */
  get(name: string): number {
    return this.values.get(name) ?? 0;
  }

  /** A sorted, frozen copy of every counter. */
  snapshot(): StatsSnapshot {
    const out: Record<string, number> = {};
    for (const key of [...this.values.keys()].sort()) out[key] = this.values.get(key) ?? 0;
    return Object.freeze(out);
  }
}
