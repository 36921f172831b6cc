/**
 * How the OTLP exporter encodes and compresses request bodies, resolved by a pure function from the
 * explicit options and the OpenTelemetry environment variables:
 *
 * - protocol: `protocol` option, else `OTEL_EXPORTER_OTLP_TRACES_PROTOCOL`, else
 *   `OTEL_EXPORTER_OTLP_PROTOCOL`, else `http/protobuf` (the specification's default, and the
 *   smaller and cheaper encoding). `grpc` is not supported: it warns and uses `http/protobuf`.
 * - compression: `gzip` option, else `OTEL_EXPORTER_OTLP_TRACES_COMPRESSION`, else
 *   `OTEL_EXPORTER_OTLP_COMPRESSION` (`gzip` or `none`), else gzip.
 *
 * An explicit option with a bad value throws `TracewiseConfigError`; an environment value that does
 * not parse is reported (warned once by the exporter) and ignored.
 *
 * @module
 */
import { TracewiseConfigError } from "../../config/config-error";

/** The OTLP/HTTP encodings Tracewise sends. */
export const OTLP_PROTOCOLS = ["http/protobuf", "http/json"] as const;

/** `http/protobuf` or `http/json`. */
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number];

/** The request `Content-Type` of each protocol. */
export const CONTENT_TYPE: Readonly<Record<OtlpProtocol, string>> = {
  "http/protobuf": "application/x-protobuf",
  "http/json": "application/json",
};

/** The wire options of the OTLP exporter. */
export interface OtlpWireOptions {
  /**
   * Body encoding. Langfuse and OpenTelemetry collectors accept both.
   * @default `OTEL_EXPORTER_OTLP_(TRACES_)PROTOCOL`, else "http/protobuf"
   */
  readonly protocol?: OtlpProtocol;
  /**
   * Compress request bodies with gzip.
   * @default `OTEL_EXPORTER_OTLP_(TRACES_)COMPRESSION` (`gzip` or `none`), else true
   */
  readonly gzip?: boolean;
}

/** The resolved wire settings and the environment problems to log once. */
export interface ResolvedOtlpWire {
  readonly protocol: OtlpProtocol;
  readonly gzip: boolean;
  readonly warnings: readonly string[];
}

type Env = Readonly<Record<string, string | undefined>>;

/** The first set variable of `names`, trimmed and lower-cased, with its name. */
function firstSet(env: Env, names: readonly string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name]?.trim().toLowerCase();
    if (value !== undefined && value !== "") return { name, value };
  }
  return undefined;
}

function resolveProtocol(option: unknown, env: Env, warnings: string[]): OtlpProtocol {
  if (option !== undefined) {
    if ((OTLP_PROTOCOLS as readonly unknown[]).includes(option)) return option as OtlpProtocol;
    throw new TracewiseConfigError("protocol", option, `one of ${OTLP_PROTOCOLS.map((p) => `"${p}"`).join(", ")}`);
  }
  const set = firstSet(env, ["OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL"]);
  if (set === undefined) return "http/protobuf";
  if ((OTLP_PROTOCOLS as readonly string[]).includes(set.value)) return set.value as OtlpProtocol;
  warnings.push(`${set.name}="${set.value}" is not supported (use http/protobuf or http/json); sending http/protobuf`);
  return "http/protobuf";
}

function resolveGzip(option: unknown, env: Env, warnings: string[]): boolean {
  if (option !== undefined) {
    if (typeof option === "boolean") return option;
    throw new TracewiseConfigError("gzip", option, "true or false");
  }
  const set = firstSet(env, ["OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", "OTEL_EXPORTER_OTLP_COMPRESSION"]);
  if (set === undefined || set.value === "gzip") return true;
  if (set.value === "none") return false;
  warnings.push(`${set.name}="${set.value}" is not a compression (use gzip or none); using gzip`);
  return true;
}

/** Resolves the protocol and compression; throws only for a bad explicit option. */
export function resolveOtlpWire(options: OtlpWireOptions, env: Env): ResolvedOtlpWire {
  const warnings: string[] = [];
  const protocol = resolveProtocol(options.protocol, env, warnings);
  const gzip = resolveGzip(options.gzip, env, warnings);
  return { protocol, gzip, warnings };
}
