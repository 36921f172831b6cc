/**
 * `tracewise ui`: starts the collector and viewer, prints where, and shuts down gracefully on
 * SIGINT/SIGTERM.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { DEFAULT_COLLECTOR_DIR, DEFAULT_COLLECTOR_HOST, DEFAULT_COLLECTOR_PORT, startCollector } from "../dev/collector";
import type { CliIo } from "./cli-io";
import { UI_HELP } from "./help-text";

/** Exit code for a usage error (bad option or value). */
export const EXIT_USAGE = 2;
/** Exit code for a failure to start (port taken, store unusable, driver missing). */
export const EXIT_FAILURE = 1;

/** Parsed `ui` options. */
export interface UiOptions {
  port: number;
  dir: string;
  host: string;
}

/** Parses `ui` arguments; returns the options, `"help"`, or a usage error message. */
export function parseUiArgs(args: readonly string[]): UiOptions | "help" | { error: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        port: { type: "string", short: "p" },
        dir: { type: "string", short: "d" },
        host: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (values.help) return "help";
  const port = values.port === undefined ? DEFAULT_COLLECTOR_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535 || values.port?.trim() === "") {
    return { error: `--port must be an integer from 0 to 65535, got '${values.port ?? ""}'` };
  }
  if (values.dir !== undefined && values.dir.trim() === "") return { error: "--dir must not be empty" };
  return { port, dir: values.dir ?? DEFAULT_COLLECTOR_DIR, host: values.host ?? DEFAULT_COLLECTOR_HOST };
}

/** Runs `tracewise ui`; resolves with the exit code once the collector has stopped. */
export async function runUiCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseUiArgs(args);
  if (parsed === "help") {
    io.out(UI_HELP);
    return 0;
  }
  if ("error" in parsed) {
    io.err(`tracewise ui: ${parsed.error}`);
    io.err("Run 'tracewise ui --help' for usage.");
    return EXIT_USAGE;
  }
  let collector;
  try {
    collector = await startCollector({ ...parsed, log: (line) => io.err(line) });
  } catch (error) {
    io.err(`tracewise ui: ${(error as Error).message}`);
    return EXIT_FAILURE;
  }
  io.out(`Tracewise viewer: ${collector.url}`);
  io.out(`  OTLP/HTTP traces: ${collector.url}/v1/traces  (Langfuse: ${collector.url}/api/public/otel/v1/traces)`);
  io.out(`  Store: ${collector.databasePath}`);
  io.out("Press Ctrl+C to stop.");
  const signal = await io.waitForStop();
  io.out(`Received ${signal}, stopping…`);
  await collector.close();
  io.out("Stopped.");
  return 0;
}
