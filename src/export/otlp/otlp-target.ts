/**
 * Where the OTLP exporter sends, resolved by a pure function from explicit options and environment
 * variables, as the OpenTelemetry specification defines them:
 *
 * - `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` is used as is; otherwise `OTEL_EXPORTER_OTLP_ENDPOINT` is a base
 *   URL to which `v1/traces` is appended (after a `/` when it has none).
 * - `OTEL_EXPORTER_OTLP_HEADERS` and `OTEL_EXPORTER_OTLP_TRACES_HEADERS` (the latter wins per key) are
 *   `key=value` pairs separated by commas, W3C-baggage style, with percent-encoded values; pairs that
 *   do not parse are skipped and reported.
 *
 * Precedence: the explicit `endpoint` option, then Langfuse keys (options, then `LANGFUSE_PUBLIC_KEY`,
 * `LANGFUSE_SECRET_KEY`, `LANGFUSE_BASE_URL`), then the OTel variables.
 *
 * @module
 */

/** The target-selecting options of the OTLP exporter. */
export interface OtlpTargetOptions {
  /** Full URL of an OTLP/HTTP traces endpoint, used as is (like OTel's `url`). @default none */
  readonly endpoint?: string;
  /** Extra request headers, added to (and overriding) those from the environment. @default {} */
  readonly headers?: Readonly<Record<string, string>>;
  /** Langfuse public key (`pk-lf-…`). @default `LANGFUSE_PUBLIC_KEY` */
  readonly publicKey?: string;
  /** Langfuse secret key (`sk-lf-…`); never logged. @default `LANGFUSE_SECRET_KEY` */
  readonly secretKey?: string;
  /** Langfuse base URL. @default `LANGFUSE_BASE_URL`, else `https://cloud.langfuse.com` */
  readonly baseUrl?: string;
  /**
   * Base URL of a local Tracewise collector (`tracewise ui`): it speaks Langfuse's API (OTLP under
   * `/api/public/otel`, scores through `/api/public/ingestion`) and needs no credentials.
   * Beats every other target. @default none
   */
  readonly collectorUrl?: string;
}

/** A resolved destination. Langfuse targets also have the ingestion URL used for scores. */
export type OtlpTarget =
  | {
      readonly kind: "langfuse";
      readonly tracesUrl: string;
      readonly ingestionUrl: string;
      readonly headers: Readonly<Record<string, string>>;
    }
  | { readonly kind: "otlp"; readonly tracesUrl: string; readonly headers: Readonly<Record<string, string>> };

/** The result of {@link resolveOtlpTarget}: a target (or none) and the problems to log once. */
export interface ResolvedOtlpTarget {
  readonly target: OtlpTarget | undefined;
  readonly warnings: readonly string[];
}

/** Langfuse Cloud (EU), the default base URL. */
export const DEFAULT_LANGFUSE_BASE_URL = "https://cloud.langfuse.com";

type Env = Readonly<Record<string, string | undefined>>;

/** Resolves the destination; never throws. Invalid environment values are skipped with a warning. */
export function resolveOtlpTarget(options: OtlpTargetOptions, env: Env): ResolvedOtlpTarget {
  const warnings: string[] = [];
  const extra = options.headers ?? {};
  if (options.collectorUrl !== undefined) {
    const base = trimSlashes(options.collectorUrl);
    return { target: langfuseShaped(base, { ...extra }), warnings };
  }
  if (options.endpoint !== undefined) {
    return { target: { kind: "otlp", tracesUrl: options.endpoint, headers: { ...extra } }, warnings };
  }
  const publicKey = options.publicKey ?? nonEmpty(env.LANGFUSE_PUBLIC_KEY);
  const secretKey = options.secretKey ?? nonEmpty(env.LANGFUSE_SECRET_KEY);
  if (publicKey !== undefined && secretKey !== undefined) {
    const base = trimSlashes(options.baseUrl ?? nonEmpty(env.LANGFUSE_BASE_URL) ?? nonEmpty(env.LANGFUSE_BASEURL) ?? DEFAULT_LANGFUSE_BASE_URL);
    return { target: langfuseShaped(base, { authorization: basicAuth(publicKey, secretKey), ...extra }), warnings };
  }
  const tracesUrl = otelTracesEndpoint(env, warnings);
  if (tracesUrl === undefined) return { target: undefined, warnings };
  const headers = {
    ...parseOtelHeaders(env.OTEL_EXPORTER_OTLP_HEADERS, "OTEL_EXPORTER_OTLP_HEADERS", warnings),
    ...parseOtelHeaders(env.OTEL_EXPORTER_OTLP_TRACES_HEADERS, "OTEL_EXPORTER_OTLP_TRACES_HEADERS", warnings),
    ...extra,
  };
  return { target: { kind: "otlp", tracesUrl, headers }, warnings };
}

/** The traces URL from the OTel variables, or `undefined`; invalid URLs are reported and ignored. */
export function otelTracesEndpoint(env: Env, warnings: string[] = []): string | undefined {
  const specific = nonEmpty(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  if (specific !== undefined) {
    if (isHttpUrl(specific)) return specific;
    warnings.push(`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is not an http(s) URL; ignored`);
  }
  const base = nonEmpty(env.OTEL_EXPORTER_OTLP_ENDPOINT);
  if (base === undefined) return undefined;
  if (!isHttpUrl(base)) {
    warnings.push(`OTEL_EXPORTER_OTLP_ENDPOINT is not an http(s) URL; ignored`);
    return undefined;
  }
  return base.endsWith("/") ? `${base}v1/traces` : `${base}/v1/traces`;
}

/**
 * Parses `k=v,k2=v2` (W3C baggage style): entries split on `,`, key and value on the first `=`, both
 * trimmed and percent-decoded; `;`-properties after a value are dropped. Bad entries are skipped and
 * reported without their value (it may be a credential).
 */
export function parseOtelHeaders(raw: string | undefined, variable: string, warnings: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  if (raw === undefined || raw.trim() === "") return out;
  for (const entry of raw.split(",")) {
    if (entry.trim() === "") continue;
    const at = entry.indexOf("=");
    try {
      if (at <= 0) throw new Error("no key");
      const key = decodeURIComponent(entry.slice(0, at).trim());
      const value = decodeURIComponent(entry.slice(at + 1).split(";")[0]?.trim() ?? "");
      if (key === "" || !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(key)) throw new Error("bad key");
      out[key.toLowerCase()] = value;
    } catch {
      warnings.push(`${variable}: skipped an entry that is not key=value`);
    }
  }
  return out;
}

/** A target with Langfuse's endpoints under `base`. */
function langfuseShaped(base: string, headers: Readonly<Record<string, string>>): OtlpTarget {
  return { kind: "langfuse", tracesUrl: `${base}/api/public/otel/v1/traces`, ingestionUrl: `${base}/api/public/ingestion`, headers };
}

/** `Basic base64(publicKey:secretKey)`. */
export function basicAuth(publicKey: string, secretKey: string): string {
  return `Basic ${Buffer.from(`${publicKey}:${secretKey}`).toString("base64")}`;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}

function trimSlashes(url: string): string {
  return url.replace(/\/+$/, "");
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}
