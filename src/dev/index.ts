/**
 * The local collector and trace viewer (`tracewise ui`). The SDK itself should import only
 * `./probe-collector` (no SQLite, no server code) to decide its zero-config default.
 *
 * @module
 */
export { startCollector, DEFAULT_COLLECTOR_PORT, DEFAULT_COLLECTOR_HOST, DEFAULT_COLLECTOR_DIR } from "./collector";
export type { CollectorOptions, RunningCollector } from "./collector";
export { probeCollector, DEFAULT_COLLECTOR_URL, DEFAULT_PROBE_TIMEOUT_MS } from "./probe-collector";
export type { ProbeCollectorOptions } from "./probe-collector";
export { SqliteDriverMissingError } from "./store/load-sqlite";
