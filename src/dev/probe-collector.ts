/**
 * Asks whether a Tracewise collector answers at an address — cheap and never throwing, so the SDK can
 * use it at startup to pick its zero-config default (export to the local collector if one runs,
 * otherwise print the console tree). Imports nothing but `node:http`.
 *
 * @module
 */
import { request } from "node:http";

/** Where the SDK looks for a local collector by default. */
export const DEFAULT_COLLECTOR_URL = "http://127.0.0.1:4318";
/** How long the probe waits for an answer by default (ms): a local server answers in a few ms. */
export const DEFAULT_PROBE_TIMEOUT_MS = 300;
/** Largest health response read (bytes). */
const MAX_HEALTH_BYTES = 4_096;

/** Options of {@link probeCollector}. */
export interface ProbeCollectorOptions {
  /**
   * Base URL of the collector.
   * @default "http://127.0.0.1:4318"
   */
  url?: string;
  /**
   * Total time allowed for connect + response (ms).
   * @default 300
   */
  timeoutMs?: number;
}

/**
 * Resolves true when `GET {url}/api/health` answers 200 with `service: "tracewise-collector"` within
 * the timeout; false on anything else (refused, timeout, another server). Never rejects.
 * @example
 * ```ts
 * if (await probeCollector()) console.log("exporting to the local collector");
 * ```
 */
export function probeCollector(options: ProbeCollectorOptions = {}): Promise<boolean> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL("/api/health", options.url ?? DEFAULT_COLLECTOR_URL);
    } catch {
      resolve(false);
      return;
    }
    if (target.protocol !== "http:") {
      resolve(false);
      return;
    }
    const req = request(target, { method: "GET", agent: false, headers: { accept: "application/json" } }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_HEALTH_BYTES) req.destroy();
        else chunks.push(chunk);
      });
      res.on("end", () => {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { service?: unknown };
          resolve(res.statusCode === 200 && body.service === "tracewise-collector");
        } catch {
          resolve(false);
        }
      });
      res.on("error", () => resolve(false));
    });
    const timer = setTimeout(() => req.destroy(new Error("probe timed out")), options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS);
    timer.unref();
    req.on("error", () => resolve(false));
    req.on("close", () => {
      clearTimeout(timer);
      resolve(false);
    });
    req.end();
  });
}
