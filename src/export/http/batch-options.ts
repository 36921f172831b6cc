/**
 * Tuning options of the batch engine shared by every HTTP exporter, their documented defaults, and
 * their one-time validation into a fully resolved config.
 *
 * @module
 */
import { z } from "zod";
import { TracewiseConfigError } from "../../config/config-error";
import type { BackoffOptions } from "./retry-policy";

/** Tuning of the batch engine. Every field is optional; the defaults suit most applications. */
export interface BatchOptions {
  /**
   * A batch is sent as soon as this many records are queued.
   * @default 512
   */
  readonly flushAt?: number;
  /**
   * Queued records wait at most this long before a (partial) batch is sent.
   * @default 1000
   */
  readonly flushIntervalMs?: number;
  /**
   * Upper bound of one request body before compression, in bytes. A single record larger than this
   * has its largest fields truncated with a marker. Langfuse's ingestion API allows 3.5 MB.
   * @default 3_500_000
   */
  readonly maxBatchBytes?: number;
  /**
   * Records held in memory at most (queued, waiting for a retry or in flight). Admission is by whole
   * trace: a new trace is admitted below 90 % of this bound, and a trace that does not fit is dropped
   * whole (its queued records, later records and scores), counted as `dropped.queue_full` per record
   * and `dropped_traces.queue_full` per trace. Sized so a burst of 60k observations fits.
   * @default 100_000
   */
  readonly maxQueueRecords?: number;
  /**
   * Encoded bytes held in memory at most. Past it, traces are dropped whole as above, counted as
   * `dropped.queue_bytes` and `dropped_traces.queue_bytes`. 60k typical observations (≈1–2 KB each encoded) fit.
   * @default 134_217_728 (128 MiB)
   */
  readonly maxQueueBytes?: number;
  /**
   * Requests in flight at most (also the keep-alive sockets of the default dispatcher).
   * @default 4
   */
  readonly maxConcurrentRequests?: number;
  /**
   * One request (compression excluded) is abandoned and retried after this long.
   * @default 10_000
   */
  readonly requestTimeoutMs?: number;
  /**
   * Overall budget of one batch's attempts, from its first send. When it runs out the batch is
   * dropped and counted as `dropped.retry_deadline`. While a backend is down only one batch at a time
   * probes it, so the rest stay queued and go out when it returns.
   * @default 120_000
   */
  readonly maxRetryDurationMs?: number;
  /**
   * Retries of one batch after its first attempt; past it the batch is dropped and counted as
   * `dropped.retry_limit`. Unlimited by default: the deadline above bounds retries.
   * @default Infinity
   */
  readonly maxRetries?: number;
  /**
   * `flush()` resolves after this long at the latest, even if records are still being retried; they
   * stay queued (nothing is dropped) and go out later, or at `shutdown()`.
   * @default 30_000
   */
  readonly flushTimeoutMs?: number;
  /**
   * `shutdown()` resolves after this long at the latest: then it aborts the requests in flight, counts
   * every record not delivered as `dropped.shutdown` and logs one warning with the counts.
   * @default 10_000
   */
  readonly shutdownTimeoutMs?: number;
}

/** First retry waits up to this long (full jitter), doubling per attempt. */
export const DEFAULT_BACKOFF: BackoffOptions = { initialDelayMs: 500, maxDelayMs: 30_000, multiplier: 2 };

/** A server's `Retry-After` is honoured up to this many milliseconds. */
export const MAX_RETRY_AFTER_MS = 60_000;

const positiveInt = z.number().int().positive();

const batchOptionsSchema = z.object({
  flushAt: positiveInt.default(512),
  flushIntervalMs: positiveInt.default(1000),
  maxBatchBytes: z.number().int().min(1024).default(3_500_000),
  maxQueueRecords: positiveInt.default(100_000),
  maxQueueBytes: z.number().int().min(1024).default(128 * 1024 * 1024),
  maxConcurrentRequests: positiveInt.max(64).default(4),
  requestTimeoutMs: positiveInt.default(10_000),
  maxRetryDurationMs: z.number().int().min(0).default(120_000),
  maxRetries: z.union([z.number().int().min(0), z.literal(Infinity)]).default(Infinity),
  flushTimeoutMs: z.number().int().min(0).default(30_000),
  shutdownTimeoutMs: z.number().int().min(0).default(10_000),
});

/** {@link BatchOptions} with every default applied. */
export type ResolvedBatchOptions = Readonly<z.infer<typeof batchOptionsSchema>>;

/**
 * Validates `options` once and applies the defaults; throws `TracewiseConfigError` naming the option.
 * Keys that are not batch options (an exporter's target, its dispatcher) are ignored.
 */
export function resolveBatchOptions(options: BatchOptions = {}): ResolvedBatchOptions {
  const parsed = batchOptionsSchema.safeParse(options);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = String(issue?.path[0] ?? "?");
  throw new TracewiseConfigError(key, (options as Record<string, unknown>)[key], describeIssue(issue));
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (issue === undefined) return "a valid value";
  return `a valid value (${issue.message})`;
}
