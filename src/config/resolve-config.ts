import { Logger, LOG_LEVELS, type LogLevel } from "../diag/logger";
import type { Exporter } from "../export/exporter";
import { samplerFromOtelEnv } from "../sampling/env-sampler";
import { ParentBasedSampler } from "../sampling/parent-based-sampler";
import { ProbabilitySampler } from "../sampling/probability-sampler";
import type { Sampler } from "../sampling/sampler";
import { resolveTailSampling, type ResolvedTailSampling } from "../sampling/tail/tail-sampling-options";
import type { TracesSampler } from "../sampling/traces-sampler";
import type { MaskFunction } from "../serialize/mask";
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_FIELD_BYTES, type SnapshotLimits } from "../serialize/snapshot-limits";
import { TracewiseConfigError } from "./config-error";
import { envBoolean, envEnum, envNumber, envString, type Env } from "./env";
import type { TracewiseOptions } from "./options";
import { EXPECTED, optionsSchema } from "./schema";

/** Delivery settings handed to HTTP exporters. */
export interface DeliveryConfig {
  readonly flushAt: number;
  readonly flushIntervalMs: number;
  readonly maxQueueSize: number;
  readonly requestTimeoutMs: number;
  readonly maxRetries?: number;
}

/** Every option resolved against the environment and the defaults; built once per client. */
export interface ResolvedConfig {
  readonly enabled: boolean;
  readonly logger: Logger;
  readonly publicKey?: string;
  readonly secretKey?: string;
  /** True when both Langfuse keys were passed as options (they then beat `OTEL_TRACES_EXPORTER`). */
  readonly keysFromOptions: boolean;
  readonly baseUrl: string;
  /** The head sampler (parent-based over the rate unless one was given). */
  readonly sampler: Sampler;
  /** The configured rate (1 when a sampler object or OTEL_TRACES_SAMPLER decides). */
  readonly sampleRate: number;
  readonly tracesSampler?: TracesSampler;
  readonly tailSampling?: ResolvedTailSampling;
  readonly environment?: string;
  readonly release?: string;
  readonly version?: string;
  readonly serviceName: string;
  readonly mask?: MaskFunction;
  /** Exporters given explicitly; undefined means "choose from the configuration". */
  readonly exporters?: readonly Exporter[];
  readonly captureInput: boolean;
  readonly captureOutput: boolean;
  readonly limits: SnapshotLimits;
  readonly delivery: DeliveryConfig;
  readonly flushOnExit: boolean;
  readonly global: boolean;
}

/** Default Langfuse host when keys are set without a base URL. */
export const DEFAULT_BASE_URL = "https://cloud.langfuse.com";

/**
 * Validates explicit options (throwing {@link TracewiseConfigError} on the first bad one) and fills
 * the rest from the environment (bad values warn once and are ignored) and the defaults.
 */
