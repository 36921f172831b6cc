/**
 * The batch engine shared by every HTTP exporter: `export()` only appends to a bounded inbox; a worker
 * (on `setImmediate`) encodes records into wire items, cuts batches by count, bytes and time, and sends
 * them with a cap on requests in flight, retrying, splitting on 413 and counting every drop.
 *
 * Encoding is incremental: records are encoded when the next batch is cut (when a send slot is free)
 * and released as soon as they are encoded, and a batch keeps its items' data only until its body
 * holds them, so a backlog of N records never holds N encoded items at once — only the raw records,
 * the in-flight bodies (compressed: see `wire-body.ts`) and the queue's partial batch. The backlog is encoded eagerly, in chunks,
 * while sends are held back (an outage) or when its estimated encoded size would pass the byte bound,
 * so `maxQueueBytes` keeps applying to raw records as it did when every record was encoded at once.
 *
 * @module
 */
import type { Counters } from "../../diag/counters";
import type { ErrorSink } from "../../diag/error-sink";
import type { Logger } from "../../diag/logger";
import { type Batch, makeBatch, splitBatch, subBatch } from "./batch";
import { type BodyEnvelope, type ItemData, joinBody, readBackItems } from "./batch-body";
import { DEFAULT_BACKOFF, MAX_RETRY_AFTER_MS, type ResolvedBatchOptions } from "./batch-options";
import { DropLog, type DropReason } from "./drop-log";
import { FlushWaiters } from "./flush-waiters";
import { ItemQueue, type EncodedItem, type ItemRef } from "./item-queue";
import { RecordInbox } from "./record-inbox";
import { nextRetryDelayMs } from "./retry-policy";
import type { SendOk, SendResult } from "./send-result";
import { type ContentEncoding, fromWire, toWire } from "./wire-body";

/** Records encoded per worker turn when the backlog is encoded eagerly, so it never blocks the event loop for long. */
export const ENCODE_CHUNK = 1024;

/** Records over which the mean encoded size is taken (an exponential window): it follows a change of payloads. */
const MEAN_WINDOW = 256;

/** Rejected items logged one by one per batch at warn level; the rest go to debug level. */
const REJECTIONS_LOGGED_PER_BATCH = 5;

/** Turns records into wire items; a request body is the items inside the codec's envelope. */
export interface BatchCodec<R> {
  /**
   * Encodes one record as one or more items of at most `maxItemBytes` each (truncating fields when
   * needed); an empty array means the record cannot fit. May throw: counted as `encode_error`.
   */
  encode(record: R, maxItemBytes: number): readonly EncodedItem[];
  /** What a request body puts around and between its items (see {@link joinBody}). */
  readonly envelope: BodyEnvelope;
}

/**
 * Sends one request body in its wire form (see {@link BatchSender.contentEncoding}); `items` are its
 * items in order; never rejects.
 */
export interface BatchSender {
  (wire: Buffer, items: readonly ItemRef[]): Promise<SendResult>;
  /**
   * The encoding the sender wants bodies in: the engine encodes each batch's body once, before its
   * first attempt, and keeps only that wire form for retries.
   * @default "identity"
   */
  readonly contentEncoding?: ContentEncoding;
}

/** Collaborators of a {@link BatchEngine}. */
export interface BatchEngineDeps<R> {
  /** Exporter name for logs (`otlp`). */
  readonly name: string;
  /** Counter prefix (`export.otlp.`). */
  readonly counterPrefix: string;
  readonly codec: BatchCodec<R>;
  readonly send: BatchSender;
  readonly logger: Logger;
  readonly counters: Counters;
  readonly errors: ErrorSink;
  /** Wall clock in epoch ms. @default Date.now */
  readonly now?: () => number;
  /** Uniform random in [0, 1) for jitter. @default Math.random */
  readonly random?: () => number;
}

