#!/usr/bin/env node
/**
 * Entry point of the `tracewise` executable (package.json `bin`).
 *
 * @module
 */
import { processIo } from "./cli-io";
import { runCli } from "./main";

runCli(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`tracewise: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