export function resolveConfig(options: TracewiseOptions, env: Env): ResolvedConfig {
  const o = validate(options);
  const logger = new Logger(o.logLevel ?? envEnum<LogLevel>(env, new Logger("warn", o.logSink), LOG_LEVELS, "TRACEWISE_LOG_LEVEL") ?? "warn", o.logSink);
  const enabled = o.enabled ?? (envBoolean(env, logger, "OTEL_SDK_DISABLED") === true ? false : envBoolean(env, logger, "TRACEWISE_ENABLED", "LANGFUSE_TRACING_ENABLED") ?? true);
  const { sampler, sampleRate } = resolveSampler(o, env, logger);
  const publicKey = o.publicKey ?? envString(env, "LANGFUSE_PUBLIC_KEY");
  const secretKey = o.secretKey ?? envString(env, "LANGFUSE_SECRET_KEY");
  const environment = o.environment ?? envEnvironment(env, logger);
  const release = o.release ?? envString(env, "LANGFUSE_RELEASE", "TRACEWISE_RELEASE");
  const tailSampling = o.tailSampling === undefined ? undefined : resolveTailSampling(o.tailSampling);
  if (tailSampling !== undefined && o.sampler === undefined && tailSampling.backgroundRate > sampleRate) {
    throw new TracewiseConfigError("tailSampling.backgroundRate", tailSampling.backgroundRate, `a rate no higher than the head rate (${sampleRate}): tail sampling only sees head-kept traces`);
  }
  return {
    enabled,
    logger,
    ...(publicKey === undefined ? {} : { publicKey }),
    ...(secretKey === undefined ? {} : { secretKey }),
    keysFromOptions: o.publicKey !== undefined && o.secretKey !== undefined,
    baseUrl: (o.baseUrl ?? envString(env, "LANGFUSE_BASEURL", "LANGFUSE_BASE_URL", "LANGFUSE_HOST") ?? DEFAULT_BASE_URL).replace(/\/+$/, ""),
    sampler,
    sampleRate,
    ...(o.tracesSampler === undefined ? {} : { tracesSampler: o.tracesSampler }),
    ...(tailSampling === undefined ? {} : { tailSampling }),
    ...(environment === undefined ? {} : { environment }),
    ...(release === undefined ? {} : { release }),
    ...(o.version === undefined ? {} : { version: o.version }),
    serviceName: o.serviceName ?? envString(env, "OTEL_SERVICE_NAME") ?? "tracewise-app",
    ...(o.mask === undefined ? {} : { mask: o.mask }),
    ...(o.exporter === undefined ? {} : { exporters: Array.isArray(o.exporter) ? [...(o.exporter as readonly Exporter[])] : [o.exporter as Exporter] }),
    captureInput: o.captureInput ?? true,
    captureOutput: o.captureOutput ?? true,
    limits: { maxBytes: o.maxFieldBytes ?? DEFAULT_MAX_FIELD_BYTES, maxDepth: o.maxDepth ?? DEFAULT_MAX_DEPTH },
    delivery: {
      flushAt: o.flushAt ?? 512,
      flushIntervalMs: o.flushIntervalMs ?? 1000,
      maxQueueSize: o.maxQueueSize ?? 100_000,
      requestTimeoutMs: o.requestTimeoutMs ?? 10_000,
      ...(o.maxRetries === undefined ? {} : { maxRetries: o.maxRetries }),
    },
    flushOnExit: o.flushOnExit ?? true,
    global: o.global ?? true,
  };
}

function validate(options: TracewiseOptions): TracewiseOptions {
  if (options === null || typeof options !== "object") throw new TracewiseConfigError("options", options, "an object");
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.code === "unrecognized_keys") {
      const key = issue.keys[0] ?? "";
      throw new TracewiseConfigError(key, (options as Record<string, unknown>)[key], "a known option (see TracewiseOptions)");
    }
    const key = String(issue?.path[0] ?? "options");
    const value = key === "secretKey" ? "[redacted]" : (options as Record<string, unknown>)[key];
    throw new TracewiseConfigError(key, value, EXPECTED[key] ?? "a valid value");
  }
  const o = options;
  if (o.sampleRate !== undefined && o.sample_rate !== undefined && o.sampleRate !== o.sample_rate) {
    throw new TracewiseConfigError("sample_rate", o.sample_rate, `the same value as sampleRate (${o.sampleRate}) or nothing: they are aliases`);
  }
  if (o.sampler !== undefined && (o.sampleRate ?? o.sample_rate) !== undefined) {
    throw new TracewiseConfigError("sampler", o.sampler.toString(), "either sampler or sampleRate, not both (wrap the rate in the sampler)");
  }
  return o;
}

function resolveSampler(o: TracewiseOptions, env: Env, logger: Logger): { sampler: Sampler; sampleRate: number } {
  if (o.sampler !== undefined) return { sampler: o.sampler, sampleRate: 1 };
  const rate =
    o.sampleRate ?? o.sample_rate ?? envNumber(env, logger, { min: 0, max: 1 }, "LANGFUSE_SAMPLE_RATE", "TRACEWISE_SAMPLE_RATE");
  if (rate !== undefined) return { sampler: new ParentBasedSampler({ root: new ProbabilitySampler(rate) }), sampleRate: rate };
  const fromOtel = samplerFromOtelEnv(env, logger);
  if (fromOtel !== undefined) return { sampler: fromOtel, sampleRate: 1 };
  return { sampler: new ParentBasedSampler({ root: new ProbabilitySampler(1) }), sampleRate: 1 };
}

function envEnvironment(env: Env, logger: Logger): string | undefined {
  const value = envString(env, "LANGFUSE_TRACING_ENVIRONMENT", "TRACEWISE_ENVIRONMENT");
  if (value === undefined || /^[a-z0-9_-]{1,40}$/.test(value)) return value;
  logger.once("warn", "env:environment", `ignoring environment "${value}": expected lowercase letters, digits, '-' or '_' (at most 40)`);
  return undefined;
}
