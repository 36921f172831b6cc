/**
 * The batch engine shared by every HTTP exporter, with one lifecycle written in one place:
 *
 *     running ──flush()──▶ flushing ──(drained)──▶ running
 *        └──────close()──▶ shutting down ──stop()──▶ stopped
 *
 * `enqueue()` admits records by whole trace (see `trace-admission.ts`) and returns; a worker turn
 * (`setImmediate`) encodes them into one bounded queue of wire items, off the caller's path. Batches
 * are cut from the queue when they are sent: when full, when the oldest item waited
 * `flushIntervalMs`, or when a flush asks. One retry loop re-sends failed batches: a failure pauses
 * every send (`Retry-After` or backoff), so while a backend is down the batches wait out one backoff
 * together instead of each retrying on its own clock.
 * Only one timer exists, armed for the next moment something can be sent, and it is unref'd: an
 * awaited `flush()`/`shutdown()` holds the process itself (see `settle-within.ts`).
 *
 * @module
 */
import type { ExportRecord } from "../../core/records";
import type { Counters } from "../../diag/counters";
import type { ErrorSink } from "../../diag/error-sink";
import type { Logger } from "../../diag/logger";
import { type BodyEnvelope, type ItemData, joinBody } from "./batch-body";
import { DEFAULT_BACKOFF, MAX_RETRY_AFTER_MS, type ResolvedBatchOptions } from "./batch-options";
import { DropLog, type DropReason } from "./drop-log";
import { nextRetryDelayMs } from "./retry-policy";
import type { SendOk, SendResult } from "./send-result";
import { TraceAdmission } from "./trace-admission";

/** Records encoded per worker turn, so a burst never blocks the event loop for long. */
export const ENCODE_CHUNK = 1024;

/** Rejected items logged one by one per batch at warn level; the rest go to debug level. */
const REJECTIONS_LOGGED_PER_BATCH = 5;

/** One record (or one of its wire events) encoded for the wire. */
export interface EncodedItem {
  /** The id the server knows it by (span id, event id): matches per-item results, and logs. */
  readonly key: string;
  /** Its wire form (JSON text or protobuf bytes), ready to be joined into a request body. */
  readonly data: ItemData;
  /** Byte length of `data` (UTF-8 for text). */
  readonly bytes: number;
}

/** Turns records into wire items; a request body is the items inside the codec's envelope. */
export interface BatchCodec<R> {
  /**
   * Encodes one record as one or more items of at most `maxItemBytes` each (truncating fields when
   * needed); an empty array means the record cannot fit. May throw: counted as `encode_error`.
   */
  encode(record: R, maxItemBytes: number): readonly EncodedItem[];
  /** What a request body puts around and between its items (see `joinBody`). */
  readonly envelope: BodyEnvelope;
}

/** A queued item: its record's trace and sequence number, and when it was queued. */
export interface QueuedItem extends EncodedItem {
  readonly traceId: string;
  /** The number of the record it came from, in `enqueue()` order (what `flush()` waits for). */
  readonly seq: number;
  readonly queuedAt: number;
}

/** Sends one request body (the items joined in the envelope); `items` are its items in order. Never rejects. */
export type BatchSender = (body: Buffer, items: readonly QueuedItem[]) => Promise<SendResult>;

/** Collaborators of a {@link BatchEngine}. */
export interface BatchEngineDeps {
  /** Exporter name for logs (`otlp`). */
  readonly name: string;
  /** Counter prefix (`export.otlp.`). */
  readonly counterPrefix: string;
  readonly codec: BatchCodec<ExportRecord>;
  readonly send: BatchSender;
  readonly logger: Logger;
  readonly counters: Counters;
  readonly errors: ErrorSink;
  /** Wall clock in epoch ms. @default Date.now */
  readonly now?: () => number;
  /** Uniform random in [0, 1) for jitter. @default Math.random */
  readonly random?: () => number;
  /** Shared by the engines of one exporter, so a trace refused by one is refused by all. @default its own */
  readonly admission?: TraceAdmission;
}

/** The lifecycle states; see the module comment. */
export type EngineState = "running" | "flushing" | "shutting down" | "stopped";

interface Batch {
  readonly items: readonly QueuedItem[];
  readonly bytes: number;
  attempt: number;
  firstAttemptAt: number | undefined;
}