/** A queue of records delivered in batches; see the module comment. */
export class BatchEngine<R> {
  /** Records not yet encoded; it numbers every accepted record (`seq`). */
  private readonly inbox = new RecordInbox<R>();
  private readonly queue = new ItemQueue();
  /** Batches cut from the queue and not settled: ready to send, waiting for a retry, or in flight. */
  private readonly batches = new Set<Batch>();
  private readonly ready: Batch[] = [];
  private readonly retryTimers = new Map<Batch, NodeJS.Timeout>();
  private readonly inFlightBatches = new Set<Batch>();
  private readonly waiters = new FlushWaiters();
  private readonly drops: DropLog;
  private readonly now: () => number;
  private readonly random: () => number;
  /** Running mean of encoded bytes per record: estimates what the inbox would take once encoded. */
  private meanRecordBytes = 0;
  private recordsEncoded = 0;
  private batchItems = 0;
  private batchBytes = 0;
  private inFlight = 0;
  private forceUpTo = 0;
  private pausedUntil = 0;
  private outageSince: number | undefined;
  private maxBytes: number;
  private drainScheduled = false;
  private intervalTimer: NodeJS.Timeout | undefined;
  private gateTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private stopped = false;

  constructor(
    private readonly options: ResolvedBatchOptions,
    private readonly deps: BatchEngineDeps<R>,
  ) {
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
    this.maxBytes = options.maxBatchBytes;
    this.drops = new DropLog(deps.name, deps.counterPrefix, deps.counters, deps.logger);
  }

  /** Records and encoded bytes held right now (inbox, queue, batches); both stay within the bounds. */
  held(): { readonly records: number; readonly bytes: number } {
    return { records: this.inbox.length + this.queue.length + this.batchItems, bytes: this.queue.bytes + this.batchBytes };
  }

  /** Appends records; never throws, never blocks on I/O. After {@link BatchEngine.close} they are dropped quietly. */
  enqueue(records: readonly R[]): void {
    if (this.closed) {
      this.drops.add("shutdown", records.length, true);
      return;
    }
    let full = 0;
    let held = this.held().records;
    for (const record of records) {
      if (held >= this.options.maxQueueRecords) full += 1;
      else {
        this.inbox.push(record);
        held += 1;
      }
    }
    this.drops.add("queue_full", full);
    this.scheduleDrain();
  }

  /** Resolves when everything enqueued before the call was delivered or finally failed. */
  flush(): Promise<void> {
    // No encoding up front: `cut()` encodes each batch when a send slot frees, so a large backlog is
    // never materialised as encoded items all at once.
    const mark = this.inbox.lastSeq;
    if (this.lowestUnsettledSeq() > mark) return Promise.resolve();
    this.forceUpTo = Math.max(this.forceUpTo, mark);
    const done = this.waiters.wait(mark);
    this.pump();
    return done;
  }

  /** Stops accepting records; later `enqueue()` calls drop quietly (counted as `dropped.shutdown`). */
  close(): void {
    this.closed = true;
  }

  /**
   * Gives up: drops everything held, in flight included (its answer is ignored from now on), stops
   * every timer and releases pending flushes. The drops are counted as `dropped.shutdown` without a log
   * line (the exporter logs one warning); returns how many records were dropped and how many of them
   * were in flight.
   */
  stop(): { readonly records: number; readonly inFlight: number } {
    if (this.stopped) return { records: 0, inFlight: 0 };
    this.closed = true;
    this.stopped = true;
    for (const timer of [this.intervalTimer, this.gateTimer, ...this.retryTimers.values()]) clearTimeout(timer);
    this.retryTimers.clear();
    let lost = this.inbox.clear() + this.queue.clear();
    let inFlight = 0;
    for (const batch of [...this.batches]) {
      if (this.isInFlight(batch)) inFlight += batch.items.length;
      lost += batch.items.length;
      this.forget(batch);
    }
    this.ready.length = 0;
    this.drop("shutdown", lost, true);
    this.waiters.releaseAll();
    this.drops.close();
    return { records: lost, inFlight };
  }

  private isInFlight(batch: Batch): boolean {
    return this.inFlightBatches.has(batch);
  }

  /**
   * True when the backlog should be encoded now rather than batch by batch: while a failure holds
   * sends back, or when the inbox would pass the byte bound once encoded; encoding then applies the
   * bound (drops counted as `queue_bytes`) instead of holding raw records of unknown size.
   */
  private encodeEagerly(): boolean {
    if (this.outageSince !== undefined || this.now() < this.pausedUntil) return true;
    return this.queue.bytes + this.batchBytes + this.inbox.length * this.meanRecordBytes > this.options.maxQueueBytes;
  }

  private scheduleDrain(): void {
    if (this.drainScheduled) return;
    this.drainScheduled = true;
    setImmediate(() => {
      this.drainScheduled = false;
      this.pump();
      // An eager backlog is encoded turn by turn; otherwise the next send's settlement pumps again.
      if (this.inbox.length > 0 && this.encodeEagerly() && !this.stopped) this.scheduleDrain();
    }).unref();
  }

