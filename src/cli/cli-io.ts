/**
 * What a CLI command talks to — output streams and process signals — injected so commands can be run
 * in-process by tests.
 *
 * @module
 */

/** The CLI's outside world. */
export interface CliIo {
  /** Writes a line to standard output. */
  out(line: string): void;
  /** Writes a line to standard error. */
  err(line: string): void;
  /** Resolves with the signal name when the process is asked to stop (SIGINT or SIGTERM). */
  waitForStop(): Promise<string>;
}

/** The real process: stdout, stderr, SIGINT/SIGTERM (a second signal exits at once). */
export function processIo(): CliIo {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    waitForStop: () =>
      new Promise((resolve) => {
        let stopping = false;
        const onSignal = (signal: NodeJS.Signals): void => {
          if (stopping) process.exit(130);
          stopping = true;
          resolve(signal);
        };
        process.on("SIGINT", onSignal);
        process.on("SIGTERM", onSignal);
      }),
  };
}
