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
/**
 * The probe's clock ticks this often (ms). A tick counts at most this much time however late it fires,
 * so time the event loop spent blocked in the host's synchronous code does not count against the probe.
 */
const PROBE_TICK_MS = 20;
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
   * Time allowed for connect + response (ms), counted while the event loop is free to run the probe:
   * synchronous work in the host app does not use it up.
   * @default 300
   */
  timeoutMs?: number;
}

/**
 * Resolves true when `GET {url}/api/health` answers 200 with `service: "tracewise-collector"` within
 * the timeout; false on anything else (refused, timeout, another server). Never rejects. The timeout
 * is measured in event-loop time (see {@link ProbeCollectorOptions.timeoutMs}), so a host that blocks
 * the loop right after startup does not turn a running collector into "none found".
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
    let budget = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      budget -= Math.min(now - last, PROBE_TICK_MS);
      last = now;
      if (budget <= 0) req.destroy(new Error("probe timed out"));
    }, PROBE_TICK_MS);
    timer.unref();
    req.on("error", () => resolve(false));
    req.on("close", () => {
      clearInterval(timer);
      resolve(false);
    });
    req.end();
  });
}