interface Pending {
  readonly record: ExportRecord;
  readonly seq: number;
}

interface FlushWaiter {
  readonly mark: number;
  readonly resolve: () => void;
}

/** A queue of records delivered in batches; see the module comment. */
export class BatchEngine {
  private state: EngineState = "running";
  /** Records admitted and not encoded yet (until the next worker turn). */
  private pending: Pending[] = [];
  /** The one queue: encoded items in `seq` order, not yet in a batch. */
  private queue: QueuedItem[] = [];
  private queueBytes = 0;
  /** Batches to send again once the pause is over, oldest first. */
  private readonly retrying: Batch[] = [];
  private readonly inFlight = new Set<Batch>();
  private readonly admission: TraceAdmission;
  private readonly drops: DropLog;
  private readonly now: () => number;
  private readonly random: () => number;
  private waiters: FlushWaiter[] = [];
  private lastSeq = 0;
  /** A flush or shutdown wants everything up to this `seq` sent now, full batch or not. */
  private forceUpTo = 0;
  /** No request starts before this time (a server's `Retry-After`, or the backoff of a failure). */
  private pausedUntil = 0;
  /** Body size limit; a 413 halves it, each success doubles it back up to `maxBatchBytes`. */
  private maxBytes: number;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Number.POSITIVE_INFINITY;
  private encodeScheduled = false;

  constructor(
    private readonly options: ResolvedBatchOptions,
    private readonly deps: BatchEngineDeps,
  ) {
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
    this.maxBytes = options.maxBatchBytes;
    this.admission = deps.admission ?? new TraceAdmission();
    this.drops = new DropLog(deps.name, deps.counterPrefix, deps.counters, deps.logger);
  }

  /** The current lifecycle state. */
  get current(): EngineState {
    return this.state;
  }

  /** Records and encoded bytes held right now (pending, queued, waiting for a retry, in flight). */
  held(): { readonly records: number; readonly bytes: number } {
    let records = this.pending.length + this.queue.length;
    let bytes = this.queueBytes;
    for (const batches of [this.retrying, this.inFlight]) {
      for (const batch of batches) {
        records += batch.items.length;
        bytes += batch.bytes;
      }
    }
    return { records, bytes };
  }

  /** Admits records by whole trace; never throws, never blocks on I/O. After `close()` they are dropped quietly. */
  enqueue(records: readonly ExportRecord[]): void {
    if (this.state === "shutting down" || this.state === "stopped") return this.drops.add("shutdown", records.length, true);
    const current = this.held();
    let held = current.records;
    const bytes = current.bytes;
    for (const record of records) {
      const byRecords = (held + 1) / this.options.maxQueueRecords;
      const byBytes = bytes / this.options.maxQueueBytes;
      const verdict = this.admission.decide(record.traceId, isRoot(record), Math.max(byRecords, byBytes));
      if (verdict === "admit") {
        this.pending.push({ record, seq: ++this.lastSeq });
        held += 1;
        continue;
      }
      const reason = byBytes > byRecords ? "queue_bytes" : "queue_full";
      if (verdict === "refuse-trace") held -= this.refuseTrace(record.traceId, reason);
      this.drops.add(reason, 1);
    }
    this.scheduleEncode();
  }

  /** Resolves when everything enqueued before the call was delivered or finally failed. */
  flush(): Promise<void> {
    const mark = this.lastSeq;
    if (this.lowestUnsettledSeq() > mark) return Promise.resolve();
    if (this.state === "running") this.state = "flushing";
    this.forceUpTo = Math.max(this.forceUpTo, mark);
    const done = new Promise<void>((resolve) => this.waiters.push({ mark, resolve }));
    this.pump();
    return done;
  }

  /** Stops accepting records (later ones are counted as `dropped.shutdown`); what is held still goes out. */
  close(): void {
    if (this.state !== "stopped") this.state = "shutting down";
  }

