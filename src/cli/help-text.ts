/**
 * Usage text of the `tracewise` command.
 *
 * @module
 */

/** `tracewise --help`. */
export const MAIN_HELP = `Usage: tracewise <command> [options]

Commands:
  ui        Start the local collector and trace viewer

Options:
  -h, --help  Show help (also: tracewise <command> --help)

Run 'tracewise ui --help' for the viewer's options.`;

/** `tracewise ui --help`. */
export const UI_HELP = `Usage: tracewise ui [--port 4318] [--dir .tracewise] [--host 127.0.0.1]

Starts the local collector and trace viewer. It receives traces over OTLP/HTTP
(JSON or protobuf, gzip) on /v1/traces and /api/public/otel/v1/traces, and the
Langfuse ingestion API on /api/public/ingestion, stores them in SQLite, and
serves the viewer at its root URL. A Tracewise app with no other configuration
sends its traces here while it runs.

Options:
  -p, --port <port>  Port to listen on (0 picks a free one)   [default: 4318]
  -d, --dir <dir>    Directory of the SQLite store             [default: .tracewise]
      --host <host>  Interface to listen on; the collector has
                     no authentication, keep it on loopback     [default: 127.0.0.1]
  -h, --help         Show this help

Stop it with Ctrl+C.`;
