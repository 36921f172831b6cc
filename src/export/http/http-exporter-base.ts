/**
 * The lifecycle every HTTP exporter shares: context from `init()`, lazily built batch engines (one per
 * route, e.g. observations and scores), routing in `export()`, `flush()`, an idempotent
 * deadline-bounded `shutdown()`, and optional flush on exit.
 *
 * @module
 */
import type { ExportRecord } from "../../core/records";
import { Counters } from "../../diag/counters";
import { ErrorSink } from "../../diag/error-sink";
import { Logger } from "../../diag/logger";
import type { Exporter, ExporterContext } from "../exporter";
import type { BatchEngine } from "./batch-engine";
import { type BatchOptions, resolveBatchOptions, type ResolvedBatchOptions } from "./batch-options";
import { registerFlushOnExit, type FlushOnExitOptions } from "./flush-on-exit";
import { HttpTransport } from "./http-transport";
import { settleWithin } from "./settle-within";
import type { Dispatcher } from "undici";

/** Options every HTTP exporter accepts besides its target. */
export interface HttpExporterOptions extends BatchOptions {
  /**
   * Flush on `beforeExit`, `SIGTERM` and `SIGINT` (see `registerFlushOnExit` for the exact rule).
   * The Tracewise client registers itself instead, so it leaves this off.
   * @default false
   */
  readonly flushOnExit?: boolean | FlushOnExitOptions;
  /** The undici dispatcher to send through (tests). @default a private keep-alive `undici.Agent` */
  readonly dispatcher?: Dispatcher;
  /** Wall clock in epoch ms (tests). @default Date.now */
  readonly now?: () => number;
  /** Uniform random numbers in [0, 1) for retry jitter (tests). @default Math.random */
  readonly random?: () => number;
}

/** Where records go: the engine for observations and the one for scores (possibly the same). */
export interface ExporterRoutes {
  readonly observations: BatchEngine;
  readonly scores: BatchEngine;
}

/** The context used when an exporter is used without a client (no `init()` call). */
export function standaloneContext(): ExporterContext {
  const logger = new Logger("warn");
  const counters = new Counters();
  return {
    logger,
    counters,
    errors: new ErrorSink(logger, counters),
    sdk: { name: "tracewise", version: "0.0.0" },
    resource: { serviceName: "unknown_service:node" },
  };
}

/** Base class of the HTTP exporters; subclasses build their routes. */
export abstract class HttpExporterBase implements Exporter {
  /** Short name used in counters (`export.<name>.…`) and logs. */
  abstract readonly name: string;
  protected readonly batch: ResolvedBatchOptions;
  private context: ExporterContext | undefined;
  private routes: ExporterRoutes | undefined;
  private transport: HttpTransport | undefined;
  private shutdownPromise: Promise<void> | undefined;
  private unregisterExit: (() => void) | undefined;

  /** Validates the batch options; throws `TracewiseConfigError`. */
  constructor(protected readonly httpOptions: HttpExporterOptions) {
    this.batch = resolveBatchOptions(httpOptions);
  }

  /** Builds the engines for `context`, sending through `transport`. */
  protected abstract createRoutes(context: ExporterContext, transport: HttpTransport): ExporterRoutes;

  /** Adopts the client's logger, counters and resource. Call before the first export. */
  init(context: ExporterContext): void {
    if (this.routes === undefined) this.context = context;
  }

  /** Queues records; never throws, never blocks on I/O. */
  export(records: readonly ExportRecord[]): void {
    try {
      if (this.shutdownPromise !== undefined) {
        this.ctx().counters.add(`export.${this.name}.dropped.shutdown`, records.length);
        return;
      }
      const routes = this.ensureRoutes();
      if (routes.observations === routes.scores) return routes.observations.enqueue(records);
      const observations = records.filter((record) => record.kind === "observation");
      const scores = records.filter((record) => record.kind === "score");
      if (observations.length > 0) routes.observations.enqueue(observations);
      if (scores.length > 0) routes.scores.enqueue(scores);
    } catch (error) {
      this.ctx().errors.report(`export.${this.name}.export`, error);
    }
  }

  /**
   * Resolves once every record exported before the call was delivered or finally failed, or after
   * `flushTimeoutMs` (or `timeoutMs`, when shorter) at the latest; what is still pending then stays
   * queued. Keeps the process alive until then. Never rejects.
   */
  async flush(timeoutMs?: number): Promise<void> {
    if (this.routes === undefined) return;
    const deadline = Math.min(this.batch.flushTimeoutMs, timeoutMs ?? Number.POSITIVE_INFINITY);
    await settleWithin(Promise.all(this.engines().map((engine) => engine.flush())), deadline);
  }

  /** Records not yet delivered (queued, waiting for a retry or in flight). */
  pendingCount(): number {
    return this.engines().reduce((sum, engine) => sum + engine.held().records, 0);
  }

  /**
   * Stops accepting records and flushes within `shutdownTimeoutMs`; past it, aborts the requests in
   * flight, counts every record not delivered as `dropped.shutdown` and logs one warning. Then closes
   * the dispatcher; nothing is sent afterwards. Keeps the process alive until it resolves. Idempotent:
   * every call returns the same promise, which never rejects.
   */
  shutdown(): Promise<void> {
    this.shutdownPromise ??= this.doShutdown();
    return this.shutdownPromise;
  }

  private async doShutdown(): Promise<void> {
    this.unregisterExit?.();
    const engines = this.engines();
    for (const engine of engines) engine.close();
    const drained = await settleWithin(Promise.all(engines.map((e) => e.flush())), this.batch.shutdownTimeoutMs);
    let abandoned = 0;
    let inFlight = 0;
    for (const engine of engines) {
      const left = engine.stop();
      abandoned += left.records;
      inFlight += left.inFlight;
    }
    if (abandoned > 0) {
      this.ctx().logger.warn(
        `${this.name}: shutdown gave up after ${this.batch.shutdownTimeoutMs} ms and dropped ${abandoned} record(s) not delivered (${inFlight} of them in flight, aborted); see stats() for totals`,
      );
    }
    await this.transport?.close(!drained || abandoned > 0);
  }

  private engines(): BatchEngine[] {
    const routes = this.routes;
    if (routes === undefined) return [];
    return routes.observations === routes.scores ? [routes.observations] : [routes.observations, routes.scores];
  }

  private ctx(): ExporterContext {
    this.context ??= standaloneContext();
    return this.context;
  }

  private ensureRoutes(): ExporterRoutes {
    if (this.routes !== undefined) return this.routes;
    const transport = new HttpTransport({
      connections: this.batch.maxConcurrentRequests,
      ...(this.httpOptions.dispatcher === undefined ? {} : { dispatcher: this.httpOptions.dispatcher }),
    });
    this.transport = transport;
    this.routes = this.createRoutes(this.ctx(), transport);
    const onExit = this.httpOptions.flushOnExit;
    if (onExit !== undefined && onExit !== false && this.shutdownPromise === undefined) {
      this.unregisterExit = registerFlushOnExit(this, onExit === true ? {} : onExit);
    }
    return this.routes;
  }
}