  /**
   * Gives up: drops everything held, in flight included (its answer is ignored from now on), stops the
   * timer and releases pending flushes. Counted as `dropped.shutdown` without a log line (the exporter
   * logs one warning); returns how many records were dropped and how many of them were in flight.
   */
  stop(): { readonly records: number; readonly inFlight: number } {
    if (this.state === "stopped") return { records: 0, inFlight: 0 };
    const { records } = this.held();
    let inFlight = 0;
    for (const batch of this.inFlight) inFlight += batch.items.length;
    this.state = "stopped";
    clearTimeout(this.timer);
    this.pending = [];
    this.queue = [];
    this.queueBytes = 0;
    this.retrying.length = 0;
    this.inFlight.clear();
    this.drops.add("shutdown", records, true);
    this.drops.close();
    this.releaseWaiters(Number.POSITIVE_INFINITY);
    return { records, inFlight };
  }

  /**
   * Drops a refused trace's records not yet sent (pending, queued, or waiting for a retry) and counts
   * the trace; returns how many records (wire items, for queued ones) were dropped. Only what is in
   * flight cannot be taken back.
   */
  private refuseTrace(traceId: string, reason: DropReason): number {
    this.deps.counters.add(`${this.deps.counterPrefix}dropped_traces.${reason}`);
    const before = this.held().records;
    this.pending = this.pending.filter((p) => p.record.traceId !== traceId);
    this.queue = this.queue.filter((item) => item.traceId !== traceId);
    this.queueBytes = this.queue.reduce((sum, item) => sum + item.bytes, 0);
    const kept = this.retrying.map((batch) => {
      const items = batch.items.filter((item) => item.traceId !== traceId);
      return items.length === batch.items.length ? batch : { ...batch, items, bytes: sizeOf(items, this.deps.codec.envelope) };
    });
    this.retrying.splice(0, this.retrying.length, ...kept.filter((batch) => batch.items.length > 0));
    const dropped = before - this.held().records;
    this.drops.add(reason, dropped);
    return dropped;
  }

  /**
   * Records to encode now: enough to fill every request slot once more, so a large backlog is not held
   * twice (as records and encoded); all of it while sends are paused, so the byte bound applies to a
   * backlog that builds up during a failure.
   */
  private encodeWanted(): number {
    if (this.now() < this.pausedUntil) return this.pending.length;
    return this.options.flushAt * (this.options.maxConcurrentRequests + 1) - this.queue.length;
  }

  private scheduleEncode(): void {
    if (this.encodeScheduled || this.pending.length === 0 || this.encodeWanted() <= 0) return;
    this.encodeScheduled = true;
    setImmediate(() => {
      this.encodeScheduled = false;
      if (this.state === "stopped") return;
      const chunk = this.pending.splice(0, Math.min(ENCODE_CHUNK, this.encodeWanted()));
      for (const { record, seq } of chunk) this.encode(record, seq);
      this.pump();
    }).unref();
  }

  private encode(record: ExportRecord, seq: number): void {
    // Its trace was refused since (an earlier record of it did not fit): drop the rest of it too.
    if (this.admission.isRefused(record.traceId)) return this.drops.add("queue_bytes", 1);
    let items: readonly EncodedItem[];
    try {
      items = this.deps.codec.encode(record, this.options.maxBatchBytes - this.deps.codec.envelope.maxBytes);
    } catch (error) {
      this.deps.errors.report(`export.${this.deps.name}.encode`, error);
      return this.drops.add("encode_error", 1);
    }
    if (items.length === 0) return this.drops.add("too_large", 1);
    const bytes = items.reduce((sum, item) => sum + item.bytes, 0);
    if (this.held().bytes + bytes > this.options.maxQueueBytes) {
      this.admission.refuse(record.traceId);
      this.refuseTrace(record.traceId, "queue_bytes");
      return this.drops.add("queue_bytes", 1);
    }
    const queuedAt = this.now();
    for (const item of items) this.queue.push({ key: item.key, data: item.data, bytes: item.bytes, traceId: record.traceId, seq, queuedAt });
    this.queueBytes += bytes;
  }

  /** Starts every request that is due, within the cap on requests in flight, then arms the timer. */
  private pump(): void {
    if (this.state === "stopped") return;
    const now = this.now();
    while (this.inFlight.size < this.options.maxConcurrentRequests && now >= this.pausedUntil) {
      const batch = this.retrying.shift() ?? this.cut(now);
      if (batch === undefined) break;
      this.send(batch);
    }
    this.releaseWaiters(this.lowestUnsettledSeq());
    if (this.state === "flushing" && this.waiters.length === 0) this.state = "running";
    this.arm(now);
    this.scheduleEncode();
  }