  /** True when the queue holds enough encoded items for a full batch. */
  private queueFull(): boolean {
    return this.queue.length >= this.options.flushAt || this.deps.codec.envelope.maxBytes + this.queue.bytes + this.queue.length >= this.maxBytes;
  }

  /**
   * Encodes inbox records into queued items until the queue holds a full batch (or, with `eager`, until
   * the inbox is empty), at most `limit` records.
   */
  private encodeAhead(limit: number, eager: boolean): void {
    const maxItemBytes = this.options.maxBatchBytes - this.deps.codec.envelope.maxBytes;
    let done = 0;
    while (this.inbox.length > 0 && done < limit && (eager || !this.queueFull())) {
      const seq = this.inbox.firstSeq;
      const record = this.inbox.shift();
      done += 1;
      if (record !== undefined) this.encodeOne(record, seq, maxItemBytes);
    }
  }

  private encodeOne(record: R, seq: number, maxItemBytes: number): void {
    let items: readonly EncodedItem[];
    try {
      items = this.deps.codec.encode(record, maxItemBytes);
    } catch (error) {
      this.deps.errors.report(`export.${this.deps.name}.encode`, error);
      this.drop("encode_error", 1);
      return;
    }
    if (items.length === 0) return this.drop("too_large", 1);
    let bytes = 0;
    for (const item of items) bytes += item.bytes;
    this.recordsEncoded += 1;
    this.meanRecordBytes += (bytes - this.meanRecordBytes) / Math.min(this.recordsEncoded, MEAN_WINDOW);
    if (this.held().bytes + bytes > this.options.maxQueueBytes) return this.drop("queue_bytes", 1);
    for (const item of items) this.queue.push({ key: item.key, data: item.data, bytes: item.bytes, seq });
  }

  /** Starts every request that is due, within the cap on requests in flight, and arms the timers. */
  private pump(): void {
    if (this.stopped) return;
    // A server's Retry-After (or the backoff of a failing batch) holds back every send, retries included.
    while (this.inFlight < this.options.maxConcurrentRequests && this.now() >= this.pausedUntil) {
      const batch = this.ready.shift() ?? this.cut();
      if (batch === undefined) break;
      this.start(batch);
    }
    // Usually `cut()` encodes each batch just before it is sent, so encoded texts die young.
    if (this.inbox.length > 0 && this.encodeEagerly()) this.encodeAhead(ENCODE_CHUNK, true);
    this.armTimers();
    this.waiters.settle(this.lowestUnsettledSeq());
  }

  /** Cuts the next batch off the queue when it is full, or due (by time or a flush). */
  private cut(): Batch | undefined {
    this.encodeAhead(Number.POSITIVE_INFINITY, false);
    const front = this.queue.peek();
    if (front === undefined) return undefined;
    const envelope = this.deps.codec.envelope.maxBytes;
    if (!this.queueFull() && front.seq > this.forceUpTo) return undefined;
    const items: ItemRef[] = [];
    const data: ItemData[] = [];
    let bytes = envelope;
    for (let next = this.queue.peek(); next !== undefined; next = this.queue.peek()) {
      if (items.length >= this.options.flushAt) break;
      if (items.length > 0 && bytes + next.bytes + 1 > this.maxBytes) break;
      items.push({ key: next.key, bytes: next.bytes, seq: next.seq });
      data.push(next.data);
      bytes += next.bytes + 1;
      this.queue.shift();
    }
    const batch = makeBatch(items, data, envelope);
    this.track(batch);
    return batch;
  }

  private track(batch: Batch): void {
    this.batches.add(batch);
    this.batchItems += batch.items.length;
    this.batchBytes += batch.bytes;
  }

  private forget(batch: Batch): void {
    if (!this.batches.delete(batch)) return;
    this.batchItems -= batch.items.length;
    this.batchBytes -= batch.bytes;
  }

