import { z } from "zod";
import { LOG_LEVELS } from "../diag/logger";

const fn = z.custom<(...args: never[]) => unknown>((v) => typeof v === "function");
const exporterLike = z.custom<object>(
  (v) => typeof v === "object" && v !== null && typeof (v as { export?: unknown }).export === "function",
);
const samplerLike = z.custom<object>(
  (v) => typeof v === "object" && v !== null && typeof (v as { shouldSample?: unknown }).shouldSample === "function",
);
const tailLike = z.union([fn, z.object({ rule: fn, backgroundRate: z.number().min(0).max(1).optional(), maxBufferedTraces: z.number().int().positive().optional(), maxObservationsPerTrace: z.number().int().positive().optional(), maxBufferedBytes: z.number().int().positive().optional(), maxTraceAgeMs: z.number().int().positive().optional() })]);
const probability = z.number().min(0).max(1);
const positiveInt = z.number().int().positive();
const nonEmpty = z.string().min(1);

/** What each option allows, in words, for {@link TracewiseConfigError} messages. */
export const EXPECTED: Record<string, string> = {
  publicKey: "a non-empty string",
  secretKey: "a non-empty string",
  baseUrl: "an http(s) URL",
  sampleRate: "a number from 0 to 1",
  sample_rate: "a number from 0 to 1",
  tracesSampler: "a function returning a number from 0 to 1 or a boolean",
  sampler: "an object with shouldSample(context)",
  tailSampling: "a rule function or { rule, backgroundRate?, maxBufferedTraces?, maxObservationsPerTrace?, maxBufferedBytes?, maxTraceAgeMs? } (see TailSampling)",
  environment: "a string of lowercase letters, digits, '-' or '_' (at most 40)",
  release: "a non-empty string",
  version: "a non-empty string",
  serviceName: "a non-empty string",
  mask: "a function",
  enabled: "a boolean",
  logLevel: `one of ${LOG_LEVELS.join(", ")}`,
  logSink: "a function",
  exporter: "an exporter (an object with export(records)) or an array of them",
  captureInput: "a boolean",
  captureOutput: "a boolean",
  maxFieldBytes: "a positive integer",
  maxDepth: "a positive integer",
  flushAt: "a positive integer",
  flushIntervalMs: "a positive integer (milliseconds)",
  maxQueueSize: "a positive integer",
  requestTimeoutMs: "a positive integer (milliseconds)",
  maxRetries: "a non-negative integer",
  flushOnExit: "a boolean",
  global: "a boolean",
};

/** The zod schema of {@link TracewiseOptions}: unknown keys are errors (they are usually typos). */
export const optionsSchema = z
  .object({
    publicKey: nonEmpty,
    secretKey: nonEmpty,
    baseUrl: z.url({ protocol: /^https?$/ }),
    sampleRate: probability,
    sample_rate: probability,
    tracesSampler: fn,
    sampler: samplerLike,
    tailSampling: tailLike,
    environment: z.string().regex(/^[a-z0-9_-]{1,40}$/),
    release: nonEmpty,
    version: nonEmpty,
    serviceName: nonEmpty,
    mask: fn,
    enabled: z.boolean(),
    logLevel: z.enum(LOG_LEVELS),
    logSink: fn,
    exporter: z.union([exporterLike, z.array(exporterLike)]),
    captureInput: z.boolean(),
    captureOutput: z.boolean(),
    maxFieldBytes: positiveInt,
    maxDepth: positiveInt,
    flushAt: positiveInt,
    flushIntervalMs: positiveInt,
    maxQueueSize: positiveInt,
    requestTimeoutMs: positiveInt,
    maxRetries: z.number().int().min(0),
    flushOnExit: z.boolean(),
    global: z.boolean(),
  })
  .partial()
  .strict();
