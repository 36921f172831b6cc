/**
 * Waits for a promise with a deadline, holding the process open meanwhile.
 *
 * Every timer of the exporters is `unref()`ed so telemetry never keeps an idle app alive; but a
 * caller awaiting `flush()` or `shutdown()` must see its promise settle: a Node process whose event
 * loop runs dry mid-await simply ends (exit code 13 in ESM) and the code after the await never runs.
 * The deadline timer here is ref'd for exactly that reason, and cleared as soon as the wait ends.
 *
 * @module
 */

/** Resolves `true` once `work` settles (either way), or `false` after `timeoutMs`; never rejects. */
export function settleWithin(work: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    const done = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    work.then(done, done);
  });
}
