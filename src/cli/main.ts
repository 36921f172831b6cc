/**
 * The `tracewise` command's dispatcher.
 *
 * @module
 */
import type { CliIo } from "./cli-io";
import { MAIN_HELP } from "./help-text";
import { EXIT_USAGE, runUiCommand } from "./ui-command";

/**
 * Runs the CLI with arguments (without `node` and the script) and resolves with the exit code.
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2), processIo());
 * ```
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    io.out(MAIN_HELP);
    return command === undefined ? EXIT_USAGE : 0;
  }
  if (command === "ui") return runUiCommand(rest, io);
  io.err(`tracewise: unknown command '${command}'`);
  io.err(MAIN_HELP);
  return EXIT_USAGE;
}
