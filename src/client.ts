import { processEnv } from "./config/env";
import type { TracewiseOptions } from "./config/options";
import { resolveConfig, type ResolvedConfig } from "./config/resolve-config";
import { hrClock, type Clock } from "./core/clock";
import { runWithObservation } from "./core/context";
import { isValidTraceId } from "./core/ids";
import type { ObservationHandle } from "./core/observation-handle";
import type { ScoreOptions } from "./core/observation-options";
import { TraceHandle } from "./core/trace-handle";
import { Tracer, type TraceOptions } from "./core/tracer";
import { Counters, type StatsSnapshot } from "./diag/counters";
import { ErrorSink } from "./diag/error-sink";
import { chooseDefaultExporters } from "./export/default-exporters";
import { registerFlushOnExit } from "./export/http/flush-on-exit";
import { settleWithin } from "./export/http/settle-within";
import type { Exporter, ExporterContext } from "./export/exporter";
import { setGlobalSlot } from "./global-slot";
import { ExportPipeline } from "./pipeline/export-pipeline";
import { RecordMasker } from "./pipeline/mask-records";
import { randomnessOf } from "./sampling/consistent-probability";
import { createHeadDecider } from "./sampling/head-decision";
import { TailBuffer } from "./sampling/tail/tail-buffer";
import { snapshot } from "./serialize/snapshot";
import { SDK_NAME, SDK_VERSION } from "./version";

/** A score for a trace by id, possibly started in another process. */
export interface ScoreByIdOptions extends ScoreOptions {
  /** The trace to score. */
  traceId: string;
  /** The observation to score, if any. */
  observationId?: string;
  /**
   * Force keeping (`true`) or dropping (`false`) the score. By default a trace this process never saw
   * is decided by the configured sampler from its trace id, as the process that started it would.
   */
  sampled?: boolean;
}

/** Collaborators a test may inject. */
export interface TracewiseInternals {
  /** Clock for timestamps. @default high-resolution wall clock */
  clock?: Clock;
}

/**
 * `shutdown()` resolves after this long at the latest, even when an exporter does not keep its own
 * deadline. The HTTP exporters give up at their `shutdownTimeoutMs` (10 s by default, counting what
 * they drop); the grace lets them finish that before the client stops waiting.
 */
const SHUTDOWN_DEADLINE_MS = 10_000;
const SHUTDOWN_GRACE_MS = 1_000;

/**
 * The Tracewise client: configuration, the tracer and the export pipeline. Constructing one makes it
 * the global client used by `observe()` and the integrations (the latest constructed wins; pass
 * `global: false` to opt out).
 *
 * @example
 * ```ts
 * const tw = new Tracewise({ sampleRate: 0.2, environment: "production" });
 * const trace = tw.trace({ name: "checkout", userId: "u1" });
 * const gen = trace.generation({ name: "llm", model: "gpt-4o-mini", input: messages });
 * gen.end({ output, usageDetails: { input: 10, output: 5 } });
 * trace.end();
 * await tw.shutdown();
 * ```
 */
export class Tracewise {
  /** The resolved configuration. */
  readonly config: ResolvedConfig;
  /** The tracer; used by `observe()` and the integrations. */
  readonly tracer: Tracer;
  private readonly counters = new Counters();
  private readonly errors: ErrorSink;
  private readonly exporters: readonly Exporter[];
  private readonly pipeline: ExportPipeline;
  private shutdownPromise: Promise<void> | undefined;
  private unregisterExitFlush: (() => void) | undefined;

  /**
   * @param options - see {@link TracewiseOptions}; a bad explicit option throws `TracewiseConfigError`.
   * @param internals - injected collaborators, for tests.
   */
  constructor(options: TracewiseOptions = {}, internals: TracewiseInternals = {}) {
    const config = (this.config = resolveConfig(options, processEnv()));
    const logger = config.logger;
    this.errors = new ErrorSink(logger, this.counters);
    this.exporters = config.exporters ?? chooseDefaultExporters(config, processEnv());
    const context: ExporterContext = {
      logger,
      counters: this.counters,
      errors: this.errors,
      sdk: { name: SDK_NAME, version: SDK_VERSION },
      resource: {
        serviceName: config.serviceName,
        ...(config.environment === undefined ? {} : { environment: config.environment }),
        ...(config.release === undefined ? {} : { release: config.release }),
        ...(config.version === undefined ? {} : { version: config.version }),
      },
    };
    for (const exporter of this.exporters) {
      try {
        exporter.init?.(context);
      } catch (error) {
        this.errors.report(`exporter ${exporter.name} init`, error);
      }
    }
    const clock = internals.clock ?? hrClock;
    this.pipeline = new ExportPipeline({
      exporters: this.exporters,
      ...(config.tailSampling === undefined ? {} : { holding: new TailBuffer(config.tailSampling, clock, this.counters, this.errors) }),
      ...(config.mask === undefined ? {} : { masker: new RecordMasker(config.mask, config.limits, this.errors) }),
      counters: this.counters,
      errors: this.errors,
    });
    this.tracer = new Tracer({
      clock,
      logger,
      counters: this.counters,
      errors: this.errors,
      pipeline: this.pipeline,
      capture: (value) => snapshot(value, config.limits),
      decide: createHeadDecider({
        sampler: config.sampler,
        ...(config.tracesSampler === undefined ? {} : { tracesSampler: config.tracesSampler }),
        logger,
        counters: this.counters,
      }),
      traceDefaults: {
        ...(config.environment === undefined ? {} : { environment: config.environment }),
        ...(config.release === undefined ? {} : { release: config.release }),
        ...(config.version === undefined ? {} : { version: config.version }),
      },
      isActive: () => config.enabled && this.shutdownPromise === undefined,
      tailSampling: config.tailSampling !== undefined,
      captureDefaults: { input: config.captureInput, output: config.captureOutput },
    });
    if (config.global) {
      setGlobalSlot(this, () =>
        logger.warn("a second Tracewise client replaced the global one that observe() and the integrations use; construct one client per process, or pass `global: false` to the others (printed once)"),
      );
    }
    if (config.flushOnExit) this.unregisterExitFlush = registerFlushOnExit(this);
  }

