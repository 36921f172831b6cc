import type { ExportRecord } from "../core/records";
import { DEFAULT_COLLECTOR_URL, probeCollector } from "../dev/probe-collector";
import { ConsoleExporter } from "./console/console-exporter";
import type { Exporter, ExporterContext } from "./exporter";
import { OtlpHttpExporter, type OtlpHttpExporterOptions } from "./otlp/otlp-http-exporter";

/**
 * Records held while the probe runs, unless `delivery.maxQueueRecords` says otherwise: the same bound
 * as the HTTP exporter's queue they are handed to. The probe takes a few ms of free event loop on
 * loopback, but a host that produces traces in a tight synchronous loop can fill it first.
 */
const DEFAULT_MAX_HELD_RECORDS = 100_000;

/** Startup lines already printed by this process: nine clients print the choice once. */
const announced = new Set<string>();

/** Options of {@link LocalOrConsoleExporter}. */
export interface LocalOrConsoleExporterOptions {
  /** The collector's base URL. @default "http://127.0.0.1:4318" */
  readonly url?: string;
  /** Batch settings for the OTLP exporter used when the collector answers. */
  readonly delivery?: Omit<OtlpHttpExporterOptions, "endpoint">;
  /** Where the startup line goes. @default the client's logger, at notice level, once per process */
  readonly announce?: (line: string) => void;
  /**
   * Production mode: when no collector answers, print nothing per trace (one warning says traces are
   * not exported and how to send them somewhere) instead of the console tree.
   * @default false (the client sets it from `NODE_ENV=production`)
   */
  readonly production?: boolean;
}

/**
 * The zero-configuration default: at startup it asks whether a local collector (`npx tracewise ui`)
 * answers; if so, traces are exported there over OTLP, otherwise each finished trace is printed as a
 * tree (in production mode: nothing, after one warning). Records that finish while the probe runs are
 * held (bounded; beyond the bound dropped with a warning and counted as
 * `export.auto.dropped.probe_buffer_full`) and handed over once it answers. One startup line says which
 * was chosen and how to change it.
 */
export class LocalOrConsoleExporter implements Exporter {
  readonly name = "auto";
  private delegate: Exporter | undefined;
  private held: ExportRecord[] = [];
  private readonly ready: Promise<void>;
  private context: ExporterContext | undefined;
  private heldDropped = 0;

  /** @param options - collector address and delivery settings. */
  constructor(private readonly options: LocalOrConsoleExporterOptions = {}) {
    const url = options.url ?? DEFAULT_COLLECTOR_URL;
    this.ready = probeCollector({ url }).then((found) => this.choose(found, url));
  }

  /** Keeps the context for the delegate chosen later. */
  init(context: ExporterContext): void {
    this.context = context;
  }

  /** Hands records to the chosen exporter, or holds them until the probe answers. */
  export(records: readonly ExportRecord[]): void {
    if (this.delegate !== undefined) {
      this.delegate.export(records);
      return;
    }
    const max = this.options.delivery?.maxQueueRecords ?? DEFAULT_MAX_HELD_RECORDS;
    for (const record of records) {
      if (this.held.length < max) this.held.push(record);
      else this.heldDropped++;
    }
  }

  /** Waits for the probe, then flushes the chosen exporter. */
  async flush(timeoutMs?: number): Promise<void> {
    await this.ready;
    await this.delegate?.flush(timeoutMs);
  }

  /** Waits for the probe, then shuts the chosen exporter down. */
  async shutdown(): Promise<void> {
    await this.ready;
    await this.delegate?.shutdown();
  }

  /** Records waiting to be delivered (held ones included). */
  pendingCount(): number {
    const delegate = this.delegate as { pendingCount?: () => number } | undefined;
    return this.held.length + (delegate?.pendingCount?.() ?? 0);
  }

  private choose(found: boolean, url: string): void {
    const context = this.context;
    let delegate: Exporter;
    let line: string;
    let level: "notice" | "warn" = "notice";
    try {
      if (found) {
        delegate = new OtlpHttpExporter({ ...this.options.delivery, collectorUrl: url });
        line = `exporting traces to the local collector at ${url} (open it in a browser). Set LANGFUSE_PUBLIC_KEY/LANGFUSE_SECRET_KEY or OTEL_EXPORTER_OTLP_ENDPOINT, or pass \`exporter\`, to send elsewhere.`;
      } else if (this.options.production === true) {
        delegate = new DiscardingExporter();
        level = "warn";
        line = "no exporter is configured (NODE_ENV=production): traces are not exported. Set LANGFUSE_PUBLIC_KEY/LANGFUSE_SECRET_KEY or OTEL_EXPORTER_OTLP_ENDPOINT, pass `exporter`, or set OTEL_TRACES_EXPORTER=console to print them.";
      } else {
        delegate = new ConsoleExporter();
        line = "printing traces to the console. Run `npx tracewise ui` to browse them locally, or set LANGFUSE_PUBLIC_KEY/LANGFUSE_SECRET_KEY or OTEL_EXPORTER_OTLP_ENDPOINT to send them to a backend.";
      }
      if (context !== undefined) delegate.init?.(context);
    } catch (error) {
      context?.errors.report("choosing the default exporter", error);
      delegate = new ConsoleExporter();
      line = "printing traces to the console.";
    }
    if (this.options.announce !== undefined) this.options.announce(line);
    else if (context !== undefined && !announced.has(line)) {
      announced.add(line);
      if (level === "warn") context.logger.warn(line);
      else context.logger.notice(line);
    }
    context?.logger.debug(`default exporter: ${delegate.name}${found ? ` (collector ${url})` : ""}`);
    this.delegate = delegate;
    if (this.heldDropped > 0) {
      context?.counters.add(`export.auto.dropped.probe_buffer_full`, this.heldDropped);
      context?.logger.warn(`dropped ${this.heldDropped} records that finished while looking for a local collector (more than ${this.held.length} were waiting); set an exporter explicitly to avoid the wait`);
    }
    const held = this.held;
    this.held = [];
    if (held.length > 0) delegate.export(held);
  }
}

/** Production default without a collector: accepts records and counts them as not exported. */
class DiscardingExporter implements Exporter {
  readonly name = "none";
  private counters: ExporterContext["counters"] | undefined;

  init(context: ExporterContext): void {
    this.counters = context.counters;
  }

  export(records: readonly ExportRecord[]): void {
    this.counters?.add("export.auto.dropped.not_configured", records.length);
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
