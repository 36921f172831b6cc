import type { Counters } from "./counters";
import type { Logger } from "./logger";

/**
 * The one place contained internal failures go. It counts them and logs each `where` once at warn
 * level (then at debug level), so a recurring fault cannot flood the host's log. It never throws.
 */
export class ErrorSink {
  /**
   * @param logger - Tracewise's logger.
   * @param counters - where `errors.internal` is counted.
   */
  constructor(
    private readonly logger: Logger,
    private readonly counters: Counters,
  ) {}

  /** Records that `where` failed with `error`; never throws. */
  report(where: string, error: unknown): void {
    try {
      this.counters.add("errors.internal");
      const message = `${where} failed: ${describeError(error)}`;
      this.logger.once("warn", `error:${where}`, `${message} (further failures here are logged at debug level)`);
      this.logger.debug(message);
    } catch {
      // Nothing left to do: reporting must never fail the caller.
    }
  }
}

/** A one-line description of any thrown value, safe for hostile objects. */
export function describeError(error: unknown): string {
  try {
    if (error instanceof Error) return `${error.name}: ${error.message}`;
    return String(error);
  } catch {
    return "<unprintable error>";
  }
}