  /** Cuts the next batch off the queue when it is full or due (by age, a flush or a shutdown). */
  private cut(now: number): Batch | undefined {
    const front = this.queue[0];
    if (front === undefined) return undefined;
    const envelope = this.deps.codec.envelope.maxBytes;
    if (!this.sendable(front, now)) return undefined;
    let count = 0;
    let bytes = envelope;
    for (const item of this.queue) {
      if (count >= this.options.flushAt || (count > 0 && bytes + item.bytes + 1 > this.maxBytes)) break;
      bytes += item.bytes + 1;
      count += 1;
    }
    const items = this.queue.splice(0, count);
    this.queueBytes -= bytes - envelope - count;
    return { items, bytes, attempt: 0, firstAttemptAt: undefined };
  }

  /** True when the queue holds a full batch, or its oldest item is due (by age, a flush or a shutdown). */
  private sendable(front: QueuedItem, now: number): boolean {
    const full = this.queue.length >= this.options.flushAt || this.deps.codec.envelope.maxBytes + this.queueBytes + this.queue.length >= this.maxBytes;
    return full || front.seq <= this.forceUpTo || now - front.queuedAt >= this.options.flushIntervalMs;
  }

  private send(batch: Batch): void {
    batch.attempt += 1;
    batch.firstAttemptAt ??= this.now();
    this.inFlight.add(batch);
    let body: Buffer;
    try {
      body = joinBody(this.deps.codec.envelope, batch.items, batch.items.map((item) => item.data));
    } catch (error) {
      this.deps.errors.report(`export.${this.deps.name}.body`, error);
      return void queueMicrotask(() => this.settle(batch, { fatal: true, reason: "encoding failed" }));
    }
    this.deps
      .send(body, batch.items)
      .then(
        (result) => this.settle(batch, result),
        (error: unknown) => this.settle(batch, { retryable: true, reason: String(error) }),
      )
      .catch((error: unknown) => this.deps.errors.report(`export.${this.deps.name}.settle`, error));
  }

  private settle(batch: Batch, result: SendResult): void {
    // After stop() every held record was counted as dropped: a late answer changes nothing.
    if (!this.inFlight.delete(batch)) return;
    if ("ok" in result) this.onOk(batch, result);
    else if ("retryable" in result) this.retry(batch, result.afterMs, result.reason);
    else if (result.tooLarge === true && batch.items.length > 1) this.split(batch);
    else this.onFatal(batch, result.tooLarge === true ? "too_large" : result.status === undefined ? "failed" : "rejected", result.reason);
    this.pump();
  }

  private onOk(batch: Batch, result: SendOk): void {
    this.pausedUntil = 0;
    this.maxBytes = Math.min(this.options.maxBatchBytes, this.maxBytes * 2);
    const { name, counterPrefix: prefix, counters, logger } = this.deps;
    const rejected = result.rejected ?? [];
    const retry = result.retry ?? [];
    const unnamed = Math.min(result.rejectedCount ?? 0, batch.items.length - rejected.length - retry.length);
    counters.add(`${prefix}records.exported`, batch.items.length - rejected.length - retry.length - unnamed);
    counters.add(`${prefix}requests.succeeded`);
    rejected.forEach((rejection, i) => {
      const line = `${name}: the server rejected item ${batch.items[rejection.index]?.key ?? "?"} (HTTP ${rejection.status}): ${rejection.message}`;
      if (i < REJECTIONS_LOGGED_PER_BATCH) logger.warn(line);
      else logger.debug(line);
    });
    this.drops.add("rejected", rejected.length, true);
    if (unnamed > 0) {
      const message = result.message === undefined || result.message === "" ? "no message" : result.message;
      logger.once("warn", `${name}:partial:${message.slice(0, 40)}`, `${name}: the server accepted a batch but rejected ${unnamed} of its ${batch.items.length} item(s): ${message}`);
      this.drops.add("rejected", unnamed, true);
    }
    const again = retry.flatMap((index) => batch.items[index] ?? []);
    if (again.length > 0) this.retry({ ...batch, items: again, bytes: sizeOf(again, this.deps.codec.envelope) }, undefined, "per-item 429/5xx");
  }

