/**
 * The local collector: one process that receives traces (OTLP/HTTP JSON and protobuf, the legacy
 * Langfuse ingestion API), stores them in SQLite and serves the trace viewer.
 *
 * @module
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createCollectorListener } from "./collector-router";
import { openTraceStore } from "./store/trace-store";

/** The collector's default port (the OTLP/HTTP port, so OpenTelemetry SDKs find it unconfigured). */
export const DEFAULT_COLLECTOR_PORT = 4318;
/** The collector's default address: loopback only. */
export const DEFAULT_COLLECTOR_HOST = "127.0.0.1";
/** The default store directory, relative to the working directory. */
export const DEFAULT_COLLECTOR_DIR = ".tracewise";

/** How often a running collector refreshes its SQLite planner statistics (ms). */
const OPTIMIZE_INTERVAL_MS = 10 * 60_000;

/** Options of {@link startCollector}. */
export interface CollectorOptions {
  /**
   * TCP port; 0 picks a free one.
   * @default 4318
   */
  port?: number;
  /**
   * Interface to listen on. Keep the loopback default unless you know why: the collector has no auth.
   * @default "127.0.0.1"
   */
  host?: string;
  /**
   * Directory of the SQLite store (created if missing).
   * @default ".tracewise"
   */
  dir?: string;
  /**
   * Receives a line for each request that failed on the collector's side (5xx).
   * @default no logging
   */
  log?: (line: string) => void;
}

/** A running collector. */
export interface RunningCollector {
  /** Base URL, e.g. `http://127.0.0.1:4318`; the viewer is at `/`, OTLP at `/v1/traces`. */
  readonly url: string;
  /** The port actually bound (useful with `port: 0`). */
  readonly port: number;
  /** Absolute path of the SQLite database file. */
  readonly databasePath: string;
  /** Stops accepting requests, waits for in-flight ones, closes the store. Idempotent. */
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(
        error.code === "EADDRINUSE"
          ? new Error(`port ${port} on ${host} is already in use — is another collector running? Choose another with --port`, { cause: error })
          : error,
      );
    };
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

/**
 * Starts the collector and viewer.
 * @example
 * ```ts
 * const collector = await startCollector({ port: 0, dir: tmpDir });
 * console.log(`viewer at ${collector.url}`);
 * await collector.close();
 * ```
 * @throws SqliteDriverMissingError when `better-sqlite3` is not installed; an Error when the port is taken
 */
export async function startCollector(options: CollectorOptions = {}): Promise<RunningCollector> {
  const host = options.host ?? DEFAULT_COLLECTOR_HOST;
  const store = await openTraceStore(options.dir ?? DEFAULT_COLLECTOR_DIR);
  const server = createServer({ keepAliveTimeout: 5_000 }, createCollectorListener({ store, host, ...(options.log && { log: options.log }) }));
  let address: AddressInfo;
  try {
    address = await listen(server, options.port ?? DEFAULT_COLLECTOR_PORT, host);
  } catch (error) {
    store.close();
    throw error;
  }
  // Planner statistics go stale as a long-running store grows; refreshing them is cheap when they are not.
  const optimizer = setInterval(() => store.optimize(), OPTIMIZE_INTERVAL_MS);
  optimizer.unref();
  const urlHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    databasePath: store.path,
    close() {
      closing ??= new Promise<void>((resolve) => {
        clearInterval(optimizer);
        server.close(() => {
          store.close();
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
