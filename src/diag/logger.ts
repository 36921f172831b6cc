import { MAX_LOG_LINE, sanitizeForPrint } from "./sanitize";

/** Severity levels of Tracewise's own log, from most to least verbose. */
export const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;

/** `debug | info | warn | error | silent`. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Where log lines go; defaults to `console.error` so stdout stays the application's. */
export type LogSink = (level: Exclude<LogLevel, "silent">, message: string) => void;

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 };

/** The default sink writes to stderr with a `[tracewise]` prefix. */
export const stderrSink: LogSink = (level, message) => {
  console.error(`[tracewise] ${level}: ${message}`);
};

/**
 * Tracewise's own logger. It never throws: a failing sink is ignored, because the log is itself a
 * telemetry path. Lines are sanitized (`sanitizeForPrint`): secrets redacted, control characters
 * escaped, length capped. `once` variants print a message key only the first time.
 */
export class Logger {
  private readonly seen = new Set<string>();

  /**
   * @param level - the least severe level printed.
   * @param sink - where lines go.
   */
  constructor(
    public level: LogLevel = "warn",
    private readonly sink: LogSink = stderrSink,
  ) {}

  /** True when messages at `level` are printed. */
  enabled(level: Exclude<LogLevel, "silent">): boolean {
    return RANK[level] >= RANK[this.level];
  }

  /** Logs at debug level. */
  debug(message: string): void {
    this.write("debug", message);
  }

  /** Logs at info level. */
  info(message: string): void {
    this.write("info", message);
  }

  /** Logs at warn level. */
  warn(message: string): void {
    this.write("warn", message);
  }

  /** A line the user should see once (such as which exporter was chosen): printed unless the level is `error` or `silent`. */
  notice(message: string): void {
    if (RANK[this.level] <= RANK.warn) this.write("warn", message, "info");
  }

  /** Logs at error level. */
  error(message: string): void {
    this.write("error", message);
  }

  /** Logs `message` at `level` the first time `key` is seen by this logger, and never again. */
  once(level: Exclude<LogLevel, "silent">, key: string, message: string): void {
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.write(level, message);
  }

  private write(level: Exclude<LogLevel, "silent">, message: string, as: Exclude<LogLevel, "silent"> = level): void {
    if (!this.enabled(level)) return;
    try {
      // Every line goes through the sanitizer, whoever wrote it: lines quote user values and backend
      // response bodies, which may hold control characters or echo credentials.
      this.sink(as, sanitizeForPrint(message, MAX_LOG_LINE));
    } catch {
      // A broken sink must not break the host application.
    }
  }
}
