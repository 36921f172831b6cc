import type { ExportRecord } from "../../src/core/records";
import type { Exporter } from "../../src/export/exporter";

/**
 * An exporter that counts records and forgets them: the core benches measure recording (capture,
 * records, the pipeline hand-off), not export I/O, which runs later in the batch worker. Memory stays
 * flat however many traces a run makes.
 */
export class DiscardExporter implements Exporter {
  readonly name = "discard";
  /** Records received so far. */
  records = 0;

  export(records: readonly ExportRecord[]): void {
    this.records += records.length;
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
