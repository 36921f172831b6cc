/**
 * Delivers what is queued when the process is about to end, without changing how it ends.
 *
 * The rule, per event:
 * - **`beforeExit`** (the event loop ran dry; `process.exit()` and fatal errors do not emit it): when a
 *   target has pending records, flush them, holding the loop open with a timer for at most `timeoutMs`.
 *   Node then emits `beforeExit` again and the process exits with the code it would have had
 *   (`process.exitCode` is never touched). The flush is repeated only when more records were queued
 *   since the last one, so a hanging backend holds a finished app for `timeoutMs` at most (requests
 *   still in flight then do not hold it: their sockets are unref'd, see `http-transport.ts`).
 * - **`SIGTERM` / `SIGINT`**: flush within `timeoutMs`. Then, if our listener is the only one for that
 *   signal, the signal is re-raised with our listener removed, so the process dies exactly as Node's
 *   default handler would have made it (killed by the signal). If the host has its own listener, the
 *   host owns the exit and we only flush; a host that calls `process.exit()` synchronously in its
 *   listener should `await` Tracewise's `shutdown()` there first. A second signal during the flush
 *   stops waiting and re-raises at once.
 *
 * One set of process listeners serves every registered target.
 *
 * @module
 */

/** What can be flushed on exit: an exporter or a client. */
export interface FlushOnExitTarget {
  /**
   * Delivers everything queued, within `timeoutMs`: a target must not hold the process past it. Must
   * not reject (rejections are ignored anyway).
   */
  flush(timeoutMs?: number): Promise<void>;
  /** Records still waiting to be delivered. */
  pendingCount(): number;
}

/** Options of {@link registerFlushOnExit}. */
export interface FlushOnExitOptions {
  /**
   * How long the process is kept alive to deliver, at most.
   * @default 5000
   */
  readonly timeoutMs?: number;
}

type ExitSignal = "SIGTERM" | "SIGINT";

/** The signals handled. */
export const EXIT_SIGNALS: readonly ExitSignal[] = ["SIGTERM", "SIGINT"];

interface Entry {
  readonly target: FlushOnExitTarget;
  readonly timeoutMs: number;
}

const entries = new Set<Entry>();
let flushing: Promise<void> | undefined;
let leftAfterLastExitFlush = -1;
let signalled = false;

/**
 * Registers `target` to be flushed on `beforeExit`, `SIGTERM` and `SIGINT` (see the module comment for
 * the exact rule). Returns a function that unregisters it.
 *
 * @example
 * const unregister = registerFlushOnExit(exporter, { timeoutMs: 3000 });
 */
export function registerFlushOnExit(target: FlushOnExitTarget, options: FlushOnExitOptions = {}): () => void {
  const entry: Entry = { target, timeoutMs: options.timeoutMs ?? 5000 };
  if (entries.size === 0) install();
  entries.add(entry);
  return () => {
    if (!entries.delete(entry)) return;
    if (entries.size === 0) uninstall();
  };
}

function install(): void {
  process.on("beforeExit", onBeforeExit);
  for (const signal of EXIT_SIGNALS) process.on(signal, onSignal);
}

function uninstall(): void {
  process.off("beforeExit", onBeforeExit);
  for (const signal of EXIT_SIGNALS) process.off(signal, onSignal);
}

function pendingTotal(): number {
  let total = 0;
  for (const { target } of entries) {
    try {
      total += target.pendingCount();
    } catch {
      // A broken target counts as empty: we must not keep the process alive for it.
    }
  }
  return total;
}

/** Flushes every target, keeping the event loop alive with a (ref'd) timer until done or the deadline. */
function flushAll(): Promise<void> {
  flushing ??= new Promise<void>((resolve) => {
    let timeoutMs = 0;
    for (const entry of entries) timeoutMs = Math.max(timeoutMs, entry.timeoutMs);
    const deadline = setTimeout(resolve, timeoutMs);
    const flushes = [...entries].map(({ target }) => {
      try {
        return target.flush(timeoutMs).catch(() => undefined);
      } catch {
        return Promise.resolve();
      }
    });
    void Promise.all(flushes).then(() => {
      clearTimeout(deadline);
      resolve();
    });
  }).finally(() => {
    flushing = undefined;
  });
  return flushing;
}

function onBeforeExit(): void {
  if (flushing !== undefined || signalled) return;
  const pending = pendingTotal();
  if (pending === 0 || pending <= leftAfterLastExitFlush) return;
  void flushAll().then(() => {
    leftAfterLastExitFlush = pendingTotal();
  });
}

function onSignal(signal: ExitSignal): void {
  if (signalled) return reraise(signal);
  signalled = true;
  void flushAll().then(() => {
    leftAfterLastExitFlush = pendingTotal();
    // Our listener is the only one: Node would have died of this signal, so die of it now.
    if (process.listenerCount(signal) <= 1) reraise(signal);
    else signalled = false;
  });
}

function reraise(signal: ExitSignal): void {
  uninstall();
  process.kill(process.pid, signal);
}
