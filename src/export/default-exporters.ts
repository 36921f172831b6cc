import { envString, type Env } from "../config/env";
import type { ResolvedConfig } from "../config/resolve-config";
import type { Exporter } from "./exporter";
import { LocalOrConsoleExporter } from "./local-or-console-exporter";
import { OtlpHttpExporter, type OtlpHttpExporterOptions } from "./otlp/otlp-http-exporter";
import { resolveOtlpTarget } from "./otlp/otlp-target";

/** The client's delivery settings in the HTTP exporters' terms. */
export function deliveryOptions(config: ResolvedConfig): Omit<OtlpHttpExporterOptions, "endpoint"> {
  const d = config.delivery;
  return {
    flushAt: d.flushAt,
    flushIntervalMs: d.flushIntervalMs,
    maxQueueRecords: d.maxQueueSize,
    requestTimeoutMs: d.requestTimeoutMs,
    ...(d.maxRetries === undefined ? {} : { maxRetries: d.maxRetries }),
  };
}

/**
 * The exporters used when none is given:
 * 1. Langfuse keys (options or environment) → OTLP/HTTP to Langfuse (scores via its ingestion API);
 * 2. `OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT` → OTLP/HTTP to that backend;
 * 3. otherwise the local collector of `npx tracewise ui` (at `TRACEWISE_COLLECTOR_URL`, by default
 *    http://127.0.0.1:4318) if one answers, else the console tree.
 */
export function chooseDefaultExporters(config: ResolvedConfig, env: Env): Exporter[] {
  const target = {
    ...(config.publicKey === undefined ? {} : { publicKey: config.publicKey }),
    ...(config.secretKey === undefined ? {} : { secretKey: config.secretKey }),
    baseUrl: config.baseUrl,
  };
  const resolved = resolveOtlpTarget(target, env);
  for (const warning of resolved.warnings) config.logger.once("warn", `otlp-target:${warning}`, warning);
  if (resolved.target !== undefined) return [new OtlpHttpExporter({ ...target, ...deliveryOptions(config), env })];
  const url = envString(env, "TRACEWISE_COLLECTOR_URL");
  return [new LocalOrConsoleExporter({ delivery: deliveryOptions(config), ...(url === undefined ? {} : { url }) })];
}
