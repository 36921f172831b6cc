import { envString, type Env } from "../config/env";
import type { ResolvedConfig } from "../config/resolve-config";
import type { Logger } from "../diag/logger";
import { ConsoleExporter } from "./console/console-exporter";
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

/** The exporter names of `OTEL_TRACES_EXPORTER` that Tracewise implements. */
export const OTEL_TRACES_EXPORTERS = ["otlp", "console", "none"] as const;
type OtelTracesExporter = (typeof OTEL_TRACES_EXPORTERS)[number];

/** OpenTelemetry's default OTLP/HTTP base URL, used by `OTEL_TRACES_EXPORTER=otlp` without an endpoint. */
const OTEL_DEFAULT_OTLP_ENDPOINT = "http://localhost:4318";

/**
 * The exporters used when none is given:
 * 1. Langfuse keys passed as options → OTLP/HTTP to Langfuse (scores via its ingestion API);
 * 2. `OTEL_TRACES_EXPORTER` as OpenTelemetry defines it: a comma-separated list of `otlp` (the OTLP
 *    target below, else http://localhost:4318), `console` (the tree), `none` (no exporter);
 * 3. Langfuse keys in the environment, then `OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT` → OTLP/HTTP there;
 * 4. otherwise the local collector of `npx tracewise ui` (at `TRACEWISE_COLLECTOR_URL`, by default
 *    http://127.0.0.1:4318) if one answers, else the console tree — or, with `NODE_ENV=production`,
 *    one warning and no output per trace.
 */
export function chooseDefaultExporters(config: ResolvedConfig, env: Env): Exporter[] {
  const logger = config.logger;
  const target = {
    ...(config.publicKey === undefined ? {} : { publicKey: config.publicKey }),
    ...(config.secretKey === undefined ? {} : { secretKey: config.secretKey }),
    baseUrl: config.baseUrl,
  };
  if (config.publicKey !== undefined && config.secretKey === undefined) halfConfigured(logger, "LANGFUSE_PUBLIC_KEY (publicKey)", "LANGFUSE_SECRET_KEY (secretKey)");
  if (config.secretKey !== undefined && config.publicKey === undefined) halfConfigured(logger, "LANGFUSE_SECRET_KEY (secretKey)", "LANGFUSE_PUBLIC_KEY (publicKey)");
  const keysGivenAsOptions = config.keysFromOptions && config.publicKey !== undefined && config.secretKey !== undefined;
  const requested = keysGivenAsOptions ? undefined : otelTracesExporters(env, logger);
  if (requested !== undefined) {
    if (requested.length === 0) logger.debug("OTEL_TRACES_EXPORTER=none: traces are recorded but not exported");
    return requested.map((name) => (name === "console" ? consoleExporter(logger, "OTEL_TRACES_EXPORTER=console") : otlpExporter(config, env, target, true)));
  }
  const otlp = otlpExporter(config, env, target, false);
  if (otlp !== undefined) return [otlp];
  const url = envString(env, "TRACEWISE_COLLECTOR_URL");
  const production = envString(env, "NODE_ENV") === "production";
  logger.debug(`no exporter configured: probing for a local collector at ${url ?? "http://127.0.0.1:4318"}${production ? " (NODE_ENV=production: nothing is printed if none answers)" : ""}`);
  return [new LocalOrConsoleExporter({ delivery: deliveryOptions(config), production, ...(url === undefined ? {} : { url }) })];
}

/**
 * The OTLP exporter for the configured target; with `fallback` (OTEL_TRACES_EXPORTER=otlp), OpenTelemetry's
 * default endpoint when none is configured.
 */
function otlpExporter(config: ResolvedConfig, env: Env, target: { publicKey?: string; secretKey?: string; baseUrl: string }, fallback: true): Exporter;
function otlpExporter(config: ResolvedConfig, env: Env, target: { publicKey?: string; secretKey?: string; baseUrl: string }, fallback: false): Exporter | undefined;
function otlpExporter(config: ResolvedConfig, env: Env, target: { publicKey?: string; secretKey?: string; baseUrl: string }, fallback: boolean): Exporter | undefined {
  let resolved = resolveOtlpTarget(target, env);
  let exporterEnv = env;
  if (resolved.target === undefined && fallback) {
    exporterEnv = { ...env, OTEL_EXPORTER_OTLP_ENDPOINT: OTEL_DEFAULT_OTLP_ENDPOINT };
    resolved = resolveOtlpTarget(target, exporterEnv);
  }
  for (const warning of resolved.warnings) config.logger.once("warn", `otlp-target:${warning}`, warning);
  if (resolved.target === undefined) return undefined;
  const exporter = new OtlpHttpExporter({ ...target, ...deliveryOptions(config), env: exporterEnv });
  const where = resolved.target.kind === "langfuse" ? "Langfuse" : "an OTLP backend";
  config.logger.debug(`exporting traces over OTLP/HTTP (${exporter.wire.protocol}${exporter.wire.gzip ? ", gzip" : ""}) to ${where} at ${resolved.target.tracesUrl}`);
  return exporter;
}

function consoleExporter(logger: Logger, why: string): Exporter {
  logger.debug(`${why}: printing each finished trace to stdout as a tree`);
  return new ConsoleExporter();
}

/** `OTEL_TRACES_EXPORTER` as a list ([] for `none`), or undefined when unset or naming nothing Tracewise implements. */
function otelTracesExporters(env: Env, logger: Logger): OtelTracesExporter[] | undefined {
  const raw = envString(env, "OTEL_TRACES_EXPORTER");
  if (raw === undefined) return undefined;
  const names = [...new Set(raw.split(",").map((n) => n.trim().toLowerCase()).filter((n) => n !== ""))];
  const known = names.filter((n): n is OtelTracesExporter => (OTEL_TRACES_EXPORTERS as readonly string[]).includes(n));
  const unknown = names.filter((n) => !known.includes(n as OtelTracesExporter));
  if (unknown.length > 0) {
    logger.once("warn", "env:OTEL_TRACES_EXPORTER", `ignoring ${unknown.join(", ")} in OTEL_TRACES_EXPORTER="${raw}": Tracewise implements ${OTEL_TRACES_EXPORTERS.join(", ")}`);
  }
  if (known.includes("none")) return [];
  return known.length === 0 ? undefined : known;
}

function halfConfigured(logger: Logger, set: string, missing: string): void {
  logger.once("warn", "langfuse:half-configured", `${set} is set but ${missing} is not: traces are not sent to Langfuse. Set both, or neither.`);
}