  private start(batch: Batch): void {
    this.inFlight += 1;
    this.inFlightBatches.add(batch);
    batch.attempt += 1;
    batch.firstAttemptAt ??= this.now();
    let wire: Buffer | Promise<Buffer>;
    try {
      wire = batch.wire ?? this.buildWire(batch);
    } catch (error) {
      this.bodyFailed(batch, error);
      return;
    }
    if (wire instanceof Promise) {
      wire.then(
        (bytes) => {
          batch.wire = bytes;
          this.post(batch, bytes);
        },
        (error: unknown) => this.bodyFailed(batch, error),
      ).catch((error: unknown) => this.deps.errors.report(`export.${this.deps.name}.settle`, error));
    } else this.post(batch, wire);
  }

  private post(batch: Batch, wire: Buffer): void {
    if (this.stopped) return;
    this.deps
      .send(wire, batch.items)
      .then(
        (result) => this.settle(batch, result),
        (error: unknown) => this.settle(batch, { retryable: true, reason: String(error) }),
      )
      .catch((error: unknown) => this.deps.errors.report(`export.${this.deps.name}.settle`, error));
  }

  private bodyFailed(batch: Batch, error: unknown): void {
    this.deps.errors.report(`export.${this.deps.name}.body`, error);
    this.settle(batch, { fatal: true, reason: "encoding failed" });
  }

  private get contentEncoding(): ContentEncoding {
    return this.deps.send.contentEncoding ?? "identity";
  }

  /**
   * Builds the batch's body and drops the item data it now holds; returns its wire form (at once
   * unencoded, or once compressed). The body itself is not kept: see `wire-body.ts`.
   */
  private buildWire(batch: Batch): Buffer | Promise<Buffer> {
    const body = joinBody(this.deps.codec.envelope, batch.items, this.dataOf(batch));
    batch.data = undefined;
    const wire = toWire(body, this.contentEncoding);
    if (!(wire instanceof Promise)) batch.wire = wire;
    return wire;
  }

  /** The batch's item data: kept, or read back from its wire body. */
  private dataOf(batch: Batch): readonly ItemData[] {
    if (batch.data !== undefined) return batch.data;
    if (batch.wire === undefined) throw new Error("batch lost its item data");
    return readBackItems(this.deps.codec.envelope, fromWire(batch.wire, this.contentEncoding), batch.items);
  }

  private settle(batch: Batch, result: SendResult): void {
    // After stop() every held record was counted as dropped: a late answer changes nothing.
    if (this.stopped) return;
    this.inFlight -= 1;
    this.inFlightBatches.delete(batch);
    this.forget(batch);
    if ("ok" in result) this.onOk(batch, result);
    else if ("retryable" in result) this.retry(batch, result.afterMs, result.reason);
    else if (result.tooLarge === true && batch.items.length > 1) this.split(batch);
    else this.onFatal(batch, result.tooLarge === true ? "too_large" : result.status === undefined ? "failed" : "rejected", result.reason);
    this.pump();
  }

  private onOk(batch: Batch, result: SendOk): void {
    this.pausedUntil = 0;
    this.outageSince = undefined;
    // A 413 halved the batch size; successes double it back, so a transient 413 does not shrink batches for good.
    this.maxBytes = Math.min(this.options.maxBatchBytes, this.maxBytes * 2);
    const { name, counterPrefix: prefix, counters, logger } = this.deps;
    const rejected = result.rejected ?? [];
    const retry = result.retry ?? [];
    const unnamed = Math.min(result.rejectedCount ?? 0, batch.items.length - rejected.length - retry.length);
    counters.add(`${prefix}records.exported`, batch.items.length - rejected.length - retry.length - unnamed);
    counters.add(`${prefix}requests.succeeded`);
    rejected.forEach((rejection, i) => {
      const key = batch.items[rejection.index]?.key ?? "?";
      const line = `${name}: the server rejected item ${key} (HTTP ${rejection.status}): ${rejection.message}`;
      if (i < REJECTIONS_LOGGED_PER_BATCH) logger.warn(line);
      else logger.debug(line);
    });
    this.drop("rejected", rejected.length, true);
    if (unnamed > 0) {
      const message = result.message === undefined || result.message === "" ? "no message" : result.message;
      logger.once("warn", `${name}:partial:${message.slice(0, 40)}`, `${name}: the server accepted a batch but rejected ${unnamed} of its ${batch.items.length} item(s): ${message}`);
      this.drop("rejected", unnamed, true);
    }
    if (retry.length === 0) return;
    const sub = subBatch(batch, this.dataOf(batch), retry, this.deps.codec.envelope.maxBytes);
    if (sub === undefined) return;
    this.track(sub);
    this.retry(sub, undefined, "per-item 429/5xx");
  }

