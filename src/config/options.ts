import type { Exporter } from "../export/exporter";
import type { LogLevel, LogSink } from "../diag/logger";
import type { Sampler } from "../sampling/sampler";
import type { TailSamplingOptions, TailSamplingRule } from "../sampling/tail/tail-sampling-options";
import type { TracesSampler } from "../sampling/traces-sampler";
import type { MaskFunction } from "../serialize/mask";

/**
 * Options of a {@link Tracewise} client. Every field is optional: with none, Tracewise reads the
 * environment and, with nothing configured there either, prints each finished trace as a tree.
 * Explicit options beat environment variables.
 */
export interface TracewiseOptions {
  /** Langfuse public key. @default process.env.LANGFUSE_PUBLIC_KEY */
  publicKey?: string;
  /** Langfuse secret key; never logged. @default process.env.LANGFUSE_SECRET_KEY */
  secretKey?: string;
  /** Langfuse base URL. @default process.env.LANGFUSE_BASEURL ?? LANGFUSE_BASE_URL ?? LANGFUSE_HOST ?? "https://cloud.langfuse.com" */
  baseUrl?: string;
  /**
   * Probability in [0, 1] that a trace is kept; the decision is made once per trace and keeps or drops
   * all of it. @default env LANGFUSE_SAMPLE_RATE, TRACEWISE_SAMPLE_RATE, OTEL_TRACES_SAMPLER(_ARG); else 1
   */
  sampleRate?: number;
  /** Alias of {@link TracewiseOptions.sampleRate} (Langfuse Python's spelling). */
  sample_rate?: number;
  /** A function deciding per trace; beats the sampler and the rate. */
  tracesSampler?: TracesSampler;
  /** A sampler object; replaces the default `ParentBasedSampler({ root: ProbabilitySampler(sampleRate) })`. */
  sampler?: Sampler;
  /**
   * Tail sampling: hold each head-kept trace until a rule keeps it (errors, slow or expensive traces)
   * or its root ends. @example `TailSampling.levelOrDuration({ level: "WARNING", durationMs: 5000, backgroundRate: 0.01 })`
   */
  tailSampling?: TailSamplingRule | TailSamplingOptions;
  /** Deployment environment, sent with every trace. @default env LANGFUSE_TRACING_ENVIRONMENT ?? TRACEWISE_ENVIRONMENT */
  environment?: string;
  /** Release of your application. @default env LANGFUSE_RELEASE ?? TRACEWISE_RELEASE */
  release?: string;
  /** Version of your application. */
  version?: string;
  /** Service name sent as the OpenTelemetry resource `service.name`. @default env OTEL_SERVICE_NAME ?? "tracewise-app" */
  serviceName?: string;
  /** Redacts inputs, outputs and metadata before export; fails closed. */
  mask?: MaskFunction;
  /** `false` turns every Tracewise call into a cheap no-op. @default true (env TRACEWISE_ENABLED / LANGFUSE_TRACING_ENABLED = "false" disables) */
  enabled?: boolean;
  /** Tracewise's own log level. @default env TRACEWISE_LOG_LEVEL ?? "warn" */
  logLevel?: LogLevel;
  /** Where Tracewise's own log lines go. @default stderr */
  logSink?: LogSink;
  /** One exporter or several; @default chosen from the configuration (Langfuse keys → OTLP to Langfuse, else the console tree). */
  exporter?: Exporter | readonly Exporter[];
  /** Capture function arguments as input by default. @default true */
  captureInput?: boolean;
  /** Capture return values as output by default. @default true */
  captureOutput?: boolean;
  /** Cap on one captured field, in bytes; larger values are cut with a marker. @default 1_000_000 */
  maxFieldBytes?: number;
  /** Cap on the nesting depth of captured values. @default 20 */
  maxDepth?: number;
  /** Records per batch sent by HTTP exporters. @default 512 */
  flushAt?: number;
  /** Longest wait before a partial batch is sent. @default 1000 */
  flushIntervalMs?: number;
  /** Most records an HTTP exporter queues while the backend is slow or down. @default 100_000 */
  maxQueueSize?: number;
  /** Timeout of one HTTP request. @default 10_000 */
  requestTimeoutMs?: number;
  /** Retries of one batch after the first attempt. @default unlimited within the 120 s retry deadline */
  maxRetries?: number;
  /** Deliver what is queued on `beforeExit`, SIGTERM and SIGINT. @default true */
  flushOnExit?: boolean;
  /** Become the global client used by `observe()` and the integrations. @default true */
  global?: boolean;
}
