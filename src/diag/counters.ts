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

/**
 * One counter's cell. Hot paths fetch it once with {@link Counters.slot} and bump it without a map
 * lookup: a kept trace of three observations bumps about ten counters, and two `Map` operations with
 * string hashing per bump were a measurable share of the per-trace cost.
 */
export class CounterSlot {
  /** The counter's value. */
  value = 0;
  /** True once bumped: a slot only fetched does not show in snapshots. */
  touched = false;

  /** Adds `by` (default 1). */
  add(by = 1): void {
    this.value += by;
    this.touched = true;
  }
}

/** Monotonic named counters behind `Tracewise.stats()`. Cheap to bump on the hot path. */
export class Counters {
  private readonly slots = new Map<string, CounterSlot>();

  /** The cell of counter `name` (created at 0), for callers that bump it often. */
  slot(name: string): CounterSlot {
    let slot = this.slots.get(name);
    if (slot === undefined) {
      slot = new CounterSlot();
      this.slots.set(name, slot);
    }
    return slot;
  }

  /** Adds `by` (default 1) to counter `name`. */
  add(name: string, by = 1): void {
    this.slot(name).add(by);
  }

  /** The current value of `name` (0 when never bumped). */
  get(name: string): number {
    return this.slots.get(name)?.value ?? 0;
  }

  /** A sorted, frozen copy of every counter bumped at least once. */
  snapshot(): StatsSnapshot {
    const out: Record<string, number> = {};
    for (const key of [...this.slots.keys()].sort()) {
      const slot = this.slots.get(key);
      if (slot?.touched === true) out[key] = slot.value;
    }
    return Object.freeze(out);
  }
}