  private retry(batch: Batch, afterMs: number | undefined, reason: string): void {
    const { name, logger, counters, counterPrefix } = this.deps;
    if (batch.attempt > this.options.maxRetries) {
      logger.once("warn", `${name}:retry-limit`, `${name}: giving up on a batch after ${this.options.maxRetries} retries (last failure: ${reason})`);
      return this.drops.add("retry_limit", batch.items.length);
    }
    const now = this.now();
    const delay = nextRetryDelayMs({
      attempt: batch.attempt,
      firstAttemptAtMs: batch.firstAttemptAt ?? now,
      nowMs: now,
      maxRetryDurationMs: this.options.maxRetryDurationMs,
      maxRetryAfterMs: MAX_RETRY_AFTER_MS,
      backoff: DEFAULT_BACKOFF,
      random: this.random(),
      ...(afterMs === undefined ? {} : { retryAfterMs: afterMs }),
    });
    if (delay === undefined) {
      logger.once("warn", `${name}:deadline`, `${name}: giving up on a batch after retrying until the deadline (last failure: ${reason})`);
      return this.drops.add("retry_deadline", batch.items.length);
    }
    counters.add(`${counterPrefix}retries`);
    logger.debug(`${name}: retrying ${batch.items.length} item(s) in ${delay} ms after ${reason}`);
    this.pausedUntil = Math.max(this.pausedUntil, now + delay);
    this.retrying.push(batch);
  }

  /** A 413: both halves go first, with fresh budgets, and later batches are cut at most half as large. */
  private split(batch: Batch): void {
    this.maxBytes = Math.max(1024, Math.min(this.maxBytes, Math.floor(batch.bytes / 2)));
    const half = Math.ceil(batch.items.length / 2);
    const envelope = this.deps.codec.envelope;
    const parts = [batch.items.slice(0, half), batch.items.slice(half)];
    this.retrying.unshift(...parts.map((items) => ({ items, bytes: sizeOf(items, envelope), attempt: 0, firstAttemptAt: undefined })));
  }

  private onFatal(batch: Batch, reason: DropReason, message: string): void {
    const { name, logger } = this.deps;
    logger.once("error", `${name}:fatal:${message.slice(0, 40)}`, `${name}: the server refused a batch of ${batch.items.length} item(s), not retrying: ${message}`);
    this.drops.add(reason, batch.items.length);
  }

  private lowestUnsettledSeq(): number {
    let lowest = this.pending[0]?.seq ?? this.lastSeq + 1;
    lowest = Math.min(lowest, this.queue[0]?.seq ?? lowest);
    // Items keep their queue order in every batch (halves and per-item retries too): the first is the oldest.
    for (const batches of [this.retrying, this.inFlight]) for (const batch of batches) lowest = Math.min(lowest, batch.items[0]?.seq ?? lowest);
    return lowest;
  }

  private releaseWaiters(lowestUnsettled: number): void {
    if (this.waiters.length === 0) return;
    const done = this.waiters.filter((waiter) => waiter.mark < lowestUnsettled);
    this.waiters = this.waiters.filter((waiter) => waiter.mark >= lowestUnsettled);
    for (const waiter of done) waiter.resolve();
  }

  /** Arms the one (unref'd) timer for the next moment something can be sent. */
  private arm(now: number): void {
    const front = this.queue[0];
    let next = front === undefined ? Number.POSITIVE_INFINITY : front.queuedAt + this.options.flushIntervalMs;
    if (this.retrying.length > 0 || (front !== undefined && this.sendable(front, now))) next = Math.min(next, this.pausedUntil);
    if (next !== Number.POSITIVE_INFINITY) next = Math.max(next, this.pausedUntil);
    if (this.inFlight.size >= this.options.maxConcurrentRequests || next === this.timerAt) return;
    clearTimeout(this.timer);
    this.timerAt = next;
    if (next === Number.POSITIVE_INFINITY) return;
    this.timer = setTimeout(() => {
      this.timerAt = Number.POSITIVE_INFINITY;
      this.pump();
    }, Math.max(0, next - now));
    this.timer.unref();
  }
}

function isRoot(record: ExportRecord): boolean {
  return record.kind === "observation" && record.isLocalRoot;
}

/** Request body bytes of `items` in `envelope` (an upper bound: one separator byte per item). */
function sizeOf(items: readonly EncodedItem[], envelope: BodyEnvelope): number {
  return items.reduce((sum, item) => sum + item.bytes + 1, envelope.maxBytes);
}
