/**
 * `OtlpHttpExporter`: observations as OTLP/HTTP (protobuf by default, or JSON; gzip) to Langfuse v4
 * (`{baseUrl}/api/public/otel/v1/traces`) or any OpenTelemetry backend; scores to Langfuse's ingestion
 * API as `score-create` events, or as zero-duration spans for other backends.
 *
 * @module
 */
import { TracewiseConfigError } from "../../config/config-error";
import type { ExportRecord } from "../../core/records";
import type { ExporterContext } from "../exporter";
import { BatchEngine } from "../http/batch-engine";
import { HttpExporterBase, type ExporterRoutes, type HttpExporterOptions } from "../http/http-exporter-base";
import { createHttpSender } from "../http/http-sender";
import { TraceAdmission } from "../http/trace-admission";
import type { HttpTransport } from "../http/http-transport";
import { ingestionCodec } from "../langfuse/ingestion-codec";
import { interpretIngestionResponse } from "../langfuse/ingestion-response";
import type { BatchCodec } from "../http/batch-engine";
import { otlpCodec } from "./otlp-codec";
import { interpretOtlpResponse } from "./otlp-response";
import { LANGFUSE_SCOPE_NAME, OTLP_SCOPE_NAME, otlpEnvelope } from "./otlp-resource";
import { type OtlpTarget, type OtlpTargetOptions, resolveOtlpTarget } from "./otlp-target";
import { CONTENT_TYPE, type OtlpWireOptions, type ResolvedOtlpWire, resolveOtlpWire } from "./otlp-wire";
import { otlpProtoCodec } from "./proto/otlp-proto-codec";
import { otlpProtoEnvelope } from "./proto/otlp-proto-envelope";

/**
 * Options of {@link OtlpHttpExporter}: a target (explicit, Langfuse keys or OTel env), the wire
 * encoding and compression, and batch tuning. The `OTEL_EXPORTER_OTLP_(TRACES_)PROTOCOL` and
 * `_COMPRESSION` variables apply to targets named by the OTel variables or `endpoint`, not to Langfuse
 * targets (a global OTel setting for another exporter should not change how Langfuse is reached).
 */
export interface OtlpHttpExporterOptions extends OtlpTargetOptions, OtlpWireOptions, HttpExporterOptions {
  /** Environment variables to read. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Sends observations over OTLP/HTTP. Construct it when Langfuse keys or an OTLP endpoint are
 * configured; it throws `TracewiseConfigError` when neither the options nor the environment name a
 * destination.
 *
 * @example
 * const exporter = new OtlpHttpExporter({ publicKey: "pk-lf-…", secretKey: "sk-lf-…" });
 */
export class OtlpHttpExporter extends HttpExporterBase {
  /** Counters are `export.otlp.…`. */
  readonly name = "otlp";
  /** The resolved destination (its headers hold credentials: never log them). */
  readonly target: OtlpTarget;
  /** The resolved encoding and compression. */
  readonly wire: Omit<ResolvedOtlpWire, "warnings">;
  private readonly warnings: readonly string[];
  private readonly env: Readonly<Record<string, string | undefined>>;

  /** @param options - see {@link OtlpHttpExporterOptions}. */
  constructor(private readonly options: OtlpHttpExporterOptions = {}) {
    super(options);
    this.env = options.env ?? process.env;
    const resolved = resolveOtlpTarget(options, this.env);
    if (resolved.target === undefined) {
      throw new TracewiseConfigError(
        "endpoint",
        options.endpoint,
        "an OTLP endpoint, Langfuse publicKey and secretKey, or OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT",
      );
    }
    this.target = resolved.target;
    const wire = resolveOtlpWire(options, this.target.kind === "langfuse" ? {} : this.env);
    this.wire = { protocol: wire.protocol, gzip: wire.gzip };
    this.warnings = [...resolved.warnings, ...wire.warnings];
  }

  protected createRoutes(context: ExporterContext, transport: HttpTransport): ExporterRoutes {
    for (const warning of this.warnings) context.logger.once("warn", `otlp:${warning}`, warning);
    const { target } = this;
    const sdkHeaders = {
      "user-agent": `${context.sdk.name}/${context.sdk.version}`,
      ...(target.kind === "langfuse"
        ? {
            "x-langfuse-ingestion-version": "4",
            "x-langfuse-sdk-name": context.sdk.name,
            "x-langfuse-sdk-version": context.sdk.version,
          }
        : {}),
    };
    const common = {
      // Observations and scores travel through two engines; a trace refused by one is refused by both.
      admission: new TraceAdmission(),
      logger: context.logger,
      counters: context.counters,
      errors: context.errors,
      counterPrefix: "export.otlp.",
      ...(this.options.now === undefined ? {} : { now: this.options.now }),
      ...(this.options.random === undefined ? {} : { random: this.options.random }),
    };
    const spanSender = createHttpSender(
      transport,
      {
        url: target.tracesUrl,
        headers: { ...sdkHeaders, ...target.headers, "content-type": CONTENT_TYPE[this.wire.protocol] },
        gzip: this.wire.gzip,
        timeoutMs: this.batch.requestTimeoutMs,
      },
      (outcome, _items, nowMs) => interpretOtlpResponse(outcome, nowMs),
    );
    const spanCodec = this.spanCodec(context, target.kind === "langfuse" ? LANGFUSE_SCOPE_NAME : OTLP_SCOPE_NAME);
    const observations = new BatchEngine(this.batch, { ...common, name: "otlp", codec: spanCodec, send: spanSender });
    if (target.kind !== "langfuse") return { observations, scores: observations };
    const scoreSender = createHttpSender(
      transport,
      { url: target.ingestionUrl, headers: { ...sdkHeaders, ...target.headers, "content-type": "application/json" }, gzip: this.wire.gzip, timeoutMs: this.batch.requestTimeoutMs },
      interpretIngestionResponse,
    );
    const codec = ingestionCodec({ typedSpansAsSpans: false, ...envFields(context) }, context.sdk);
    const scores = new BatchEngine(this.batch, { ...common, name: "otlp scores", codec, send: scoreSender });
    return { observations, scores };
  }

  private spanCodec(context: ExporterContext, scopeName: string): BatchCodec<ExportRecord> {
    if (this.wire.protocol === "http/json") return otlpCodec(otlpEnvelope(context, scopeName));
    return otlpProtoCodec(otlpProtoEnvelope(context, scopeName));
  }
}

function envFields(context: ExporterContext): { environment?: string } {
  return context.resource.environment === undefined ? {} : { environment: context.resource.environment };
}