  private retry(batch: Batch, afterMs: number | undefined, reason: string): void {
    if (this.stopped) return this.drop("shutdown", batch.items.length);
    if (batch.attempt > this.options.maxRetries) {
      this.forget(batch);
      this.deps.logger.once("warn", `${this.deps.name}:retry-limit`, `${this.deps.name}: giving up on a batch after ${this.options.maxRetries} retries (last failure: ${reason})`);
      return this.drop("retry_limit", batch.items.length);
    }
    const now = this.now();
    this.outageSince ??= now;
    const delay = nextRetryDelayMs({
      attempt: batch.attempt,
      firstAttemptAtMs: this.deadlineStart(batch),
      nowMs: now,
      maxRetryDurationMs: this.options.maxRetryDurationMs,
      maxRetryAfterMs: MAX_RETRY_AFTER_MS,
      backoff: DEFAULT_BACKOFF,
      random: this.random(),
      ...(afterMs === undefined ? {} : { retryAfterMs: afterMs }),
    });
    if (delay === undefined) {
      this.forget(batch);
      this.deps.logger.once("warn", `${this.deps.name}:deadline`, `${this.deps.name}: giving up on a batch after retrying until the deadline (last failure: ${reason})`);
      return this.drop("retry_deadline", batch.items.length);
    }
    this.deps.counters.add(`${this.deps.counterPrefix}retries`);
    this.deps.logger.debug(`${this.deps.name}: retrying ${batch.items.length} item(s) in ${delay} ms after ${reason}`);
    this.track(batch);
    this.pausedUntil = Math.max(this.pausedUntil, now + delay);
    const timer = setTimeout(() => {
      this.retryTimers.delete(batch);
      this.ready.push(batch);
      this.pump();
    }, delay);
    timer.unref();
    this.retryTimers.set(batch, timer);
  }

  /**
   * A batch's retry budget runs from its first attempt; while a flush waits for it during an outage,
   * from the start of the outage instead, so `flush()` ends once the backend has been down for
   * `maxRetryDurationMs` rather than after one full budget per queued batch.
   */
  private deadlineStart(batch: Batch): number {
    const first = batch.firstAttemptAt ?? this.now();
    if (!this.waiters.pending || batch.minSeq > this.waiters.highestMark || this.outageSince === undefined) return first;
    return Math.min(first, this.outageSince);
  }

  private split(batch: Batch): void {
    this.maxBytes = Math.max(1024, Math.min(this.maxBytes, Math.floor(batch.bytes / 2)));
    const parts = splitBatch(batch, this.dataOf(batch), this.deps.codec.envelope.maxBytes);
    for (const part of parts) this.track(part);
    this.ready.unshift(...parts);
  }

  private onFatal(batch: Batch, reason: DropReason, message: string): void {
    this.deps.logger.once("error", `${this.deps.name}:fatal:${message.slice(0, 40)}`, `${this.deps.name}: the server refused a batch of ${batch.items.length} item(s), not retrying: ${message}`);
    this.drop(reason, batch.items.length);
  }

  private drop(reason: DropReason, count: number, quiet = false): void {
    this.drops.add(reason, count, quiet);
  }

  private lowestUnsettledSeq(): number {
    // Inbox records carry the newest sequence numbers, so the queue's front (if any) is older.
    let lowest = this.queue.peek()?.seq ?? this.inbox.firstSeq;
    for (const batch of this.batches) lowest = Math.min(lowest, batch.minSeq);
    return lowest;
  }

  private armTimers(): void {
    const wait = this.pausedUntil - this.now();
    const waiting = this.ready.length > 0 || this.queue.length > 0 || this.inbox.length > 0;
    if (wait > 0 && waiting && this.gateTimer === undefined) {
      this.gateTimer = setTimeout(() => {
        this.gateTimer = undefined;
        this.pump();
      }, wait);
      this.gateTimer.unref();
    }
    if ((this.queue.length > 0 || this.inbox.length > 0) && this.intervalTimer === undefined) {
      this.intervalTimer = setTimeout(() => {
        this.intervalTimer = undefined;
        this.forceUpTo = Math.max(this.forceUpTo, this.inbox.lastSeq);
        this.pump();
      }, this.options.flushIntervalMs);
      this.intervalTimer.unref();
    }
  }
}