  /** False when constructed with `enabled: false` (or disabled by the environment). */
  get enabled(): boolean {
    return this.config.enabled;
  }

  /**
   * Starts a trace. The sampling decision is made here, once, for the whole trace.
   *
   * @example
   * ```ts
   * const trace = tw.trace({ name: "rag", input: { q }, traceparent: req.headers.traceparent });
   * ```
   */
  trace(options: TraceOptions = {}): TraceHandle {
    return new TraceHandle(this.tracer.startUserTrace(options));
  }

  /**
   * Scores a trace by id, for example user feedback arriving after the trace ended, possibly in
   * another process. Kept or dropped with its trace: the configured sampler decides from the trace id
   * unless `sampled` forces it.
   */
  score(options: ScoreByIdOptions): void {
    try {
      const traceId = options.traceId.toLowerCase();
      if (!isValidTraceId(traceId)) {
        this.config.logger.once("warn", "score-bad-trace-id", `score "${options.name}" names an invalid trace id and was dropped`);
        this.counters.add("scores.dropped");
        return;
      }
      const keep =
        options.sampled ??
        (this.config.enabled &&
          this.shutdownPromise === undefined &&
          (this.tracer.decisionFor(traceId) ?? this.config.sampler.shouldSample({ traceId, randomness: randomnessOf(traceId), name: "" }).sampled));
      if (!keep) {
        this.counters.add("scores.dropped");
        return;
      }
      const record = this.tracer.toScoreRecord(traceId, options, options.observationId, this.config.environment);
      if (record !== undefined) this.pipeline.onScore(record, undefined);
    } catch (error) {
      this.errors.report("score", error);
    }
  }

  /** Runs `fn` with `observation` as the current observation: `observe()` calls inside nest under it. */
  withObservation<T>(observation: ObservationHandle | TraceHandle, fn: () => T): T {
    return runWithObservation(observation, fn);
  }

  /**
   * Resolves when everything exported so far was delivered or finally failed, or at the exporters'
   * flush deadline (30 s by default; `timeoutMs` shortens it). Never rejects, and keeps the process
   * alive until it resolves.
   */
  async flush(timeoutMs?: number): Promise<void> {
    await Promise.allSettled(this.exporters.map((e) => this.guarded(`exporter ${e.name} flush`, () => e.flush(timeoutMs))));
  }

  /**
   * Delivers what is queued within a deadline (about 10 s), then stops; idempotent (the same promise
   * every call). Never rejects, and keeps the process alive until it resolves.
   */
  shutdown(): Promise<void> {
    this.shutdownPromise ??= this.doShutdown();
    return this.shutdownPromise;
  }

  /** Records queued in exporters and not yet delivered (used by flush-on-exit). */
  pendingCount(): number {
    let total = 0;
    for (const exporter of this.exporters) {
      try {
        total += (exporter as { pendingCount?: () => number }).pendingCount?.() ?? 0;
      } catch (error) {
        this.errors.report(`exporter ${exporter.name} pendingCount`, error);
      }
    }
    return total;
  }

  /** Counters: traces started/kept/dropped by reason, observations, scores, export drops and retries. */
  stats(): StatsSnapshot {
    return this.counters.snapshot();
  }

  private async doShutdown(): Promise<void> {
    this.unregisterExitFlush?.();
    try {
      this.pipeline.drain();
    } finally {
      this.pipeline.close();
    }
    // Each exporter's shutdown flushes within its own deadline; the client's bounds the wait for all.
    const work = Promise.allSettled(this.exporters.map((e) => this.guarded(`exporter ${e.name} shutdown`, () => e.shutdown())));
    await settleWithin(work, SHUTDOWN_DEADLINE_MS + SHUTDOWN_GRACE_MS);
  }

  private async guarded(where: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (error) {
      this.errors.report(where, error);
    }
  }
}
