/**
 * Tracewise: LLM observability for TypeScript. `@observe()` your functions and see every LLM call,
 * tool call and step of your app as a trace.
 *
 * @packageDocumentation
 */

export { Tracewise } from "./client";
export type { ScoreByIdOptions, TracewiseInternals } from "./client";
export type { TracewiseOptions } from "./config/options";
export type { ResolvedConfig, DeliveryConfig } from "./config/resolve-config";
export { TracewiseConfigError } from "./config/config-error";
export { getGlobalClient as getClient } from "./global-client";

export { observe } from "./observe/observe";
export type { ObserveOptions } from "./observe/observe-options";
export type { ObserveDecorator } from "./observe/decorators";
export {
  updateCurrentObservation,
  updateCurrentTrace,
  getCurrentTraceId,
  getCurrentObservationId,
  getCurrentObservation,
  getCurrentTraceparent,
  scoreCurrentTrace,
  scoreCurrentObservation,
} from "./observe/context-helpers";

export { TraceHandle } from "./core/trace-handle";
export type { ObservationHandle } from "./core/observation-handle";
export type {
  ObservationFields,
  StartObservationOptions,
  EndObservationOptions,
  ScoreOptions,
  TraceUpdate,
} from "./core/observation-options";
export type { TraceOptions, Tracer } from "./core/tracer";
export { createTraceId } from "./core/ids";
export { OBSERVATION_TYPES, OBSERVATION_LEVELS } from "./core/records";
export type {
  ObservationType,
  ObservationLevel,
  ObservationRecord,
  ScoreRecord,
  ScoreDataType,
  ExportRecord,
  TraceFields,
  TraceSnapshot,
  UsageDetails,
  CostDetails,
  ModelParameters,
} from "./core/records";

export { AlwaysOnSampler, AlwaysOffSampler } from "./sampling/static-samplers";
export { ProbabilitySampler } from "./sampling/probability-sampler";
export { ParentBasedSampler } from "./sampling/parent-based-sampler";
export type { ParentBasedSamplerOptions } from "./sampling/parent-based-sampler";
export { LangfusePythonRatioSampler } from "./sampling/langfuse-python-ratio-sampler";
export type { Sampler, SamplerContext, SamplerParent, SamplingResult } from "./sampling/sampler";
export type { TracesSampler, TracesSamplerContext } from "./sampling/traces-sampler";
export { TailSampling } from "./sampling/tail/tail-sampling";
export type { LevelOrDurationOptions, ExpensiveOptions } from "./sampling/tail/tail-sampling";
export type { TailSamplingRule, TailSamplingOptions, TailTraceInfo } from "./sampling/tail/tail-sampling-options";
export { inject, extract } from "./sampling/propagation";
export type { HeaderCarrier, TraceContextHeaders } from "./sampling/propagation";

export type { Exporter, ExporterContext } from "./export/exporter";
export { InMemoryExporter } from "./export/memory-exporter";
export type { FinishedTrace } from "./export/memory-exporter";
export { ConsoleExporter } from "./export/console/console-exporter";
export { OtlpHttpExporter } from "./export/otlp/otlp-http-exporter";
export type { OtlpHttpExporterOptions } from "./export/otlp/otlp-http-exporter";
export type { OtlpTargetOptions } from "./export/otlp/otlp-target";
export type { OtlpProtocol, OtlpWireOptions } from "./export/otlp/otlp-wire";
export { LangfuseIngestionExporter } from "./export/langfuse/langfuse-ingestion-exporter";
export type { LangfuseIngestionExporterOptions } from "./export/langfuse/langfuse-ingestion-exporter";
export type { BatchOptions } from "./export/http/batch-options";
export type { HttpExporterOptions } from "./export/http/http-exporter-base";
export { LocalOrConsoleExporter } from "./export/local-or-console-exporter";
export type { LocalOrConsoleExporterOptions } from "./export/local-or-console-exporter";
export { registerFlushOnExit } from "./export/http/flush-on-exit";
export type { FlushOnExitOptions, FlushOnExitTarget } from "./export/http/flush-on-exit";
export type { ConsoleExporterOptions } from "./export/console/console-exporter";

export type { MaskFunction, MaskField } from "./serialize/mask";
export { MASK_FAILED_MARKER } from "./serialize/mask";
export { Logger, LOG_LEVELS } from "./diag/logger";
export type { LogLevel, LogSink } from "./diag/logger";
export { Counters } from "./diag/counters";
export { ErrorSink } from "./diag/error-sink";
export type { Clock } from "./core/clock";
export type { SnapshotLimits } from "./serialize/snapshot-limits";
export type { StatsSnapshot } from "./diag/counters";
