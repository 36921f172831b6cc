import type { ExportRecord } from "../core/records";
import type { Counters } from "../diag/counters";
import type { ErrorSink } from "../diag/error-sink";
import type { Logger } from "../diag/logger";

/** What the client hands an exporter before the first export. */
export interface ExporterContext {
  /** Tracewise's logger (level from the client's `logLevel`). */
  readonly logger: Logger;
  /** The client's counters; exporters count under `export.<name>.…`. */
  readonly counters: Counters;
  /** Where contained internal failures are reported. */
  readonly errors: ErrorSink;
  /** Name and version of this SDK, for user-agent and SDK headers. */
  readonly sdk: { readonly name: string; readonly version: string };
  /** Resource-level facts of the client (environment, release, service name). */
  readonly resource: {
    readonly environment?: string;
    readonly release?: string;
    readonly version?: string;
    readonly serviceName: string;
  };
}

/**
 * A destination for finished records. The pipeline calls {@link Exporter.export} synchronously with
 * records that are already sampled, masked and JSON-safe; an exporter must return quickly (queue,
 * do not send inline) and must never throw.
 */
export interface Exporter {
  /** A short name used in counters and logs, e.g. `otlp` or `console`. */
  readonly name: string;
  /** Called once by the owning client before any export. */
  init?(context: ExporterContext): void;
  /** Accepts finished records. Must not throw and must not block on I/O. */
  export(records: readonly ExportRecord[]): void;
  /**
   * Resolves once every record handed over before the call was delivered or finally failed, or after
   * `timeoutMs` (when given) at the latest.
   */
  flush(timeoutMs?: number): Promise<void>;
  /** Flushes within the exporter's deadline and releases its resources. Idempotent. */
  shutdown(): Promise<void>;
}
